import DataLoader from 'dataloader';
import { observeBatches } from '@marquee/telemetry';
import type { RecommendationsServices, RecommendationsStores } from './types.ts';
import type { ScoredMovie } from './stores/recommendationStore.ts';
import type { UserRatingStats } from './stores/analyticsStore.ts';

/**
 * Lists are computed at the largest page size once per request and sliced per field, so any mix
 * of `first` values in one query costs one batch per list kind.
 */
export function createLoaders(stores: RecommendationsStores, services: RecommendationsServices) {
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
    /** Keyed by `viewerId movieId`: one fold-in per viewer for every film of the request. */
    predictedRating: new DataLoader<{ userId: string; movieId: string }, number | null, string>(
      observeBatches('recommendations', 'predictedRating', async (keys) => {
        const byUser = new Map<string, string[]>();
        for (const { userId, movieId } of keys) {
          const list = byUser.get(userId);
          if (list === undefined) byUser.set(userId, [movieId]);
          else list.push(movieId);
        }
        const predicted = new Map<string, number | null>();
        for (const [userId, movieIds] of byUser) {
          const values = await services.engine.predictedRatings(userId, movieIds);
          movieIds.forEach((movieId, n) =>
            predicted.set(`${userId} ${movieId}`, values[n] ?? null),
          );
        }
        return keys.map(({ userId, movieId }) => predicted.get(`${userId} ${movieId}`) ?? null);
      }),
      { cacheKeyFn: ({ userId, movieId }) => `${userId} ${movieId}` },
    ),
    // Only the owner or an admin reads a user's statistics, so a batch holds few users; each is
    // one statement over that user's own ratings.
    userStats: new DataLoader<string, UserRatingStats>((userIds) =>
      Promise.all(userIds.map((id) => stores.analytics.userStats(id))),
    ),
  };
}

export type RecommendationsLoaders = ReturnType<typeof createLoaders>;
