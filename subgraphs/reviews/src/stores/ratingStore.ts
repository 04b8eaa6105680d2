import type { Database } from '@marquee/db';
import { randomUUID } from 'node:crypto';
import { eventCause, REVIEWS_OUTBOX, writeRatingChanged, type OnEvent } from './ratingEvents.ts';

export interface RatingRecord {
  userId: string;
  movieId: string;
  rating: number;
  updatedAt: Date;
}

export interface RatingSummaryRecord {
  movieId: string;
  average: number | null;
  count: number;
  /** Ratings per half-star bucket, 0.5 to 5 in order (always ten buckets). */
  histogram: { rating: number; count: number }[];
}

export const RATING_BUCKETS: readonly number[] = Array.from(
  { length: 10 },
  (_, index) => (index + 1) / 2,
);

/** Builds a summary from (rating, count) pairs; the average is exact, computed from the counts. */
export function summarise(
  movieId: string,
  counts: readonly { rating: number; count: number }[],
): RatingSummaryRecord {
  const byRating = new Map<number, number>();
  for (const { rating, count } of counts) byRating.set(rating, (byRating.get(rating) ?? 0) + count);
  const histogram = RATING_BUCKETS.map((rating) => ({ rating, count: byRating.get(rating) ?? 0 }));
  const count = histogram.reduce((sum, bucket) => sum + bucket.count, 0);
  const total = histogram.reduce((sum, bucket) => sum + bucket.rating * bucket.count, 0);
  return { movieId, average: count === 0 ? null : total / count, count, histogram };
}

/** An entity owned by another subgraph, known here by its key only. */
export interface EntityReference {
  id: string;
}

export interface RatingStore {
  /**
   * Insert or replace; one rating per user and movie. The `rating.changed` event is written to
   * the outbox in the same transaction.
   */
  upsert(rating: Omit<RatingRecord, 'updatedAt'>): Promise<RatingRecord>;
  /**
   * Bulk write (the demo seed) WITHOUT events: one event per row would flood the outbox and the
   * stream, so callers hand the same ratings to the recommender themselves (see
   * docs/deployment.md, "Bulk loads").
   */
  upsertMany(ratings: readonly (Omit<RatingRecord, 'updatedAt'> & { at?: Date })[]): Promise<void>;
  summaries(movieIds: readonly string[]): Promise<RatingSummaryRecord[]>;
  forUsers(userIds: readonly string[]): Promise<RatingRecord[]>;
  /**
   * Removes the user's rating of the film and their review of it (a review's rating is this
   * rating), with the `rating.changed` event (`rating: null`), in one transaction; `false`
   * (and no event) when there was no rating.
   */
  delete(userId: string, movieId: string): Promise<boolean>;
  /** Removes everything a user wrote here (ratings, reviews, tags): their account was deleted. */
  deleteUser(userId: string): Promise<void>;
}

const select = { userId: true, movieId: true, rating: true, updatedAt: true } as const;

/** `onEvent` is told after a transaction that wrote an event committed (the relay's wake-up). */
export function createRatingStore(db: Database, onEvent: OnEvent = () => {}): RatingStore {
  const { prisma } = db;
  return {
    async upsert({ userId, movieId, rating }) {
      // The rating and its `rating.changed` event in one statement: as atomic as a transaction,
      // but one round trip and no interactive transaction holding a pooled connection, which a
      // burst of concurrent ratings would otherwise queue behind.
      const [saved] = await prisma.$queryRawUnsafe<RatingRecord[]>(
        `WITH saved AS (
           INSERT INTO reviews.rating (user_id, movie_id, rating)
           VALUES ($1, $2, $3::real)
           ON CONFLICT (user_id, movie_id)
             DO UPDATE SET rating = EXCLUDED.rating, updated_at = now()
           RETURNING user_id, movie_id, rating, updated_at
         ), event AS (
           INSERT INTO ${REVIEWS_OUTBOX} (id, topic, payload)
           SELECT $4::uuid, 'rating.changed', jsonb_build_object(
             'eventId', $4::text, 'userId', user_id, 'movieId', movie_id, 'rating', rating,
             'at', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'cause', $5::jsonb)
           FROM saved
         )
         SELECT user_id AS "userId", movie_id AS "movieId", rating, updated_at AS "updatedAt"
         FROM saved`,
        userId,
        movieId,
        rating,
        randomUUID(),
        JSON.stringify(eventCause()),
      );
      if (saved === undefined) throw new Error('the rating upsert returned no row');
      onEvent();
      return saved;
    },
    async upsertMany(ratings) {
      await prisma.$transaction(
        ratings.map(({ userId, movieId, rating, at }) =>
          prisma.rating.upsert({
            where: { userId_movieId: { userId, movieId } },
            create: {
              userId,
              movieId,
              rating,
              ...(at === undefined ? {} : { createdAt: at, updatedAt: at }),
            },
            update: { rating },
          }),
        ),
      );
    },
    async summaries(movieIds) {
      // One GROUP BY for every movie asked: the histogram, from which count and average follow.
      const rows = await prisma.rating.groupBy({
        by: ['movieId', 'rating'],
        where: { movieId: { in: [...movieIds] } },
        _count: { _all: true },
      });
      const byMovie = new Map<string, { rating: number; count: number }[]>();
      for (const row of rows) {
        const buckets = byMovie.get(row.movieId) ?? [];
        buckets.push({ rating: row.rating, count: row._count._all });
        byMovie.set(row.movieId, buckets);
      }
      return [...byMovie].map(([movieId, counts]) => summarise(movieId, counts));
    },
    forUsers: (userIds) =>
      prisma.rating.findMany({
        where: { userId: { in: [...userIds] } },
        orderBy: [{ updatedAt: 'desc' }, { movieId: 'asc' }],
        select,
      }),
    async delete(userId, movieId) {
      const removed = await prisma.$transaction(async (tx) => {
        await tx.review.deleteMany({ where: { userId, movieId } });
        const { count } = await tx.rating.deleteMany({ where: { userId, movieId } });
        if (count > 0)
          await writeRatingChanged(tx, { userId, movieId, rating: null, at: new Date() });
        return count > 0;
      });
      if (removed) onEvent();
      return removed;
    },
    async deleteUser(userId) {
      await prisma.$transaction([
        prisma.review.deleteMany({ where: { userId } }),
        prisma.rating.deleteMany({ where: { userId } }),
        prisma.tag.deleteMany({ where: { userId } }),
      ]);
    },
  };
}
