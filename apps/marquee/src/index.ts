export { openStores, loadSecrets } from './runtime/stores.ts';
export type { Stores } from './runtime/stores.ts';
export { buildSubgraph, serveRouter, serveSubgraph, serviceNames } from './runtime/services.ts';
export type { RunningService, ServiceName } from './runtime/services.ts';
export { seedDemoCatalogue, seedIfEmpty } from './runtime/seed.ts';
