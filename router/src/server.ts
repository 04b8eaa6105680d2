export { composeSupergraph, CompositionError, readSupergraph, subgraphNames, supergraphPath, writeSupergraph } from './compose.ts';
export { createRouter } from './router.ts';
export type { Router, RouterContext, RouterOptions } from './router.ts';
export { depthLimitPlugin, operationDepth } from './limits.ts';
