import type { Database } from '@marquee/db';

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
}

/** An entity owned by another subgraph, known here by its key only. */
export interface EntityReference {
  id: string;
}

export interface RatingStore {
  /** Insert or replace; one rating per user and movie. */
  upsert(rating: Omit<RatingRecord, 'updatedAt'>): Promise<RatingRecord>;
  upsertMany(ratings: readonly (Omit<RatingRecord, 'updatedAt'> & { at?: Date })[]): Promise<void>;
  summaries(movieIds: readonly string[]): Promise<RatingSummaryRecord[]>;
  forUsers(userIds: readonly string[]): Promise<RatingRecord[]>;
}

const select = { userId: true, movieId: true, rating: true, updatedAt: true } as const;

export function createRatingStore(db: Database): RatingStore {
  const { prisma } = db;
  return {
    upsert: ({ userId, movieId, rating }) =>
      prisma.rating.upsert({
        where: { userId_movieId: { userId, movieId } },
        create: { userId, movieId, rating },
        update: { rating },
        select,
      }),
    async upsertMany(ratings) {
      await prisma.$transaction(
        ratings.map(({ userId, movieId, rating, at }) =>
          prisma.rating.upsert({
            where: { userId_movieId: { userId, movieId } },
            create: { userId, movieId, rating, ...(at === undefined ? {} : { createdAt: at, updatedAt: at }) },
            update: { rating },
          }),
        ),
      );
    },
    async summaries(movieIds) {
      const rows = await prisma.rating.groupBy({
        by: ['movieId'],
        where: { movieId: { in: [...movieIds] } },
        _avg: { rating: true },
        _count: { _all: true },
      });
      return rows.map((row) => ({ movieId: row.movieId, average: row._avg.rating, count: row._count._all }));
    },
    forUsers: (userIds) =>
      prisma.rating.findMany({
        where: { userId: { in: [...userIds] } },
        orderBy: [{ updatedAt: 'desc' }, { movieId: 'asc' }],
        select,
      }),
  };
}
