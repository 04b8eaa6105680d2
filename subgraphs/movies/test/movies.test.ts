import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDocumentStore } from '@marquee/documents';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { executeInProcess, type InProcessResult } from '@marquee/server-kit';
import { createMoviesSubgraph } from '../src/server.ts';
import { catalogue } from './catalogue.ts';

interface MoviePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: { node: { id: string; title: string } }[];
}

const secret = 'test-secret-test-secret-test-secret-00';
let db: Database;
let subgraph: ReturnType<typeof createMoviesSubgraph>;
const findByIdsCalls: string[][] = [];
let statements = 0;

// Opening PGlite and applying the migrations takes seconds on a busy 2-core machine.
beforeAll(async () => {
  db = await openDatabase(
    { kind: 'pglite', dataDir: undefined },
    { onQuery: () => (statements += 1) },
  );
  const documents = createMemoryDocumentStore();
  subgraph = createMoviesSubgraph({
    db,
    documents,
    logger: createLogger({ name: 'test', level: 'silent' }),
    identitySecret: secret,
  });
  await subgraph.stores.movies.upsertMany(catalogue);
  await subgraph.stores.documents.put({
    _id: 'tt0068646',
    overview:
      'The aging patriarch of an organized crime dynasty transfers control to his reluctant son.',
    tagline: "An offer you can't refuse.",
    keywords: ['mafia', 'family'],
    // From MovieLens tags: they follow the curated keywords, each keyword once.
    movielensTags: ['classic', 'mafia'],
    posterUrl: 'https://posters.example/tt0068646.jpg',
  });
  const findByIds = subgraph.stores.movies.findByIds.bind(subgraph.stores.movies);
  subgraph.stores.movies.findByIds = (ids) => {
    findByIdsCalls.push([...ids]);
    return findByIds(ids);
  };
  await subgraph.server.start();
}, 60_000);
afterAll(async () => {
  await subgraph.server.stop();
  await db.close();
});

const pageQuery = `query ($first: Int, $after: String, $filter: MovieFilter, $orderBy: MovieOrder) {
  movies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id title } }
  }
}`;

async function moviesPage(variables: Record<string, unknown>): Promise<MoviePage> {
  const result: InProcessResult<{ movies: MoviePage }> = await executeInProcess(
    subgraph,
    pageQuery,
    { variables },
  );
  expect(result.errors).toBeUndefined();
  if (!result.data) throw new Error('no data');
  return result.data.movies;
}

const titles = (page: MoviePage) => page.edges.map((edge) => edge.node.title);

/** Follows `endCursor` to the end, `first` at a time. */
async function allPages(variables: Record<string, unknown>, first: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await moviesPage({ ...variables, first, after });
    seen.push(...titles(page));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
}

describe('movie and movieByExternalId', () => {
  it('returns one movie with its catalogue fields, external ids and document fields', async () => {
    const result = await executeInProcess(
      subgraph,
      '{ movie(id: "tt0068646") { id kind title originalTitle year runtimeMinutes genres externalIds { imdb tmdb movielens } overview tagline keywords posterUrl } }',
    );
    expect(result).toEqual({
      data: {
        movie: {
          id: 'tt0068646',
          kind: 'movie',
          title: 'The Godfather',
          originalTitle: null,
          year: 1972,
          runtimeMinutes: 120,
          genres: ['Crime', 'Drama'],
          externalIds: { imdb: 'tt0068646', tmdb: '238', movielens: '858' },
          overview:
            'The aging patriarch of an organized crime dynasty transfers control to his reluctant son.',
          tagline: "An offer you can't refuse.",
          keywords: ['mafia', 'family', 'classic'],
          posterUrl: 'https://posters.example/tt0068646.jpg',
        },
      },
    });
  });

  it('answers null without errors for an unknown id, and empty keywords for a movie without a document', async () => {
    expect(await executeInProcess(subgraph, '{ movie(id: "no-such-id") { id } }')).toEqual({
      data: { movie: null },
    });
    expect(
      await executeInProcess(
        subgraph,
        '{ movie(id: "tt0078748") { keywords posterUrl overview } }',
      ),
    ).toEqual({
      data: { movie: { keywords: [], posterUrl: null, overview: null } },
    });
  });

  it('finds a movie by its IMDb, TMDB and MovieLens ids, and null for an id no movie has', async () => {
    const query =
      'query ($source: ExternalSource!, $id: String!) { movieByExternalId(source: $source, id: $id) { title } }';
    const lookup = (source: string, id: string) =>
      executeInProcess(subgraph, query, { variables: { source, id } });
    expect(await lookup('IMDB', 'tt0071562')).toEqual({
      data: { movieByExternalId: { title: 'The Godfather Part II' } },
    });
    expect(await lookup('TMDB', '238')).toEqual({
      data: { movieByExternalId: { title: 'The Godfather' } },
    });
    expect(await lookup('MOVIELENS', '1221')).toEqual({
      data: { movieByExternalId: { title: 'The Godfather Part II' } },
    });
    expect(await lookup('TMDB', 'tt0068646')).toEqual({ data: { movieByExternalId: null } });
  });
});

describe('movies text search', () => {
  it('lists The Godfather first for "godfater", then its sequels, ahead of closer but little-seen titles', async () => {
    const page = await moviesPage({ first: 5, filter: { text: 'godfater' } });
    expect(titles(page).slice(0, 3)).toEqual([
      'The Godfather',
      'The Godfather Part II',
      'The Godfather Part III',
    ]);
    expect(titles(page)).toContain('Godfather');
    expect(titles(page)).not.toContain('Godzilla');
  });

  it('ranks an exact title above more popular partial matches', async () => {
    const page = await moviesPage({ first: 3, filter: { text: 'The Godfather Part III' } });
    expect(titles(page)[0]).toBe('The Godfather Part III');
  });

  it('matches every word in any order through full text, including the original title', async () => {
    expect(titles(await moviesPage({ first: 3, filter: { text: 'part ii godfather' } }))[0]).toBe(
      'The Godfather Part II',
    );
    expect(titles(await moviesPage({ first: 3, filter: { text: 'il cattivo' } }))).toEqual([
      'The Good, the Bad and the Ugly',
    ]);
  });

  it('tolerates typos in other titles and finds nothing for unrelated text', async () => {
    expect(titles(await moviesPage({ first: 3, filter: { text: 'godzila' } }))).toEqual([
      'Godzilla',
      'Godzilla',
    ]);
    expect(titles(await moviesPage({ first: 3, filter: { text: 'goodfelas' } }))[0]).toBe(
      'Goodfellas',
    );
    const none = await moviesPage({ first: 3, filter: { text: 'zzqxv' } });
    expect(none).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null },
      edges: [],
    });
  });

  it('pages through search results with opaque cursors, each result once, with the total', async () => {
    const everything = titles(await moviesPage({ first: 100, filter: { text: 'godfater' } }));
    expect(await allPages({ filter: { text: 'godfater' } }, 2)).toEqual(everything);
    const first = await moviesPage({ first: 2, filter: { text: 'godfater' } });
    expect(first.totalCount).toBe(everything.length);
    expect(first.pageInfo.hasPreviousPage).toBe(false);
  });

  it('combines text with filters and with an explicit order', async () => {
    const page = await moviesPage({
      first: 10,
      filter: { text: 'godfater', yearFrom: 1974 },
      orderBy: { field: 'YEAR', direction: 'ASC' },
    });
    expect(titles(page)).toEqual(['The Godfather Part II', 'The Godfather Part III', 'Godfather']);
    expect(page.totalCount).toBe(3);
  });
});

describe('movies filters, orders and cursors', () => {
  it('lists the most popular first by default, with keyset cursors across pages', async () => {
    const expected = [...catalogue]
      .sort((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0))
      .map((movie) => movie.title);
    expect(await allPages({}, 5)).toEqual(expected);
    expect((await moviesPage({ first: 1 })).totalCount).toBe(catalogue.length);
  });

  it('filters by all given genres, a year range and kinds', async () => {
    expect(
      titles(await moviesPage({ first: 20, filter: { genres: ['Sci-Fi', 'Horror'] } })),
    ).toEqual(['Alien', 'Godzilla']);
    expect(
      titles(await moviesPage({ first: 20, filter: { yearFrom: 1985, yearTo: 1990 } })),
    ).toEqual(['Goodfellas', 'Aliens', 'The Godfather Part III']);
    expect(titles(await moviesPage({ first: 20, filter: { kinds: ['tvSeries'] } }))).toEqual([
      'The Sopranos',
    ]);
    expect(
      (await moviesPage({ first: 1, filter: { genres: ['Crime'], kinds: ['movie'] } })).totalCount,
    ).toBe(4);
  });

  it('orders by title, year and rating in both directions with unknown values last, paging by keyset', async () => {
    const sorted = [...catalogue]
      .map((movie) => movie.title)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(await allPages({ orderBy: { field: 'TITLE', direction: 'ASC' } }, 4)).toEqual(sorted);
    const byYearDesc = await allPages({ orderBy: { field: 'YEAR', direction: 'DESC' } }, 3);
    expect(byYearDesc.slice(0, 2)).toEqual(['Godzilla', 'The Sopranos']);
    expect(byYearDesc.at(-1)).toBe('Untitled Godfather Documentary');
    const byYearAsc = await allPages({ orderBy: { field: 'YEAR', direction: 'ASC' } }, 3);
    expect(byYearAsc[0]).toBe('Godzilla');
    expect(byYearAsc.at(-1)).toBe('Untitled Godfather Documentary');
    const byRating = await allPages({ orderBy: { field: 'RATING', direction: 'DESC' } }, 2);
    expect(byRating.slice(0, 2).sort()).toEqual(['The Godfather', 'The Sopranos']);
    expect(byRating.at(-1)).toBe('Untitled Godfather Documentary');
    expect([...byRating].sort()).toEqual([...sorted].sort());
  });

  it('rejects a page size outside 1..100, a forged cursor, a cursor from another order and an absurd year', async () => {
    const big = await executeInProcess(subgraph, '{ movies(first: 1000) { totalCount } }');
    expect(big.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const forged = await executeInProcess(
      subgraph,
      '{ movies(first: 1, after: "bm9wZQ") { totalCount } }',
    );
    expect(forged.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const { endCursor } = (await moviesPage({ first: 1 })).pageInfo;
    const mixed = await executeInProcess(subgraph, pageQuery, {
      variables: { first: 1, after: endCursor, orderBy: { field: 'TITLE' } },
    });
    expect(mixed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const year = await executeInProcess(
      subgraph,
      '{ movies(filter: { yearFrom: -5 }) { totalCount } }',
    );
    expect(year.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('counts only when totalCount is asked for', async () => {
    statements = 0;
    await executeInProcess(subgraph, '{ movies(first: 3) { edges { node { id } } } }');
    expect(statements).toBe(1);
    statements = 0;
    await executeInProcess(subgraph, '{ movies(first: 3) { totalCount edges { node { id } } } }');
    expect(statements).toBe(2);
  });

  it('lists every genre with its number of titles', async () => {
    const result = await executeInProcess<{ genres: { name: string; movieCount: number }[] }>(
      subgraph,
      '{ genres { name movieCount } }',
    );
    expect(result.data?.genres.slice(0, 3)).toEqual([
      { name: 'Action', movieCount: 2 },
      { name: 'Adventure', movieCount: 3 },
      { name: 'Biography', movieCount: 1 },
    ]);
    expect(result.data?.genres.find((genre) => genre.name === 'Crime')).toEqual({
      name: 'Crime',
      movieCount: 5,
    });
  });
});

describe('Movie entities', () => {
  it('resolves Movie entities for the router in one batched lookup, a missing one as null with NOT_FOUND', async () => {
    findByIdsCalls.length = 0;
    const result = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Movie { id title } } }',
      {
        variables: {
          r: [
            { __typename: 'Movie', id: 'tt0078748' },
            { __typename: 'Movie', id: 'missing' },
            { __typename: 'Movie', id: 'tt0090605' },
          ],
        },
      },
    );
    expect(result.errors?.map((error) => [error.extensions?.['code'], error.path])).toEqual([
      ['NOT_FOUND', ['_entities', 1]],
    ]);
    expect(result.data).toEqual({
      _entities: [{ id: 'tt0078748', title: 'Alien' }, null, { id: 'tt0090605', title: 'Aliens' }],
    });
    expect(findByIdsCalls).toEqual([['tt0078748', 'missing', 'tt0090605']]);
  });
});
