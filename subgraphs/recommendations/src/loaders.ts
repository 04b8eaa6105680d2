import DataLoader from 'dataloader';
import type { RecommendationsServices, RecommendationsStores } from './types.ts';
import type { ScoredMovie } from './stores/recommendationStore.ts';
import type { UserRatingStats } from './stores/analyticsStore.ts';

/**
 * Lists are computed at the largest page size once per request and sliced per field, so any mix
 * of `first` values in one query costs one batch per list kind.
 */
export function createLoaders(stores: RecommendationsStores, services: RecommendationsServices) {
  return {
    similar: new DataLoader<string, ScoredMovie[]>(async (movieIds) => {
      const byMovie = await services.engine.similar(movieIds);
      return movieIds.map((id) => byMovie.get(id) ?? []);
    }),
    forUser: new DataLoader<string, ScoredMovie[]>(async (userIds) => {
      const byUser = await services.engine.forUsers(userIds);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    // Only the owner or an admin reads a user's statistics, so a batch holds few users; each is
    // one statement over that user's own ratings.
    userStats: new DataLoader<string, UserRatingStats>((userIds) =>
      Promise.all(userIds.map((id) => stores.analytics.userStats(id))),
    ),
  };
}

export type RecommendationsLoaders = ReturnType<typeof createLoaders>;
