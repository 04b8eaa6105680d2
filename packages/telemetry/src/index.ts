export { childCache, collectProcessMetrics, metrics, scrape, type Metrics } from './metrics.ts';
export { createOperationNames, MAX_OPERATION_NAMES } from './operationName.ts';
export { observeBatches } from './batches.ts';
