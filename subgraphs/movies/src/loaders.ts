import DataLoader from 'dataloader';
import { observeBatches } from '@marquee/telemetry';
import { orderByKeys, storableIds } from '@marquee/server-kit';
import type { MovieDocument } from './stores/movieDocumentStore.ts';
import type { MovieRecord } from './stores/movieStore.ts';
import type { MoviesStores } from './types.ts';

/** Per-request loaders: one batched round trip per entity type and nesting level. */
export function createLoaders(stores: MoviesStores) {
  return {
    movie: new DataLoader<string, MovieRecord | null>(
      observeBatches('movies', 'movie', async (ids) =>
        orderByKeys(ids, await stores.movies.findByIds(storableIds(ids)), (movie) => movie.id),
      ),
    ),
    movieDocument: new DataLoader<string, MovieDocument | null>(
      observeBatches('movies', 'movieDocument', async (ids) => {
        const storable = storableIds(ids);
        const documents = await stores.documents.getMany(storable);
        const byId = new Map(storable.map((id, index) => [id, documents[index] ?? null]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    ),
    // One read of the counts however many of `titles`, `byKind` and `bySource` are asked for.
    titleCounts: new DataLoader(async (keys: readonly 'catalogue'[]) => {
      const counts = await stores.catalogueStats.titleCounts();
      return keys.map(() => counts);
    }),
  };
}

export type MoviesLoaders = ReturnType<typeof createLoaders>;
