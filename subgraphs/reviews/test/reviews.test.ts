import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import {
  createMemoryEventStream,
  type MarqueeTopics,
  type RatingChangedEvent,
} from '@marquee/pubsub';
import { createFixedEntityExistence, executeInProcess } from '@marquee/server-kit';
import { createReviewsSubgraph } from '../src/server.ts';

// The movies subgraph's catalogue, as far as these tests need it.
const catalogue = createFixedEntityExistence(['alien', 'heat', 'jaws', 'up'], 'film');
const secret = 'r'.repeat(32);
const RATE =
  'mutation ($m: ID!, $r: Float!) { rateMovie(movieId: $m, rating: $r) { rating movie { id } user { id } } }';
const as = (userId: string) => ({
  identity: { userId, role: 'USER' as const, expiresAt: Math.floor(Date.now() / 1000) + 60 },
  identitySecret: secret,
});

let db: Database;
let subgraph: ReturnType<typeof createReviewsSubgraph>;
const events: RatingChangedEvent[] = [];
let stopRelay: () => Promise<void>;

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  const stream = createMemoryEventStream<MarqueeTopics>();
  await stream.consume('rating.changed', 'test', ({ payload }) => {
    events.push(payload);
    return Promise.resolve();
  });
  subgraph = createReviewsSubgraph({
    db,
    stream,
    logger: createLogger({ name: 'test', level: 'silent' }),
    identitySecret: secret,
    movies: catalogue,
  });
  await subgraph.server.start();
  stopRelay = await subgraph.start();
  // PGlite start plus migrations can exceed the default hook timeout when many files start at once.
}, 60_000);
afterAll(async () => {
  await stopRelay();
  await subgraph.server.stop();
  await db.close();
});

describe('reviews subgraph', () => {
  it('requires a signed-in user to rate', async () => {
    const result = await executeInProcess(subgraph, RATE, { variables: { m: 'alien', r: 4 } });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('keeps one rating per user and movie, replacing it on a second call, and publishes each change', async () => {
    events.length = 0;
    await executeInProcess(subgraph, RATE, { variables: { m: 'alien', r: 3 }, ...as('u1') });
    const second = await executeInProcess(subgraph, RATE, {
      variables: { m: 'alien', r: 4.5 },
      ...as('u1'),
    });
    expect(second.data).toEqual({
      rateMovie: { rating: 4.5, movie: { id: 'alien' }, user: { id: 'u1' } },
    });
    await executeInProcess(subgraph, RATE, { variables: { m: 'alien', r: 2.5 }, ...as('u2') });
    const summary = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Movie { ratingSummary { average count } } } }',
      {
        variables: {
          r: [
            { __typename: 'Movie', id: 'alien' },
            { __typename: 'Movie', id: 'unrated' },
          ],
        },
      },
    );
    expect(summary.data).toEqual({
      _entities: [
        { ratingSummary: { average: 3.5, count: 2 } },
        { ratingSummary: { average: null, count: 0 } },
      ],
    });
    await expect
      .poll(() => events.map(({ userId, movieId, rating }) => ({ userId, movieId, rating })))
      .toEqual([
        { userId: 'u1', movieId: 'alien', rating: 3 },
        { userId: 'u1', movieId: 'alien', rating: 4.5 },
        { userId: 'u2', movieId: 'alien', rating: 2.5 },
      ]);
  });

  it.each([0, 5.5, 3.3, -1, Number.NaN])('rejects the rating %s as bad input', async (rating) => {
    const result = await executeInProcess(subgraph, RATE, {
      variables: { m: 'alien', r: rating },
      ...as('u3'),
    });
    expect(result.errors?.[0]?.extensions?.['code']).toMatch(/BAD_USER_INPUT/);
  });

  it('lists a User entity ratings, newest first', async () => {
    await executeInProcess(subgraph, RATE, { variables: { m: 'heat', r: 5 }, ...as('u9') });
    await executeInProcess(subgraph, RATE, { variables: { m: 'jaws', r: 4 }, ...as('u9') });
    const result = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { ratings { rating movie { id } } } } }',
      {
        variables: { r: [{ __typename: 'User', id: 'u9' }] },
      },
    );
    expect(result.data).toEqual({
      _entities: [
        {
          ratings: [
            { rating: 4, movie: { id: 'jaws' } },
            { rating: 5, movie: { id: 'heat' } },
          ],
        },
      ],
    });
  });
});
