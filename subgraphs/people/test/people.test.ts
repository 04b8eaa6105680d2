import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CreditRole, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { executeInProcess } from '@marquee/server-kit';
import { createPeopleSubgraph } from '../src/server.ts';

let db: Database;
let subgraph: ReturnType<typeof createPeopleSubgraph>;
const movieBatches: string[][] = [];
const personBatches: string[][] = [];

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  subgraph = createPeopleSubgraph({ db, logger: createLogger({ name: 'test', level: 'silent' }), identitySecret: 'x'.repeat(32) });
  const person = (id: string, name: string) => ({ id, name, birthYear: 1950, deathYear: null, professions: ['actor'], imdbId: null });
  await subgraph.stores.people.upsertPeople([person('p1', 'Ridley Scott'), person('p2', 'Sigourney Weaver'), person('p3', 'Tom Skerritt'), person('p4', 'James Cameron')]);
  const credit = (movieId: string, personId: string, role: CreditRole, billingOrder: number | null, characters: string[] = []) =>
    ({ id: `${movieId}:${personId}:${role}`, movieId, personId, role, characters, billingOrder });
  await subgraph.stores.people.upsertCredits([
    credit('alien', 'p1', 'DIRECTOR', null),
    credit('alien', 'p2', 'ACTOR', 2, ['Ripley']),
    credit('alien', 'p3', 'ACTOR', 1, ['Dallas']),
    credit('aliens', 'p4', 'DIRECTOR', null),
    credit('aliens', 'p2', 'ACTOR', 1, ['Ripley']),
  ]);
  const creditsForMovies = subgraph.stores.people.creditsForMovies.bind(subgraph.stores.people);
  const findByIds = subgraph.stores.people.findByIds.bind(subgraph.stores.people);
  subgraph.stores.people.creditsForMovies = (ids, roles) => {
    movieBatches.push([...ids]);
    return creditsForMovies(ids, roles);
  };
  subgraph.stores.people.findByIds = (ids) => {
    personBatches.push([...ids]);
    return findByIds(ids);
  };
  await subgraph.server.start();
});
afterAll(async () => {
  await subgraph.server.stop();
  await db.close();
});

describe('people subgraph', () => {
  it('contributes cast in billing order and directors to Movie entities, batched across movies', async () => {
    movieBatches.length = 0;
    personBatches.length = 0;
    const result = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Movie { id cast(first: 5) { characters billingOrder person { name } } directors { name } } } }',
      { variables: { r: [{ __typename: 'Movie', id: 'alien' }, { __typename: 'Movie', id: 'aliens' }, { __typename: 'Movie', id: 'unknown' }] } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: 'alien', cast: [{ characters: ['Dallas'], billingOrder: 1, person: { name: 'Tom Skerritt' } }, { characters: ['Ripley'], billingOrder: 2, person: { name: 'Sigourney Weaver' } }], directors: [{ name: 'Ridley Scott' }] },
        { id: 'aliens', cast: [{ characters: ['Ripley'], billingOrder: 1, person: { name: 'Sigourney Weaver' } }], directors: [{ name: 'James Cameron' }] },
        { id: 'unknown', cast: [], directors: [] },
      ],
    });
    // One query for all casts, one for all directors, one for all people.
    expect(movieBatches).toEqual([['alien', 'aliens', 'unknown'], ['alien', 'aliens', 'unknown']]);
    expect(personBatches).toHaveLength(1);
    expect([...(personBatches[0] ?? [])].sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('resolves Person entities and their credits with the movie as a federated reference', async () => {
    const result = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name credits { role movie { id } } } } }',
      { variables: { r: [{ __typename: 'Person', id: 'p2' }, { __typename: 'Person', id: 'nobody' }] } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [{ name: 'Sigourney Weaver', credits: [{ role: 'ACTOR', movie: { id: 'aliens' } }, { role: 'ACTOR', movie: { id: 'alien' } }] }, null],
    });
  });

  it('answers person(id) with null for an unknown id', async () => {
    expect(await executeInProcess(subgraph, '{ person(id: "nobody") { id } }')).toEqual({ data: { person: null } });
  });
});
