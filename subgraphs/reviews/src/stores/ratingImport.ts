import { bulkUpsert, type BulkResult, type Database } from '@marquee/db';

/** An imported rating; `at` is the source's timestamp, kept as the rating's creation time. */
export interface ImportedRating {
  line: number;
  userId: string;
  movieId: string;
  rating: number;
  at: Date;
}

/** Bulk writes into the reviews subgraph's tables, for `marquee ingest`. */
export interface RatingImportStore {
  upsertRatings(rows: readonly ImportedRating[]): Promise<BulkResult>;
}

export function createRatingImportStore(db: Database): RatingImportStore {
  return {
    upsertRatings: (rows) =>
      bulkUpsert(
        db.sql,
        {
          table: 'reviews.rating',
          key: ['user_id', 'movie_id'],
          columns: [
            { name: 'user_id', type: 'text' },
            { name: 'movie_id', type: 'text' },
            { name: 'rating', type: 'real' },
            { name: 'created_at', type: 'timestamptz' },
          ],
          touch: 'updated_at',
        },
        rows.map((row) => ({ line: row.line, values: [row.userId, row.movieId, row.rating, row.at] })),
      ),
  };
}
