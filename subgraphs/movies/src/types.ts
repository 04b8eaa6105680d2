import type { DocumentCollection } from '@marquee/documents';
import type { MovieDocument } from './stores/movieDocumentStore.ts';
import type { MovieStore } from './stores/movieStore.ts';
import type { CatalogueStatsStore } from './stores/catalogueStatsStore.ts';

/** Stores live for the process (one client each, passed in); loaders for one request. */
export interface MoviesStores {
  movies: MovieStore;
  catalogueStats: CatalogueStatsStore;
  documents: DocumentCollection<MovieDocument>;
}
