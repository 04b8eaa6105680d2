import type { SqlExecutor } from '@marquee/db';

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
 * the ranking `risingPeople` reads from it with the credits.
 */
export interface RisingStore {
  /** Counts a rating given (or changed) once per event id; false when the event was counted. */
  countRating(eventId: string, movieId: string, at: Date): Promise<boolean>;
  rising(window: TrendWindow, role: Role, first: number, now?: Date): Promise<PersonGain[]>;
}

const FILMS_PER_PERSON = 3;

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
    async rising(window, role, first, now = new Date()) {
      const since = new Date(now.getTime() - (WINDOW_DAYS[window] - 1) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const rows = await sql.query<{
        person_id: string;
        total: number;
        movie_id: string;
        ratings: number;
      }>(
        `WITH recent AS (
           SELECT movie_id, sum(ratings)::int AS ratings FROM people.movie_rating_day
           WHERE day >= $1::date GROUP BY movie_id
         ), credited AS (
           -- One index lookup per film rated in the window: the planner cannot know how few
           -- films that is, and would otherwise hash all the credits of the role.
           SELECT c.person_id, r.movie_id, r.ratings FROM recent r
           CROSS JOIN LATERAL (
             SELECT person_id FROM people.credit
             WHERE movie_id = r.movie_id AND role = $2::people.credit_role
           ) c
         ), ranked AS (
           SELECT person_id, sum(ratings)::int AS total FROM credited
           GROUP BY person_id ORDER BY total DESC, person_id LIMIT $3
         )
         SELECT r.person_id, r.total, c.movie_id, c.ratings
         FROM ranked r JOIN credited c USING (person_id)
         ORDER BY r.total DESC, r.person_id, c.ratings DESC, c.movie_id`,
        [since, role, first],
      );
      const people: PersonGain[] = [];
      for (const row of rows) {
        let person = people.at(-1);
        if (person?.personId !== row.person_id) {
          person = { personId: row.person_id, ratings: Number(row.total), films: [] };
          people.push(person);
        }
        if (person.films.length < FILMS_PER_PERSON)
          person.films.push({ movieId: row.movie_id, ratings: Number(row.ratings) });
      }
      return people;
    },
  };
}
