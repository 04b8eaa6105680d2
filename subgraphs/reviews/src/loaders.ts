import DataLoader from 'dataloader';
import { observeBatches } from '@marquee/telemetry';
import { groupByKeys, orderByKeys, storableIds as storable } from '@marquee/server-kit';
import type { ReviewsStores } from './types.ts';
import { summarise, type RatingRecord, type RatingSummaryRecord } from './stores/ratingStore.ts';
import type { ReviewOrder, ReviewPosition, ReviewRecord } from './stores/reviewStore.ts';

/** One page request for one movie; requests with equal paging arguments share a query. */
export interface ReviewPageKey {
  movieId: string;
  orderBy: ReviewOrder;
  limit: number;
  after: ReviewPosition | undefined;
}

const pagingOf = (key: ReviewPageKey) =>
  JSON.stringify([key.orderBy, key.limit, key.after ?? null]);

export function createLoaders(stores: ReviewsStores) {
  return {
    summary: new DataLoader<string, RatingSummaryRecord>(
      observeBatches('reviews', 'summary', async (movieIds) => {
        const byMovie = new Map(
          (await stores.ratings.summaries(storable(movieIds))).map((s) => [s.movieId, s]),
        );
        return movieIds.map((movieId) => byMovie.get(movieId) ?? summarise(movieId, []));
      }),
    ),
    ratingsByUser: new DataLoader<string, RatingRecord[]>(
      observeBatches('reviews', 'ratingsByUser', async (userIds) =>
        groupByKeys(
          userIds,
          await stores.ratings.forUsers(storable(userIds)),
          (rating) => rating.userId,
        ),
      ),
    ),
    review: new DataLoader<string, ReviewRecord | null>(
      observeBatches('reviews', 'review', async (ids) =>
        orderByKeys(ids, await stores.reviews.findByIds(storable(ids)), (review) => review.id),
      ),
    ),
    /** Movie.reviews for many movies: one query per distinct (order, size, cursor), usually one. */
    reviewPage: new DataLoader<ReviewPageKey, ReviewRecord[], string>(
      observeBatches('reviews', 'reviewPage', async (keys) => {
        const groups = new Map<string, ReviewPageKey[]>();
        for (const key of keys)
          groups.set(pagingOf(key), [...(groups.get(pagingOf(key)) ?? []), key]);
        const results = new Map<string, ReviewRecord[]>();
        await Promise.all(
          [...groups.values()].map(async (group) => {
            const [first] = group as [ReviewPageKey];
            const rows = await stores.reviews.pages({
              movieIds: storable(group.map((key) => key.movieId)),
              orderBy: first.orderBy,
              limit: first.limit,
              after: first.after,
            });
            const byMovie = groupByKeys(
              group.map((key) => key.movieId),
              rows,
              (row) => row.movieId,
            );
            group.forEach((key, index) =>
              results.set(`${key.movieId}|${pagingOf(key)}`, byMovie[index] ?? []),
            );
          }),
        );
        return keys.map((key) => results.get(`${key.movieId}|${pagingOf(key)}`) ?? []);
      }),
      { cacheKeyFn: (key) => `${key.movieId}|${pagingOf(key)}` },
    ),
    reviewsByUser: new DataLoader<{ userId: string; limit: number }, ReviewRecord[], string>(
      observeBatches('reviews', 'reviewsByUser', async (keys) => {
        const limit = Math.max(...keys.map((key) => key.limit));
        const rows = await stores.reviews.forUsers(storable(keys.map((key) => key.userId)), limit);
        return groupByKeys(
          keys.map((key) => key.userId),
          rows,
          (row) => row.userId,
        ).map((group, index) => group.slice(0, keys[index]?.limit ?? 0));
      }),
      { cacheKeyFn: (key) => `${key.userId}|${key.limit}` },
    ),
  };
}

export type ReviewsLoaders = ReturnType<typeof createLoaders>;
