import { bulkUpsert, type BulkResult, type Database } from '@marquee/db';

/** An imported rating; `at` is the source's timestamp, kept as the rating's creation time. */
export interface ImportedRating {
  line: number;
  userId: string;
  movieId: string;
  rating: number;
  at: Date;
}

/** An imported tag (MovieLens tags.csv): free text one user put on one film. */
export interface ImportedTag {
  line: number;
  userId: string;
  movieId: string;
  tag: string;
  at: Date;
}

/** Bulk writes into the reviews subgraph's tables, for `marquee ingest`. */
export interface RatingImportStore {
  upsertRatings(rows: readonly ImportedRating[]): Promise<BulkResult>;
  /** One row per user, film and tag; a repeated one takes the timestamp of the line written last. */
  upsertTags(rows: readonly ImportedTag[]): Promise<BulkResult>;
  /**
   * Each film's most used tags, as keywords: trimmed, lower-cased, inner whitespace collapsed,
   * ranked by how many users gave them (then alphabetically), at most `perFilm`. One round trip;
   * the result follows `movieIds`, an empty list for a film without tags.
   */
  topTags(movieIds: readonly string[], perFilm: number): Promise<string[][]>;
}

const topTagsSql = `
WITH counted AS (
  SELECT movie_id, lower(regexp_replace(btrim(tag), '\\s+', ' ', 'g')) AS keyword, count(DISTINCT user_id) AS taggers
  FROM reviews.tag WHERE movie_id = ANY($1::text[])
  GROUP BY 1, 2
), ranked AS (
  SELECT movie_id, keyword, row_number() OVER (PARTITION BY movie_id ORDER BY taggers DESC, keyword) AS rank
  FROM counted WHERE keyword <> ''
)
SELECT movie_id, array_agg(keyword ORDER BY rank) AS keywords FROM ranked WHERE rank <= $2 GROUP BY movie_id`;

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
        rows.map((row) => ({
          line: row.line,
          values: [row.userId, row.movieId, row.rating, row.at],
        })),
      ),
    upsertTags: (rows) =>
      bulkUpsert(
        db.sql,
        {
          table: 'reviews.tag',
          key: ['user_id', 'movie_id', 'tag'],
          columns: [
            { name: 'user_id', type: 'text' },
            { name: 'movie_id', type: 'text' },
            { name: 'tag', type: 'text' },
            { name: 'created_at', type: 'timestamptz' },
          ],
        },
        rows.map((row) => ({ line: row.line, values: [row.userId, row.movieId, row.tag, row.at] })),
      ),
    async topTags(movieIds, perFilm) {
      if (movieIds.length === 0) return [];
      const rows = await db.sql.query<{ movie_id: string; keywords: string[] }>(topTagsSql, [
        [...new Set(movieIds)],
        perFilm,
      ]);
      const byFilm = new Map(rows.map((row) => [row.movie_id, row.keywords]));
      return movieIds.map((id) => byFilm.get(id) ?? []);
    },
  };
}
