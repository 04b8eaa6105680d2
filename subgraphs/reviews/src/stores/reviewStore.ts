import { randomUUID } from 'node:crypto';
import type { Database } from '@marquee/db';
import type { SentimentLabel } from '../sentiment.ts';
import { writeRatingChanged, type OnEvent } from './ratingEvents.ts';

export interface ReviewRecord {
  id: string;
  userId: string;
  movieId: string;
  /** The author's current rating of the film (ratings live in one place, `reviews.rating`). */
  rating: number;
  body: string;
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  createdAt: Date;
  updatedAt: Date;
}

export type ReviewOrder = 'NEWEST' | 'RATING';

/** Where a page starts: after this review in the chosen order. */
export interface ReviewPosition {
  updatedAt: string;
  id: string;
  rating?: number;
}

export interface ReviewPageRequest {
  movieIds: readonly string[];
  orderBy: ReviewOrder;
  /** Rows per movie; the store returns up to `limit` rows, callers ask one more to learn hasNextPage. */
  limit: number;
  after: ReviewPosition | undefined;
}

export interface ReviewWrite {
  userId: string;
  movieId: string;
  rating: number;
  body: string;
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
}

export interface ReviewStore {
  /**
   * Writes (or rewrites) the user's review of the film and sets their rating, with the rating's
   * `rating.changed` event, in one transaction.
   */
  upsert(review: ReviewWrite): Promise<ReviewRecord>;
  /**
   * Changes an existing review; `rating` also updates the author's rating and writes its
   * `rating.changed` event, in the same transaction.
   */
  update(
    id: string,
    change: {
      rating?: number;
      body?: string;
      sentimentScore?: number;
      sentimentLabel?: SentimentLabel;
    },
  ): Promise<ReviewRecord | null>;
  /** Removes the review text; the rating stays (see the README's reviews section). */
  delete(id: string): Promise<boolean>;
  findByIds(ids: readonly string[]): Promise<ReviewRecord[]>;
  /** One query for many movies: each movie's first `limit` reviews after `after`. */
  pages(request: ReviewPageRequest): Promise<ReviewRecord[]>;
  forUsers(userIds: readonly string[], limit: number): Promise<ReviewRecord[]>;
}

interface ReviewRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  movie_id: string;
  rating: number;
  body: string;
  sentiment_score: number;
  sentiment_label: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const columns = `v.id, v.user_id, v.movie_id, r.rating, v.body, v.sentiment_score, v.sentiment_label, v.created_at, v.updated_at`;
const joined = `reviews.review v JOIN reviews.rating r ON r.user_id = v.user_id AND r.movie_id = v.movie_id`;

const toRecord = (row: ReviewRow): ReviewRecord => ({
  id: row.id,
  userId: row.user_id,
  movieId: row.movie_id,
  rating: Number(row.rating),
  body: row.body,
  sentimentScore: Number(row.sentiment_score),
  sentimentLabel: row.sentiment_label as SentimentLabel,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/** `onEvent` is told after a transaction that wrote an event committed (the relay's wake-up). */
export function createReviewStore(db: Database, onEvent: OnEvent = () => {}): ReviewStore {
  const { prisma, sql } = db;
  const byIds = async (ids: readonly string[]) =>
    (
      await sql.query<ReviewRow>(`SELECT ${columns} FROM ${joined} WHERE v.id = ANY($1::text[])`, [
        [...ids],
      ])
    ).map(toRecord);
  const one = async (id: string) => (await byIds([id]))[0] ?? null;

  return {
    async upsert({ userId, movieId, rating, body, sentimentScore, sentimentLabel }) {
      const reviewId = await prisma.$transaction(async (tx) => {
        const saved = await tx.rating.upsert({
          where: { userId_movieId: { userId, movieId } },
          create: { userId, movieId, rating },
          update: { rating },
          select: { updatedAt: true },
        });
        const review = await tx.review.upsert({
          where: { userId_movieId: { userId, movieId } },
          create: { id: randomUUID(), userId, movieId, body, sentimentScore, sentimentLabel },
          update: { body, sentimentScore, sentimentLabel },
          select: { id: true },
        });
        await writeRatingChanged(tx, { userId, movieId, rating, at: saved.updatedAt });
        return review.id;
      });
      onEvent();
      const saved = await one(reviewId);
      if (saved === null) throw new Error('A review vanished right after it was written.');
      return saved;
    },
    async update(id, { rating, body, sentimentScore, sentimentLabel }) {
      const found = await prisma.$transaction(async (tx) => {
        const existing = await tx.review.findUnique({
          where: { id },
          select: { userId: true, movieId: true },
        });
        if (existing === null) return false;
        const at = new Date();
        if (rating !== undefined) {
          await tx.rating.update({
            where: { userId_movieId: existing },
            data: { rating, updatedAt: at },
          });
          await writeRatingChanged(tx, { ...existing, rating, at });
        }
        await tx.review.update({
          where: { id },
          data: {
            ...(body === undefined ? {} : { body }),
            ...(sentimentScore === undefined ? {} : { sentimentScore }),
            ...(sentimentLabel === undefined ? {} : { sentimentLabel }),
            // Touch the review even when only the rating changed, so NEWEST reflects the edit.
            updatedAt: at,
          },
        });
        return true;
      });
      if (!found) return null;
      if (rating !== undefined) onEvent();
      return one(id);
    },
    async delete(id) {
      const { count } = await prisma.review.deleteMany({ where: { id } });
      return count > 0;
    },
    findByIds: byIds,
    async pages({ movieIds, orderBy, limit, after }) {
      const params: unknown[] = [[...movieIds], limit];
      let where = '';
      if (after !== undefined) {
        if (orderBy === 'RATING') {
          params.push(after.rating ?? 0, after.updatedAt, after.id);
          where = 'AND (r.rating, v.updated_at, v.id) < ($3::real, $4::timestamptz, $5::text)';
        } else {
          params.push(after.updatedAt, after.id);
          where = 'AND (v.updated_at, v.id) < ($3::timestamptz, $4::text)';
        }
      }
      const order =
        orderBy === 'RATING'
          ? 'r.rating DESC, v.updated_at DESC, v.id DESC'
          : 'v.updated_at DESC, v.id DESC';
      const rows = await sql.query<ReviewRow & { n: number }>(
        `SELECT * FROM (
           SELECT ${columns}, ROW_NUMBER() OVER (PARTITION BY v.movie_id ORDER BY ${order}) AS n
           FROM ${joined}
           WHERE v.movie_id = ANY($1::text[]) ${where}
         ) page WHERE n <= $2 ORDER BY movie_id, n`,
        params,
      );
      return rows.map(toRecord);
    },
    async forUsers(userIds, limit) {
      const rows = await sql.query<ReviewRow>(
        `SELECT * FROM (
           SELECT ${columns}, ROW_NUMBER() OVER (PARTITION BY v.user_id ORDER BY v.updated_at DESC, v.id DESC) AS n
           FROM ${joined}
           WHERE v.user_id = ANY($1::text[])
         ) page WHERE n <= $2 ORDER BY user_id, n`,
        [[...userIds], limit],
      );
      return rows.map(toRecord);
    },
  };
}
