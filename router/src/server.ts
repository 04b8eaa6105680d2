export { composeSupergraph, CompositionError, readSupergraph, subgraphNames, supergraphPath, writeSupergraph } from './compose.ts';
export { createRouter } from './router.ts';
export type { Router, RouterContext, RouterOptions } from './router.ts';
export { depthLimitPlugin, operationDepth } from './limits.ts';
export { costLimitPlugin, DEFAULT_LIST_SIZE, operationCost } from './cost.ts';
export { clientIp, enforceRateLimit } from './rateLimit.ts';
export type { ClientRequest, RateLimitOptions, RouterRateLimiter } from './rateLimit.ts';
export type { TokenRevocationCheck } from './identity.ts';
