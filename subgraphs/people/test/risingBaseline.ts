import type { SqlExecutor } from '@marquee/db';
import {
  WINDOW_DAYS,
  type PersonGain,
  type Role,
  type TrendWindow,
} from '../src/stores/risingStore.ts';

/**
 * `risingPeople` computed at query time from the raw counts: every film's days in the window
 * summed, joined with its credits in the role, ranked (ties by person id, then film id, in byte
 * order). What the ranking must equal; the benchmark's baseline.
 */
export async function plainRising(
  sql: SqlExecutor,
  window: TrendWindow,
  role: Role,
  first: number,
): Promise<PersonGain[]> {
  const rows = await sql.query<{
    person_id: string;
    total: number;
    movie_id: string;
    ratings: number;
  }>(
    `WITH recent AS (
       SELECT movie_id, sum(ratings)::int AS ratings FROM people.movie_rating_day
       WHERE day > (now() AT TIME ZONE 'UTC')::date - $1::int GROUP BY movie_id
     ), credited AS (
       SELECT c.person_id, r.movie_id, r.ratings FROM recent r
       CROSS JOIN LATERAL (
         SELECT person_id FROM people.credit
         WHERE movie_id = r.movie_id AND role = $2::people.credit_role
       ) c
     ), ranked AS (
       SELECT person_id, sum(ratings)::int AS total FROM credited
       GROUP BY person_id ORDER BY total DESC, person_id COLLATE "C" LIMIT $3
     )
     SELECT r.person_id, r.total, c.movie_id, c.ratings
     FROM ranked r JOIN credited c USING (person_id)
     ORDER BY r.total DESC, r.person_id COLLATE "C", c.ratings DESC, c.movie_id COLLATE "C"`,
    [WINDOW_DAYS[window], role, first],
  );
  const people: PersonGain[] = [];
  for (const row of rows) {
    let person = people.at(-1);
    if (person?.personId !== row.person_id) {
      person = { personId: row.person_id, ratings: Number(row.total), films: [] };
      people.push(person);
    }
    if (person.films.length < 3)
      person.films.push({ movieId: row.movie_id, ratings: Number(row.ratings) });
  }
  return people;
}
