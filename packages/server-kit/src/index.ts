export { BodyTooLargeError, createHttpHandler } from './http.ts';
export type { HealthReport, HttpHandlerOptions, OperationText } from './http.ts';
export { checkPortFree, listen } from './listen.ts';
export type { DrainResult, Listening, ListenOptions } from './listen.ts';
export {
  assertSignedByRouter,
  buildSchema,
  createSubgraphServer,
  requestIdFrom,
  requestIdentity,
} from './subgraph.ts';
export type { RequestContext, SubgraphServerOptions } from './subgraph.ts';
export { connection, decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageSize } from './pagination.ts';
export { groupByKeys, orderByKeys } from './batch.ts';
export {
  containsNul,
  cursorValue,
  isStorableId,
  MAX_CURSOR_OFFSET,
  MAX_ID_LENGTH,
  requireId,
  requireText,
  requireTextList,
  signedIn,
  storableIds,
} from './input.ts';
export type { TextRule } from './input.ts';
export { defineSubgraph } from './defineSubgraph.ts';
export type {
  NoServices,
  Subgraph,
  SubgraphContext,
  SubgraphDefinition,
  SubgraphHealthOptions,
} from './defineSubgraph.ts';
export { DateTime } from './DateTime.ts';
export { executeInProcess } from './executeInProcess.ts';
export type { InProcessResult } from './executeInProcess.ts';
export {
  IDENTITY_EXTENSION,
  REQUEST_ID_EXTENSION,
  ROUTER_CREDENTIAL_PARAM,
  serveSubgraphSubscriptions,
} from './subscriptions.ts';
export type { SubgraphSubscriptions, SubgraphSubscriptionsOptions } from './subscriptions.ts';
export { createPushIterator, mapAsyncIterator } from './iterators.ts';
export type { PushIterator } from './iterators.ts';
export {
  createFederatedEntityExistence,
  createEntityLoader,
  createFixedEntityExistence,
  fetchEntities,
} from './entityLookup.ts';
export type { EntityExistence, EntityFetchOptions } from './entityLookup.ts';
export { createHealthMonitor } from './healthMonitor.ts';
export type {
  DependencyHealth,
  HealthCheck,
  HealthMonitor,
  HealthMonitorOptions,
} from './healthMonitor.ts';
export { operationObserverPlugin, setAccessLogSampleRate } from './operationObserver.ts';
