import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDocumentStore } from '@marquee/documents';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { executeInProcess, type InProcessResult } from '@marquee/server-kit';

interface MoviePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string } }[];
}
import { createMoviesSubgraph, type MovieInput } from '../src/server.ts';

const secret = 'test-secret-test-secret-test-secret-00';
let db: Database;
let subgraph: ReturnType<typeof createMoviesSubgraph>;
const findByIdsCalls: string[][] = [];

const movie = (id: string, title: string, popularity: number): MovieInput => ({
  id, kind: 'movie', title, originalTitle: null, year: 1979, runtimeMinutes: 117, genres: ['Sci-Fi'],
  imdbId: `tt${id.padStart(7, '0')}`, tmdbId: null, movielensId: null, popularity,
});

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  const documents = createMemoryDocumentStore();
  subgraph = createMoviesSubgraph({ db, documents, logger: createLogger({ name: 'test', level: 'silent' }), identitySecret: secret });
  await subgraph.stores.movies.upsertMany(Array.from({ length: 25 }, (_, i) => movie(String(i + 1), `Film ${i + 1}`, 100 - i)));
  await subgraph.stores.documents.put({ _id: '1', overview: 'A crew meets something in the dark.', tagline: 'In space…' });
  const findByIds = subgraph.stores.movies.findByIds.bind(subgraph.stores.movies);
  subgraph.stores.movies.findByIds = (ids) => {
    findByIdsCalls.push([...ids]);
    return findByIds(ids);
  };
  await subgraph.server.start();
});
afterAll(async () => {
  await subgraph.server.stop();
  await db.close();
});

describe('movies subgraph', () => {
  it('returns one movie with its external ids and document fields', async () => {
    const result = await executeInProcess(subgraph, '{ movie(id: "1") { id title year genres externalIds { imdb } overview tagline } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      movie: { id: '1', title: 'Film 1', year: 1979, genres: ['Sci-Fi'], externalIds: { imdb: 'tt0000001' }, overview: 'A crew meets something in the dark.', tagline: 'In space…' },
    });
  });

  it('answers null without errors for an unknown id', async () => {
    const result = await executeInProcess(subgraph, '{ movie(id: "no-such-id") { id } }');
    expect(result).toEqual({ data: { movie: null } });
  });

  it('pages through movies most popular first with a stable cursor and totalCount', async () => {
    const query = 'query ($after: String) { movies(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const result: InProcessResult<{ movies: MoviePage }> = await executeInProcess(subgraph, query, { variables: { after } });
      expect(result.errors).toBeUndefined();
      const movies = result.data?.movies;
      expect(movies?.totalCount).toBe(25);
      seen.push(...(movies?.edges.map((edge) => edge.node.id) ?? []));
      after = movies?.pageInfo.endCursor ?? null;
      expect(movies?.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
  });

  it('rejects a page size outside 1..100 and a forged cursor as bad input', async () => {
    const big = await executeInProcess(subgraph, '{ movies(first: 1000) { totalCount } }');
    expect(big.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const forged = await executeInProcess(subgraph, '{ movies(first: 1, after: "bm9wZQ") { totalCount } }');
    expect(forged.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('resolves Movie entities for the router in one batched lookup', async () => {
    findByIdsCalls.length = 0;
    const result = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Movie { id title } } }',
      { variables: { r: [{ __typename: 'Movie', id: '2' }, { __typename: 'Movie', id: 'missing' }, { __typename: 'Movie', id: '3' }] } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: '2', title: 'Film 2' }, null, { id: '3', title: 'Film 3' }] });
    expect(findByIdsCalls).toEqual([['2', 'missing', '3']]);
  });
});
