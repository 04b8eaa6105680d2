// The reviews subgraph's face for writers outside the service (`@marquee/reviews/import`): the
// `marquee` command ingests and seeds ratings and tags through these stores, never through the
// tables themselves.
export {
  createRatingImportStore,
  type ImportedRating,
  type ImportedTag,
  type RatingImportStore,
} from './stores/ratingImport.ts';
export { createRatingStore } from './stores/ratingStore.ts';
