// The movies subgraph's face for writers outside the service (`@marquee/movies/import`): the
// `marquee` command ingests and seeds the catalogue through these stores, never through the
// tables themselves.
export {
  createMovieImportStore,
  type ImportedMovielensMovie,
  type ImportedTitle,
  type MovieImportStore,
} from './stores/movieImport.ts';
export { createMovieStore, type MovieInput } from './stores/movieStore.ts';
export { movieDocuments } from './stores/movieDocumentStore.ts';
export { MOVIES_OUTBOX } from './stores/eventOutbox.ts';
export { movieCopy } from './stores/movieBulkCopy.ts';
export { recordIngestionRun } from './stores/catalogueStatsStore.ts';
export { createCatalogueStatsStore } from './stores/catalogueStatsStore.ts';
