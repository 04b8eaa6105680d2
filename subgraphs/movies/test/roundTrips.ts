import { expect } from 'vitest';
import { createMemoryDocumentStore } from '@marquee/documents';
import { openDatabase, type DatabaseConfig } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { executeInProcess } from '@marquee/server-kit';
import { createMoviesSubgraph } from '../src/server.ts';
import type { MovieInput } from '../src/stores/movieStore.ts';

/**
 * What the router sends the movies subgraph for
 * `movies(first: N) { edges { node { title cast { person { name } } directors { name } } } }`
 * (the cast and directors are fetched from people), and for `Movie` entities other subgraphs return.
 */
const pageOperation =
  'query ($first: Int) { movies(first: $first) { totalCount edges { node { __typename id title } } } }';
const entitiesOperation =
  'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Movie { title year } } }';

/** Counts statements at the driver for the same operations at page sizes 10 and 100. */
export async function measureMoviesRoundTrips(config: DatabaseConfig, migrate: boolean) {
  let statements = 0;
  const db = await openDatabase(config, { migrate, onQuery: () => (statements += 1) });
  try {
    const subgraph = createMoviesSubgraph({
      db,
      documents: createMemoryDocumentStore(),
      logger: createLogger({ name: 'test', level: 'silent' }),
      identitySecret: 's'.repeat(32),
    });
    const movies: MovieInput[] = Array.from({ length: 150 }, (_, i) => ({
      id: `tt${String(i + 1).padStart(7, '0')}`,
      kind: 'movie',
      title: `Film ${i + 1}`,
      originalTitle: null,
      year: 1950 + (i % 70),
      runtimeMinutes: 100,
      genres: ['Drama'],
      imdbId: null,
      tmdbId: null,
      movielensId: null,
      popularity: 1000 - i,
    }));
    await subgraph.stores.movies.upsertMany(movies);
    await subgraph.server.start();
    const count = async (operation: string, variables: Record<string, unknown>) => {
      statements = 0;
      const result = await executeInProcess(subgraph, operation, { variables });
      expect(result.errors).toBeUndefined();
      return statements;
    };
    const representations = (n: number) =>
      movies.slice(0, n).map((movie) => ({ __typename: 'Movie', id: movie.id }));
    const measured = {
      page10: await count(pageOperation, { first: 10 }),
      page100: await count(pageOperation, { first: 100 }),
      entities10: await count(entitiesOperation, { representations: representations(10) }),
      entities100: await count(entitiesOperation, { representations: representations(100) }),
    };
    await subgraph.server.stop();
    return measured;
  } finally {
    await db.close();
  }
}
