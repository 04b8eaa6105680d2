import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CreditRole, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { executeInProcess } from '@marquee/server-kit';
import { createPeopleSubgraph } from '../src/server.ts';

let db: Database;
let subgraph: ReturnType<typeof createPeopleSubgraph>;
const movieBatches: string[][] = [];
const personBatches: string[][] = [];
let statements = 0;

// Opening PGlite and applying the migrations takes seconds on a busy 2-core machine.
beforeAll(async () => {
  db = await openDatabase(
    { kind: 'pglite', dataDir: undefined },
    { onQuery: () => (statements += 1) },
  );
  subgraph = createPeopleSubgraph({
    db,
    logger: createLogger({ name: 'test', level: 'silent' }),
    identitySecret: 'x'.repeat(32),
  });
  const person = (id: string, name: string, knownFor: string[] = []) => ({
    id,
    name,
    birthYear: 1950,
    deathYear: null,
    professions: ['actor'],
    imdbId: null,
    knownFor,
  });
  await subgraph.stores.people.upsertPeople([
    person('p1', 'Ridley Scott', ['alien', 'gladiator']),
    person('p2', 'Sigourney Weaver', ['alien', 'aliens']),
    person('p3', 'Tom Skerritt'),
    person('p4', 'James Cameron', ['aliens']),
    person('p5', "Dan O'Bannon"),
    person('p6', 'Sigourney Weaver-Smith'),
  ]);
  // The seed's shape (no knownFor) is still accepted.
  await subgraph.stores.people.upsertPeople([
    {
      id: 'p7',
      name: 'Jerry Goldsmith',
      birthYear: 1929,
      deathYear: 2004,
      professions: ['composer'],
      imdbId: 'nm0000025',
    },
  ]);
  const credit = (
    movieId: string,
    personId: string,
    role: CreditRole,
    billingOrder: number | null,
    characters: string[] = [],
  ) => ({
    id: `${movieId}:${personId}:${role}`,
    movieId,
    personId,
    role,
    characters,
    billingOrder,
  });
  await subgraph.stores.people.upsertCredits([
    credit('alien', 'p1', 'DIRECTOR', null),
    credit('alien', 'p2', 'ACTOR', 2, ['Ripley']),
    credit('alien', 'p3', 'ACTOR', 1, ['Dallas']),
    credit('alien', 'p5', 'WRITER', null),
    credit('alien', 'p7', 'COMPOSER', null),
    credit('aliens', 'p4', 'DIRECTOR', null),
    credit('aliens', 'p4', 'WRITER', null),
    credit('aliens', 'p2', 'ACTOR', 1, ['Ripley']),
    credit('alien3', 'p2', 'ACTOR', 1, ['Ripley']),
    credit('alien-resurrection', 'p2', 'ACTOR', 1, ['Ripley']),
    credit('alien-resurrection', 'p2', 'PRODUCER', 5),
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
}, 60_000);
afterAll(async () => {
  await subgraph.server.stop();
  await db.close();
});

const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ...fields } }';

describe('Movie fields contributed by people', () => {
  it('gives cast in billing order, crew, directors and writers, batched across movies in one credits query', async () => {
    movieBatches.length = 0;
    personBatches.length = 0;
    const result = await executeInProcess(
      subgraph,
      `${entities} fragment fields on Movie { id cast(first: 5) { characters billingOrder person { name } } crew { role person { name } } directors { name } writers { name } }`,
      {
        variables: {
          r: [
            { __typename: 'Movie', id: 'alien' },
            { __typename: 'Movie', id: 'aliens' },
            { __typename: 'Movie', id: 'unknown' },
          ],
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          id: 'alien',
          cast: [
            { characters: ['Dallas'], billingOrder: 1, person: { name: 'Tom Skerritt' } },
            { characters: ['Ripley'], billingOrder: 2, person: { name: 'Sigourney Weaver' } },
          ],
          crew: [
            { role: 'DIRECTOR', person: { name: 'Ridley Scott' } },
            { role: 'WRITER', person: { name: "Dan O'Bannon" } },
            { role: 'COMPOSER', person: { name: 'Jerry Goldsmith' } },
          ],
          directors: [{ name: 'Ridley Scott' }],
          writers: [{ name: "Dan O'Bannon" }],
        },
        {
          id: 'aliens',
          cast: [{ characters: ['Ripley'], billingOrder: 1, person: { name: 'Sigourney Weaver' } }],
          crew: [
            { role: 'DIRECTOR', person: { name: 'James Cameron' } },
            { role: 'WRITER', person: { name: 'James Cameron' } },
          ],
          directors: [{ name: 'James Cameron' }],
          writers: [{ name: 'James Cameron' }],
        },
        { id: 'unknown', cast: [], crew: [], directors: [], writers: [] },
      ],
    });
    // One query for every credit of every movie, one for all the people in them.
    expect(movieBatches).toEqual([['alien', 'aliens', 'unknown']]);
    expect(personBatches).toHaveLength(1);
    expect([...(personBatches[0] ?? [])].sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p7']);
  });
});

describe('Person', () => {
  it('resolves Person entities with known-for titles and credits as federated movie references', async () => {
    const result = await executeInProcess(
      subgraph,
      `${entities} fragment fields on Person { name knownFor { id } credits(first: 2) { totalCount pageInfo { hasNextPage } edges { node { role movie { id } } } } }`,
      {
        variables: {
          r: [
            { __typename: 'Person', id: 'p2' },
            { __typename: 'Person', id: 'nobody' },
            { __typename: 'Person', id: 'p7' },
          ],
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          name: 'Sigourney Weaver',
          knownFor: [{ id: 'alien' }, { id: 'aliens' }],
          credits: {
            totalCount: 5,
            pageInfo: { hasNextPage: true },
            edges: [
              { node: { role: 'ACTOR', movie: { id: 'alien-resurrection' } } },
              { node: { role: 'ACTOR', movie: { id: 'alien3' } } },
            ],
          },
        },
        null,
        {
          name: 'Jerry Goldsmith',
          knownFor: [],
          credits: {
            totalCount: 1,
            pageInfo: { hasNextPage: false },
            edges: [{ node: { role: 'COMPOSER', movie: { id: 'alien' } } }],
          },
        },
      ],
    });
  });

  it("pages through one role of a person's credits with cursors", async () => {
    const query =
      'query ($after: String) { person(id: "p2") { credits(role: ACTOR, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { movie { id } } } } } }';
    interface Page {
      person: {
        credits: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { movie: { id: string } } }[];
        };
      };
    }
    const first = await executeInProcess<Page>(subgraph, query, { variables: { after: null } });
    const firstPage = first.data?.person.credits;
    expect(firstPage?.totalCount).toBe(4);
    expect(firstPage?.pageInfo.hasNextPage).toBe(true);
    const second = await executeInProcess<Page>(subgraph, query, {
      variables: { after: firstPage?.pageInfo.endCursor },
    });
    const secondPage = second.data?.person.credits;
    expect(secondPage?.pageInfo.hasNextPage).toBe(false);
    const ids = [...(firstPage?.edges ?? []), ...(secondPage?.edges ?? [])].map(
      (edge) => edge.node.movie.id,
    );
    expect(ids.sort()).toEqual(['alien', 'alien-resurrection', 'alien3', 'aliens']);
  });

  it('answers person(id) with null for an unknown id', async () => {
    expect(await executeInProcess(subgraph, '{ person(id: "nobody") { id } }')).toEqual({
      data: { person: null },
    });
  });
});

describe('people search', () => {
  const query =
    'query ($text: String, $first: Int, $after: String) { people(filter: { text: $text }, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }';
  interface Page {
    people: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { name: string } }[];
    };
  }
  const search = async (variables: Record<string, unknown>) => {
    const result = await executeInProcess<Page>(subgraph, query, { variables });
    expect(result.errors).toBeUndefined();
    if (!result.data) throw new Error('no data');
    return result.data.people;
  };

  it('finds people by a misspelt name, the closest and best known first', async () => {
    const page = await search({ text: 'sigorney weaver', first: 5 });
    expect(page.edges.map((edge) => edge.node.name)).toEqual([
      'Sigourney Weaver',
      'Sigourney Weaver-Smith',
    ]);
    expect(page.totalCount).toBe(2);
    expect(
      (await search({ text: 'james camron', first: 5 })).edges.map((edge) => edge.node.name),
    ).toEqual(['James Cameron']);
  });

  it('counts matching people only when totalCount is asked for', async () => {
    statements = 0;
    await executeInProcess(
      subgraph,
      '{ people(filter: { text: "weaver" }) { edges { node { name } } } }',
    );
    expect(statements).toBe(1);
    statements = 0;
    await executeInProcess(
      subgraph,
      '{ people(filter: { text: "weaver" }) { totalCount edges { node { name } } } }',
    );
    expect(statements).toBe(2);
  });

  it('lists everyone alphabetically without text, page by page', async () => {
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page['people'] = await search({ first: 3, after });
      expect(page.totalCount).toBe(7);
      names.push(...page.edges.map((edge) => edge.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(names).toEqual([
      "Dan O'Bannon",
      'James Cameron',
      'Jerry Goldsmith',
      'Ridley Scott',
      'Sigourney Weaver',
      'Sigourney Weaver-Smith',
      'Tom Skerritt',
    ]);
  });
});
