export {
  childCache,
  collectProcessMetrics,
  metrics,
  observePoolUse,
  observeSocketConnections,
  observeStoredFigures,
  processService,
  scrape,
  type Metrics,
  type PoolUse,
  type StoredFigure,
  type StoredMetric,
} from './metrics.ts';
export { createOperationNames, MAX_OPERATION_NAMES } from './operationName.ts';
export { observeBatches } from './batches.ts';
