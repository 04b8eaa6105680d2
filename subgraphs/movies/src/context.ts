import type { DocumentCollection } from '@marquee/documents';
import type { SubgraphContext } from '@marquee/server-kit';
import type { MoviesLoaders } from './loaders.ts';
import type { MovieDocument } from './stores/movieDocumentStore.ts';
import type { MovieStore } from './stores/movieStore.ts';

/**
 * Clients and stores live for the process; loaders for one request, so a DataLoader's cache never
 * serves one caller's data to another.
 */
export interface MoviesStores {
  movies: MovieStore;
  documents: DocumentCollection<MovieDocument>;
}

export type MoviesContext = SubgraphContext<MoviesStores, MoviesLoaders>;
