import { bulkUpsert, type BulkResult, type Database } from '@marquee/db';

/** Bulk writes into the recommendations subgraph's tables, for `marquee ingest`. */
export interface InteractionImportStore {
  upsertInteractions(
    rows: readonly { line: number; userId: string; movieId: string; rating: number; at: Date }[],
  ): Promise<BulkResult>;
  /** Title (for reasons such as "Because you liked Alien"), genres and year of catalogue films
   * (popularity is left alone: `setPopularity` owns it). */
  upsertItems(
    rows: readonly {
      line: number;
      movieId: string;
      title: string | null;
      genres: readonly string[];
      year: number | null;
    }[],
    policy?: 'overwriteNonNull' | 'fillMissing',
  ): Promise<BulkResult>;
  setPopularity(
    rows: readonly { line: number; movieId: string; popularity: number }[],
  ): Promise<BulkResult>;
  /** Keywords of catalogue films, for content similarity ("more like this") and cold start. */
  setKeywords(
    rows: readonly { line: number; movieId: string; keywords: readonly string[] }[],
  ): Promise<BulkResult>;
}

export function createInteractionImportStore(db: Database): InteractionImportStore {
  const items = 'recommendations.item_feature';
  return {
    upsertInteractions: (rows) =>
      bulkUpsert(
        db.sql,
        {
          table: 'recommendations.interaction',
          key: ['user_id', 'movie_id'],
          columns: [
            { name: 'user_id', type: 'text' },
            { name: 'movie_id', type: 'text' },
            { name: 'rating', type: 'real' },
            { name: 'at', type: 'timestamptz' },
          ],
        },
        rows.map((row) => ({
          line: row.line,
          values: [row.userId, row.movieId, row.rating, row.at],
        })),
      ),
    upsertItems: (rows, policy = 'overwriteNonNull') =>
      bulkUpsert(
        db.sql,
        {
          table: items,
          key: ['movie_id'],
          columns: [
            { name: 'movie_id', type: 'text' },
            { name: 'title', type: 'text', onConflict: policy },
            { name: 'genres', type: 'text[]', onConflict: policy },
            { name: 'year', type: 'integer', onConflict: policy },
          ],
          touch: 'updated_at',
        },
        rows.map((row) => ({
          line: row.line,
          values: [row.movieId, row.title, row.genres, row.year],
        })),
      ),
    setPopularity: (rows) =>
      bulkUpsert(
        db.sql,
        {
          table: items,
          key: ['movie_id'],
          columns: [
            { name: 'movie_id', type: 'text' },
            { name: 'popularity', type: 'double precision' },
          ],
          touch: 'updated_at',
        },
        rows.map((row) => ({ line: row.line, values: [row.movieId, row.popularity] })),
      ),
    setKeywords: (rows) =>
      bulkUpsert(
        db.sql,
        {
          table: items,
          key: ['movie_id'],
          columns: [
            { name: 'movie_id', type: 'text' },
            { name: 'keywords', type: 'text[]' },
          ],
          touch: 'updated_at',
        },
        rows.map((row) => ({ line: row.line, values: [row.movieId, row.keywords] })),
      ),
  };
}
