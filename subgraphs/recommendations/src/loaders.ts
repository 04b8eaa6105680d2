import DataLoader from 'dataloader';
import { observeBatches } from '@marquee/telemetry';
import type { RecommendationsServices, RecommendationsStores } from './types.ts';
import type { ScoredMovie } from './stores/recommendationStore.ts';

/**
 * Lists are computed at the largest page size once per request and sliced per field, so any mix
 * of `first` values in one query costs one batch per list kind.
 */
export function createLoaders(_stores: RecommendationsStores, services: RecommendationsServices) {
  return {
    similar: new DataLoader<string, ScoredMovie[]>(
      observeBatches('recommendations', 'similar', async (movieIds) => {
        const byMovie = await services.engine.similar(movieIds);
        return movieIds.map((id) => byMovie.get(id) ?? []);
      }),
    ),
    forUser: new DataLoader<string, ScoredMovie[]>(
      observeBatches('recommendations', 'forUser', async (userIds) => {
        const byUser = await services.engine.forUsers(userIds);
        return userIds.map((id) => byUser.get(id) ?? []);
      }),
    ),
  };
}

export type RecommendationsLoaders = ReturnType<typeof createLoaders>;
