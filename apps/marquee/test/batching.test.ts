import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { openDatabase, type Database } from '@marquee/db';
import { createMemoryDocumentStore } from '@marquee/documents';
import { createLogger } from '@marquee/logger';
import { createMoviesSubgraph } from '@marquee/movies';
import { createPeopleSubgraph } from '@marquee/people';
import { createRouter, readSupergraph, subgraphNames } from '@marquee/router';
import { createHttpHandler, listen, type Listening, type Subgraph } from '@marquee/server-kit';

/**
 * The catalogue's batching, proven end to end: the real router (query planner, `_entities`
 * fetches over HTTP) in front of the movies and people subgraphs, each on its own PGlite database
 * whose driver counts every statement.
 */
const secret = 'i'.repeat(32);
const logger = createLogger({ name: 'test', level: 'silent' });
const statements = { movies: 0, people: 0 };
const databases: Database[] = [];
const servers: Listening[] = [];
let router: ReturnType<typeof createRouter>;
const stops: (() => Promise<void>)[] = [];
/** TCP connections each subgraph server has accepted, by URL. */
const connections = new Map<string, number>();

/** Starts a subgraph on a free port, as `marquee serve` does; returns its GraphQL URL. */
async function serve<Stores, Loaders>(subgraph: Subgraph<Stores, Loaders>): Promise<string> {
  await subgraph.server.start();
  stops.push(() => subgraph.server.stop());
  const server = await listen(
    createHttpHandler({
      server: subgraph.server,
      createContext: subgraph.createContext,
      health: subgraph.health,
      logger,
    }),
    0,
    '127.0.0.1',
  );
  servers.push(server);
  const url = `${server.url}/graphql`;
  connections.set(url, 0);
  server.server.on('connection', () => connections.set(url, (connections.get(url) ?? 0) + 1));
  return url;
}

// Two PGlite databases, their migrations and the seed take seconds on a busy 2-core machine.
beforeAll(async () => {
  const moviesDb = await openDatabase(
    { kind: 'pglite', dataDir: undefined },
    { onQuery: () => (statements.movies += 1) },
  );
  const peopleDb = await openDatabase(
    { kind: 'pglite', dataDir: undefined },
    { onQuery: () => (statements.people += 1) },
  );
  databases.push(moviesDb, peopleDb);
  const movies = createMoviesSubgraph({
    db: moviesDb,
    documents: createMemoryDocumentStore(),
    logger,
    identitySecret: secret,
  });
  const people = createPeopleSubgraph({ db: peopleDb, logger, identitySecret: secret });
  const ids = Array.from({ length: 120 }, (_, i) => `tt${String(i + 1).padStart(7, '0')}`);
  await movies.stores.movies.upsertMany(
    ids.map((id, i) => ({
      id,
      kind: 'movie',
      title: `Film ${i + 1}`,
      originalTitle: null,
      year: 2000,
      runtimeMinutes: 90,
      genres: ['Drama'],
      imdbId: id,
      tmdbId: null,
      movielensId: null,
      popularity: 1000 - i,
    })),
  );
  await people.stores.people.upsertPeople(
    Array.from({ length: 200 }, (_, i) => ({
      id: `nm${i + 1}`,
      name: `Person ${i + 1}`,
      birthYear: null,
      deathYear: null,
      professions: [],
      imdbId: null,
    })),
  );
  await people.stores.people.upsertCredits(
    ids.flatMap((movieId, m) => [
      ...Array.from({ length: 6 }, (_, a) => ({
        id: `${movieId}:${a}`,
        movieId,
        personId: `nm${((m * 6 + a) % 180) + 1}`,
        role: 'ACTOR' as const,
        characters: [],
        billingOrder: a + 1,
      })),
      {
        id: `${movieId}:d`,
        movieId,
        personId: `nm${181 + (m % 20)}`,
        role: 'DIRECTOR' as const,
        characters: [],
        billingOrder: null,
      },
    ]),
  );
  const urls: Record<string, string> = Object.fromEntries(
    subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql']),
  );
  urls['movies'] = await serve(movies);
  urls['people'] = await serve(people);
  router = createRouter({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: urls,
    tokens: await TokenService.fromKeys(await generateTokenKeyPair()),
    identitySecret: secret,
    logger,
    production: false,
    // This test measures batching, not the cost limit.
    maxCost: 1_000_000,
  });
  await router.server.start();
}, 120_000);
afterAll(async () => {
  await router.server.stop();
  for (const server of servers) await server.close();
  for (const stop of stops) await stop();
  for (const db of databases) await db.close();
});

async function roundTrips(first: number) {
  statements.movies = 0;
  statements.people = 0;
  const response = await router.server.executeOperation(
    {
      query:
        'query ($first: Int) { movies(first: $first) { edges { node { title cast { person { name } } directors { name } } } } }',
      variables: { first },
    },
    { contextValue: { identity: undefined } },
  );
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  expect(errors).toBeUndefined();
  const edges = (
    data as {
      movies: {
        edges: { node: { cast: { person: { name: string } }[]; directors: { name: string }[] } }[];
      };
    }
  ).movies.edges;
  expect(edges).toHaveLength(first);
  expect(edges.every(({ node }) => node.cast.length === 6 && node.directors.length === 1)).toBe(
    true,
  );
  return { ...statements };
}

describe('batching through the router', () => {
  it('costs the same database round trips per subgraph for 10 and for 100 movies with cast and directors', async () => {
    const ten = await roundTrips(10);
    const hundred = await roundTrips(100);
    expect(hundred).toEqual(ten);
    // movies: the page. people: every credit of every movie, then every person in them.
    expect(ten).toEqual({ movies: 1, people: 2 });
  });

  it('reuses one keep-alive connection per subgraph across requests', async () => {
    const before = [...connections.values()].reduce((sum, n) => sum + n, 0);
    for (let request = 0; request < 5; request += 1) await roundTrips(10);
    // Five sequential requests, each fetching from movies and then people: pooled connections
    // from earlier requests carry them all, so no new socket is opened (and at most one per
    // subgraph ever was).
    expect([...connections.values()].reduce((sum, n) => sum + n, 0)).toBe(before);
    expect([...connections.values()].every((n) => n <= 1)).toBe(true);
  });
});
