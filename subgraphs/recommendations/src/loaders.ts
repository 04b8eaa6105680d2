import DataLoader from 'dataloader';
import { MAX_PAGE_SIZE } from '@marquee/server-kit';
import type { RecommendationsStores } from './context.ts';
import type { ScoredMovie } from './stores/recommendationStore.ts';

/**
 * Lists are computed at the largest page size once per request and sliced per field, so any mix
 * of `first` values in one query still costs one round trip per list kind.
 */
export function createLoaders(stores: RecommendationsStores) {
  return {
    similar: new DataLoader<string, ScoredMovie[]>(async (movieIds) => {
      const byMovie = await stores.recommendations.similar(movieIds, MAX_PAGE_SIZE);
      return movieIds.map((id) => byMovie.get(id) ?? []);
    }),
    forUser: new DataLoader<string, ScoredMovie[]>(async (userIds) => {
      const byUser = await stores.recommendations.forUsers(userIds, MAX_PAGE_SIZE);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
  };
}

export type RecommendationsLoaders = ReturnType<typeof createLoaders>;
