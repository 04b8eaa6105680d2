export {
  composeSupergraph,
  CompositionError,
  readSupergraph,
  subgraphNames,
  supergraphPath,
  writeSupergraph,
} from './compose.ts';
export { createRouter } from './router.ts';
export type { Router, RouterContext, RouterOptions } from './router.ts';
export { checkShape, MAX_MERGE_PAIRS, operationDepth } from './limits.ts';
export type { OperationLimits } from './limits.ts';
export { analyseDocument, createDocumentJudge, createOperationGate } from './admission.ts';
export type { DocumentJudge, DocumentVerdict, OperationGate } from './admission.ts';
export { operationLimitsPlugin } from './limitsPlugin.ts';
export { expandedSelections, mergeShape } from './documentShape.ts';
export { DEFAULT_LIST_SIZE, operationCost } from './cost.ts';
export { AUTH_FIELDS, enforceFieldRateLimits, rootFields } from './fieldRateLimit.ts';
export { clientIp, enforceRateLimit } from './rateLimit.ts';
export type { ClientRequest, RateLimitOptions, RouterRateLimiter } from './rateLimit.ts';
export type { TokenRevocationCheck } from './identity.ts';
export { accountCheckPlugin, createFederatedAccountCheck } from './accounts.ts';
export type { AccountCheck } from './accounts.ts';
export { webListener } from './http/web.ts';
export type { WebOptions } from './http/web.ts';
export { BUILT_WEB_APP_DIR } from './http/staticApp.ts';
