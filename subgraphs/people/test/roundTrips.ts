import { expect } from 'vitest';
import { openDatabase, type DatabaseConfig } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { executeInProcess } from '@marquee/server-kit';
import { createPeopleSubgraph } from '../src/server.ts';
import type { CreditRecord } from '../src/stores/peopleStore.ts';

/**
 * What the router sends the people subgraph for a page of N movies with
 * `cast { person { name } } directors { name }`: one `_entities` fetch with N representations.
 */
const castAndDirectors =
  'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Movie { cast { person { name } } directors { name } } } }';
const everything =
  'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Movie { cast { person { name } } crew { role person { name } } directors { name } writers { name } } } }';
const peopleEntities =
  'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { name credits(first: 5) { totalCount edges { node { role } } } } } }';

/** Counts statements at the driver for the same operations with 10 and 100 entities. */
export async function measurePeopleRoundTrips(config: DatabaseConfig, migrate: boolean) {
  let statements = 0;
  const db = await openDatabase(config, { migrate, onQuery: () => (statements += 1) });
  try {
    const subgraph = createPeopleSubgraph({
      db,
      logger: createLogger({ name: 'test', level: 'silent' }),
      identitySecret: 's'.repeat(32),
    });
    const movieIds = Array.from({ length: 120 }, (_, i) => `m${i + 1}`);
    // 8 actors, a director and a writer per movie, from a pool of 300 people.
    await subgraph.stores.people.upsertPeople(
      Array.from({ length: 300 }, (_, i) => ({
        id: `p${i + 1}`,
        name: `Person ${i + 1}`,
        birthYear: null,
        deathYear: null,
        professions: [],
        imdbId: null,
      })),
    );
    const credits: CreditRecord[] = movieIds.flatMap((movieId, m) => [
      ...Array.from({ length: 8 }, (_, a) => ({
        id: `${movieId}:a${a}`,
        movieId,
        personId: `p${((m * 8 + a) % 280) + 1}`,
        role: 'ACTOR' as const,
        characters: [`Role ${a}`],
        billingOrder: a + 1,
      })),
      {
        id: `${movieId}:d`,
        movieId,
        personId: `p${281 + (m % 10)}`,
        role: 'DIRECTOR' as const,
        characters: [],
        billingOrder: null,
      },
      {
        id: `${movieId}:w`,
        movieId,
        personId: `p${291 + (m % 10)}`,
        role: 'WRITER' as const,
        characters: [],
        billingOrder: null,
      },
    ]);
    await subgraph.stores.people.upsertCredits(credits);
    await subgraph.server.start();
    const count = async (
      operation: string,
      representations: { __typename: string; id: string }[],
    ) => {
      statements = 0;
      const result = await executeInProcess(subgraph, operation, {
        variables: { representations },
      });
      expect(result.errors).toBeUndefined();
      return statements;
    };
    const movies = (n: number) => movieIds.slice(0, n).map((id) => ({ __typename: 'Movie', id }));
    const people = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ __typename: 'Person', id: `p${i + 1}` }));
    const measured = {
      castAndDirectors10: await count(castAndDirectors, movies(10)),
      castAndDirectors100: await count(castAndDirectors, movies(100)),
      everything10: await count(everything, movies(10)),
      everything100: await count(everything, movies(100)),
      people10: await count(peopleEntities, people(10)),
      people100: await count(peopleEntities, people(100)),
    };
    await subgraph.server.stop();
    return measured;
  } finally {
    await db.close();
  }
}
