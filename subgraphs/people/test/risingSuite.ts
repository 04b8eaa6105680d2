import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { random } from '@marquee/recsys';
import { executeInProcess } from '@marquee/server-kit';
import { createPeopleSubgraph } from '../src/server.ts';
import type { Role, TrendWindow } from '../src/stores/risingStore.ts';
import { plainRising } from './risingBaseline.ts';

const WINDOWS: readonly TrendWindow[] = ['DAY', 'WEEK', 'MONTH'];
const ROLES: readonly Role[] = ['ACTOR', 'DIRECTOR', 'WRITER'];

/**
 * The ranking `risingPeople` reads against the plain computation over the raw counts and credits
 * (risingBaseline.ts), on generated data, after ratings are counted and after credits are added,
 * removed and moved by every kind of write. Run on PGlite (unit) and PostgreSQL (integration).
 */
export function risingSuite(open: () => Promise<Database>) {
  describe('risingPeople ranking', () => {
    it('equals the plain computation after ratings and after credits change', async () => {
      const db = await open();
      const subgraph = createPeopleSubgraph({
        db,
        logger: createLogger({ name: 'test', level: 'silent' }),
        identitySecret: 'r'.repeat(32),
      });
      const { people, rising } = subgraph.stores;
      const rand = random(18);
      const pick = (n: number) => Math.floor(rand() * n);
      await people.upsertPeople(
        Array.from({ length: 60 }, (_, i) => ({
          id: `p${i}`,
          name: `Person ${i}`,
          birthYear: null,
          deathYear: null,
          professions: [],
          imdbId: null,
          knownFor: [],
        })),
      );
      const credit = (film: number, person: number, role: Role) => ({
        id: `m${film}:p${person}:${role}`,
        movieId: `m${film}`,
        personId: `p${person}`,
        role,
        characters: [],
        billingOrder: null,
      });
      const unique = <T extends { id: string }>(rows: T[]) => [
        ...new Map(rows.map((row) => [row.id, row])).values(),
      ];
      // Films m0..m79 with 1-4 credits; m80..m89 are rated before any credit names them.
      await people.upsertCredits(
        unique(
          Array.from({ length: 80 }, (_, film) =>
            Array.from({ length: 1 + pick(4) }, () =>
              credit(film, pick(60), ROLES[pick(3)] ?? 'ACTOR'),
            ),
          ).flat(),
        ),
      );
      const now = Date.now();
      const count = (n: number) =>
        Promise.all(
          Array.from({ length: n }, () =>
            rising.countRating(
              randomUUID(),
              `m${Math.floor(90 * rand() ** 2)}`,
              new Date(now - Math.floor(rand() * 40 * 86_400_000)),
            ),
          ),
        );

      const check = async (stage: string) => {
        await rising.refresh();
        for (const window of WINDOWS)
          for (const role of ROLES)
            for (const first of [5, 100]) {
              const expected = await plainRising(db.sql, window, role, first);
              expect(
                await rising.rising(window, role, first),
                `${stage} ${window} ${role}`,
              ).toEqual(expected);
              if (window === 'MONTH' && first === 100) expect(expected.length).toBeGreaterThan(5);
            }
        // The triggers' rollup equals one computed from scratch.
        const rollup = () =>
          db.sql.query(
            `SELECT person_id, role::text, day::text, ratings FROM people.person_rating_day
             WHERE ratings <> 0 ORDER BY 1, 2, 3`,
          );
        const kept = await rollup();
        await db.sql.query('SELECT people.rising_rebuild()');
        expect(await rollup(), stage).toEqual(kept);
      };

      for (let i = 0; i < 6; i++) await count(50);
      await check('ratings counted');

      // Credits added (the import store's upsert and a plain INSERT), on rated films and the uncredited ones.
      await people.upsertCredits(
        Array.from({ length: 30 }, () => credit(60 + pick(30), pick(60), 'ACTOR')).filter(
          (row, i, rows) => rows.findIndex((other) => other.id === row.id) === i,
        ),
      );
      await db.sql.query(
        `INSERT INTO people.credit (id, movie_id, person_id, role)
         VALUES ('x1', 'm1', 'p59', 'DIRECTOR'), ('x2', 'm2', 'p59', 'DIRECTOR')
         ON CONFLICT DO NOTHING`,
      );
      await check('credits added');

      // Credits removed, moved to another role, film or person, rewritten without moving
      // (characters), and a person removed with their credits.
      await db.sql.query(`DELETE FROM people.credit WHERE movie_id IN ('m0', 'm3')`);
      await db.sql.query(
        `UPDATE people.credit SET role = 'WRITER'
         WHERE movie_id IN ('m1', 'm4') AND role <> 'WRITER'
           AND NOT EXISTS (SELECT 1 FROM people.credit o WHERE o.movie_id = credit.movie_id
                           AND o.person_id = credit.person_id AND o.role = 'WRITER')`,
      );
      await db.sql.query(
        `UPDATE people.credit SET movie_id = 'm85' WHERE id = (
           SELECT min(id) FROM people.credit c WHERE c.movie_id = 'm2'
             AND NOT EXISTS (SELECT 1 FROM people.credit o WHERE o.movie_id = 'm85'
                             AND o.person_id = c.person_id AND o.role = c.role))`,
      );
      await db.sql.query(`UPDATE people.credit SET characters = '{Someone}' WHERE movie_id = 'm5'`);
      await db.sql.query(`DELETE FROM people.person WHERE id IN ('p1', 'p2')`);
      await check('credits changed');

      // More ratings after the changes, and the ranking read through the API.
      await count(100);
      await check('more ratings');
      const expected = await plainRising(db.sql, 'WEEK', 'ACTOR', 5);
      const result = await executeInProcess(
        subgraph,
        '{ risingPeople(window: WEEK, role: ACTOR, first: 5) { person { id } ratings films { movie { id } ratings } } }',
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        risingPeople: expected.map((gain) => ({
          person: { id: gain.personId },
          ratings: gain.ratings,
          films: gain.films.map((film) => ({ movie: { id: film.movieId }, ratings: film.ratings })),
        })),
      });
    }, 120_000);
  });
}
