import type { Database } from '@marquee/db';

export type InteractionKind = 'VIEWED' | 'TRAILER_PLAYED' | 'WATCHED';
export type HistoryKind = InteractionKind | 'RATED';

/** One entry of a user's history: an implicit interaction or a rating. */
export interface HistoryRecord {
  kind: HistoryKind;
  movieId: string;
  /** The stars for RATED, null otherwise. */
  rating: number | null;
  at: Date;
}

/** Where a history page ends: entries strictly after this one (in the history's order) follow. */
export interface HistoryPosition {
  at: Date;
  kind: HistoryKind;
  movieId: string;
}

/**
 * A user's signals beyond ratings, and their history (those signals and their ratings, which the
 * recommender already keeps in `interaction`). Private to the user: the resolvers check who asks.
 */
export interface HistoryStore {
  /**
   * Records the interaction once per user, film, kind and UTC day of `at`; a repeat that day
   * changes nothing. Returns the stored record (the first of the day).
   */
  record(userId: string, movieId: string, kind: InteractionKind, at: Date): Promise<HistoryRecord>;
  /** Most recent first (ties: kind, then film id, descending), strictly after `after`. */
  historyOf(
    userId: string,
    limit: number,
    after: HistoryPosition | undefined,
  ): Promise<HistoryRecord[]>;
}

export function createHistoryStore(db: Database): HistoryStore {
  const { sql } = db;
  return {
    async record(userId, movieId, kind, at) {
      // The no-op update makes RETURNING yield the row already there, in one statement.
      const [row] = await sql.query<{ at: Date | string }>(
        `INSERT INTO recommendations.implicit_interaction (user_id, movie_id, kind, day, at)
         VALUES ($1, $2, $3::recommendations.interaction_kind, ($4::timestamptz AT TIME ZONE 'UTC')::date, $4)
         ON CONFLICT (user_id, movie_id, kind, day) DO UPDATE SET user_id = EXCLUDED.user_id
         RETURNING at`,
        [userId, movieId, kind, at],
      );
      return { kind, movieId, rating: null, at: new Date(row?.at ?? at) };
    },
    async historyOf(userId, limit, after) {
      // Both sources are read newest first through their (user, at) indexes and merged; the
      // keyset compares (at, kind, movie) so entries at the same instant page deterministically.
      const rows = await sql.query<{
        kind: HistoryKind;
        movie_id: string;
        rating: number | null;
        at: Date | string;
      }>(
        `SELECT kind, movie_id, rating, at FROM (
           SELECT kind::text AS kind, movie_id, NULL::real AS rating, at
             FROM recommendations.implicit_interaction WHERE user_id = $1
           UNION ALL
           SELECT 'RATED' AS kind, movie_id, rating, at
             FROM recommendations.interaction WHERE user_id = $1
         ) AS history
         WHERE $2::timestamptz IS NULL OR (at, kind, movie_id) < ($2::timestamptz, $3::text, $4::text)
         ORDER BY at DESC, kind DESC, movie_id DESC
         LIMIT $5`,
        [userId, after?.at ?? null, after?.kind ?? '', after?.movieId ?? '', limit],
      );
      return rows.map((row) => ({
        kind: row.kind,
        movieId: row.movie_id,
        rating: row.rating === null ? null : Number(row.rating),
        at: new Date(row.at),
      }));
    },
  };
}
