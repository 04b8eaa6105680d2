import DataLoader from 'dataloader';
import { groupByKeys } from '@marquee/server-kit';
import type { ReviewsStores } from './context.ts';
import type { RatingRecord, RatingSummaryRecord } from './stores/ratingStore.ts';

export function createLoaders(stores: ReviewsStores) {
  return {
    summary: new DataLoader<string, RatingSummaryRecord>(async (movieIds) => {
      const byMovie = new Map((await stores.ratings.summaries(movieIds)).map((s) => [s.movieId, s]));
      return movieIds.map((movieId) => byMovie.get(movieId) ?? { movieId, average: null, count: 0 });
    }),
    ratingsByUser: new DataLoader<string, RatingRecord[]>(async (userIds) =>
      groupByKeys(userIds, await stores.ratings.forUsers(userIds), (rating) => rating.userId),
    ),
  };
}

export type ReviewsLoaders = ReturnType<typeof createLoaders>;
