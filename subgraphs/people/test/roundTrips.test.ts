import { describe, expect, it } from 'vitest';
import { measurePeopleRoundTrips } from './roundTrips.ts';

describe('people subgraph round trips (PGlite, counted at the driver)', () => {
  it(
    'costs the same statements for the cast and directors of 10 and of 100 movies, and for 10 and 100 people',
    { timeout: 60_000 },
    async () => {
      expect(await measurePeopleRoundTrips({ kind: 'pglite', dataDir: undefined }, true)).toEqual({
        // One query for every credit of every movie, one for every person in them.
        castAndDirectors10: 2,
        castAndDirectors100: 2,
        // Crew and writers share the same credits query.
        everything10: 2,
        everything100: 2,
        // One lookup for the people, one windowed query for all their credits.
        people10: 2,
        people100: 2,
      });
    },
  );
});
