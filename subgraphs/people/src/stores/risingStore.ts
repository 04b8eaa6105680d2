import type { SqlExecutor } from '@marquee/db';
import { MAX_PAGE_SIZE } from '@marquee/server-kit';

export type TrendWindow = 'DAY' | 'WEEK' | 'MONTH';
export type Role =
  | 'ACTOR'
  | 'DIRECTOR'
  | 'WRITER'
  | 'PRODUCER'
  | 'COMPOSER'
  | 'CINEMATOGRAPHER'
  | 'EDITOR'
  | 'OTHER';

/** Whole UTC days a window covers, today included. */
export const WINDOW_DAYS: Record<TrendWindow, number> = { DAY: 1, WEEK: 7, MONTH: 30 };

export interface FilmGain {
  movieId: string;
  ratings: number;
}

export interface PersonGain {
  personId: string;
  ratings: number;
  /** The person's films with the most ratings in the window, most first (at most 3). */
  films: FilmGain[];
}

/**
 * The people subgraph's count of ratings per film and day, fed by `rating.changed` events, and
 * the ranking `risingPeople` reads. Triggers keep ratings per person, role and day as films'
 * days and credits are written; `refresh` ranks every window and role from them into
 * `rising_rank` (docs/analytics.md#rising-people), so a read is the first rows of one key.
 */
export interface RisingStore {
  /** Counts a rating given (or changed) once per event id; false when the event was counted. */
  countRating(eventId: string, movieId: string, at: Date): Promise<boolean>;
  /** The ranking as of the last `refresh`. */
  rising(window: TrendWindow, role: Role, first: number): Promise<PersonGain[]>;
  /** Ranks every window and role again from the counts and credits as committed now. */
  refresh(): Promise<void>;
}

export function createRisingStore(sql: SqlExecutor): RisingStore {
  let counted = 0;
  return {
    async countRating(eventId, movieId, at) {
      const fresh = await sql.transaction(async (tx) => {
        const seen = await tx.query(
          'INSERT INTO people.rating_event_seen (event_id) VALUES ($1::uuid) ON CONFLICT DO NOTHING RETURNING event_id',
          [eventId],
        );
        if (seen.length === 0) return false;
        // Its triggers add the rating to each person credited on the film, in this transaction.
        await tx.query(
          `INSERT INTO people.movie_rating_day AS d (movie_id, day, ratings)
           VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, 1)
           ON CONFLICT (movie_id, day) DO UPDATE SET ratings = d.ratings + 1`,
          [movieId, at],
        );
        return true;
      });
      // Now and then, forget event ids older than any redelivery.
      if (fresh && ++counted % 1000 === 0)
        await sql.query(
          "DELETE FROM people.rating_event_seen WHERE seen_at < now() - interval '7 days'",
        );
      return fresh;
    },
    async rising(window, role, first) {
      // The join leaves out anyone removed since the ranking was written.
      const rows = await sql.query<{ person_id: string; ratings: number; films: unknown }>(
        `SELECT r.person_id, r.ratings, r.films FROM people.rising_rank r
         JOIN people.person p ON p.id = r.person_id
         WHERE r.days = $1 AND r.role = $2::people.credit_role
         ORDER BY r.rank LIMIT $3`,
        [WINDOW_DAYS[window], role, first],
      );
      return rows.map((row) => ({
        personId: row.person_id,
        ratings: Number(row.ratings),
        films: (typeof row.films === 'string'
          ? (JSON.parse(row.films) as FilmGain[])
          : (row.films as FilmGain[])
        ).map((film) => ({ movieId: film.movieId, ratings: Number(film.ratings) })),
      }));
    },
    async refresh() {
      await sql.query('SELECT people.rising_refresh($1)', [MAX_PAGE_SIZE]);
    },
  };
}
