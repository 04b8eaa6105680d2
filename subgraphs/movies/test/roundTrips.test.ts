import { describe, expect, it } from 'vitest';
import { measureMoviesRoundTrips } from './roundTrips.ts';

describe('movies subgraph round trips (PGlite, counted at the driver)', () => {
  it(
    'costs the same statements for a page of 10 and of 100 movies, and for 10 and 100 entities',
    { timeout: 60_000 },
    async () => {
      expect(await measureMoviesRoundTrips({ kind: 'pglite', dataDir: undefined }, true)).toEqual({
        // The page and its totalCount.
        page10: 2,
        page100: 2,
        // One batched lookup.
        entities10: 1,
        entities100: 1,
      });
    },
  );
});
