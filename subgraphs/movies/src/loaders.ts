import DataLoader from 'dataloader';
import { orderByKeys } from '@marquee/server-kit';
import type { MovieDocument } from './stores/movieDocumentStore.ts';
import type { MovieRecord } from './stores/movieStore.ts';
import type { MoviesStores } from './context.ts';

/** Per-request loaders: one batched round trip per entity type and nesting level. */
export function createLoaders(stores: MoviesStores) {
  return {
    movie: new DataLoader<string, MovieRecord | null>(async (ids) =>
      orderByKeys(ids, await stores.movies.findByIds(ids), (movie) => movie.id),
    ),
    movieDocument: new DataLoader<string, MovieDocument | null>((ids) => stores.documents.getMany(ids)),
  };
}

export type MoviesLoaders = ReturnType<typeof createLoaders>;
