// The recommendations subgraph's face for writers outside the service
// (`@marquee/recommendations/import`): the `marquee` command ingests and seeds interactions and
// item features through these stores, never through the tables themselves. Training has a face
// of its own (`@marquee/recommendations/training`).
export {
  createInteractionImportStore,
  type InteractionImportStore,
} from './stores/interactionImport.ts';
export { createRecommendationStore } from './stores/recommendationStore.ts';
export { itemFeatureCopy } from './stores/itemFeatureBulkCopy.ts';
// Readers outside the service (`marquee report`) read the analytics rollups through this store.
export { createAnalyticsStore, type AnalyticsStore } from './stores/analyticsStore.ts';
// `marquee evaluate --record` stores a served model's offline figures with its snapshot.
export { recordOfflineMetrics, type OfflineMetrics } from './stores/offlineMetrics.ts';
