// The recommendations subgraph's face for the `marquee` command (`@marquee/recommendations/import`):
// ingestion and seeding write interactions and item features through these stores, never through
// the tables themselves, and `marquee train` runs the training job under the same lock as the
// scheduled runs.
export {
  createInteractionImportStore,
  type InteractionImportStore,
} from './stores/interactionImport.ts';
export { createRecommendationStore } from './stores/recommendationStore.ts';
export { itemFeatureCopy } from './stores/itemFeatureBulkCopy.ts';
export { trainAndPublish } from './training.ts';
export { openTrainingLock } from './training/sharedLock.ts';
