export {
  childCache,
  collectProcessMetrics,
  metrics,
  observePoolUse,
  observeSocketConnections,
  processService,
  scrape,
  type Metrics,
  type PoolUse,
} from './metrics.ts';
export { createOperationNames, MAX_OPERATION_NAMES } from './operationName.ts';
export { observeBatches } from './batches.ts';
