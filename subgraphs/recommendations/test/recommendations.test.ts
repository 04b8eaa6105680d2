import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import {
  createMemoryEventStream,
  createMemoryPubSub,
  type MarqueeTopics,
  type RatingChangedEvent,
} from '@marquee/pubsub';
import { executeInProcess } from '@marquee/server-kit';
import { createRecommendationsSubgraph } from '../src/server.ts';

const secret = 'q'.repeat(32);
const as = (userId: string, role: 'USER' | 'ADMIN' = 'USER') => ({
  identity: { userId, role, expiresAt: Math.floor(Date.now() / 1000) + 60 },
  identitySecret: secret,
});
const RECS =
  'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { recommendations(first: 3) { movie { id } reason } } } }';

let db: Database;
let pubsub: ReturnType<typeof createMemoryPubSub<MarqueeTopics>>;
const stream = createMemoryEventStream<MarqueeTopics>();
/** A rating event as the reviews subgraph's outbox relays it: keyed by its eventId. */
const ratingEvent = (payload: RatingChangedEvent) => ({ id: payload.eventId, payload });

let subgraph: ReturnType<typeof createRecommendationsSubgraph>;
let stop: () => Promise<void>;

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  pubsub = createMemoryPubSub<MarqueeTopics>();
  subgraph = createRecommendationsSubgraph({
    db,
    pubsub,
    stream,
    logger: createLogger({ name: 'test', level: 'silent' }),
    identitySecret: secret,
  });
  await subgraph.stores.recommendations.upsertItems([
    { movieId: 'alien', genres: ['Horror', 'Sci-Fi'], year: 1979, popularity: 90 },
    { movieId: 'aliens', genres: ['Action', 'Sci-Fi'], year: 1986, popularity: 85 },
    { movieId: 'matrix', genres: ['Action', 'Sci-Fi'], year: 1999, popularity: 95 },
    { movieId: 'heat', genres: ['Crime', 'Drama'], year: 1995, popularity: 80 },
    { movieId: 'godfather', genres: ['Crime', 'Drama'], year: 1972, popularity: 99 },
  ]);
  stop = await subgraph.start();
  await subgraph.server.start();
});
afterAll(async () => {
  await stop();
  await subgraph.server.stop();
  await db.close();
});

describe('recommendations subgraph', () => {
  it('finds similar films by shared genres, never the film itself', async () => {
    const result = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Movie { similar(first: 3) { id } } } }',
      {
        variables: {
          r: [
            { __typename: 'Movie', id: 'alien' },
            { __typename: 'Movie', id: 'heat' },
            { __typename: 'Movie', id: 'unknown' },
          ],
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { similar: [{ id: 'matrix' }, { id: 'aliens' }] },
        { similar: [{ id: 'godfather' }] },
        { similar: [] },
      ],
    });
  });

  it('recommends popular films to a new user and leans to the genres they rated highly after rating events', async () => {
    const cold = await executeInProcess<{
      _entities: { recommendations: { movie: { id: string }; reason: string }[] }[];
    }>(subgraph, RECS, { variables: { r: [{ __typename: 'User', id: 'u1' }] }, ...as('u1') });
    expect(cold.data?._entities[0]?.recommendations.map((r) => r.movie.id)).toEqual([
      'godfather',
      'matrix',
      'alien',
    ]);
    await stream.append('rating.changed', [
      ratingEvent({
        eventId: 'e1',
        userId: 'u1',
        movieId: 'heat',
        rating: 5,
        at: new Date().toISOString(),
      }),
    ]);
    await expect
      .poll(async () => {
        const warm = await executeInProcess<{
          _entities: { recommendations: { movie: { id: string }; reason: string }[] }[];
        }>(subgraph, RECS, { variables: { r: [{ __typename: 'User', id: 'u1' }] }, ...as('u1') });
        return warm.data?._entities[0]?.recommendations[0];
      })
      .toEqual({ movie: { id: 'godfather' }, reason: 'Popular in Crime' });
    const after = await executeInProcess<{
      _entities: { recommendations: { movie: { id: string } }[] }[];
    }>(subgraph, RECS, { variables: { r: [{ __typename: 'User', id: 'u1' }] }, ...as('u1') });
    expect(after.data?._entities[0]?.recommendations.map((r) => r.movie.id)).not.toContain('heat');
  });

  it('shows a user recommendations only to that user or an admin', async () => {
    const variables = { r: [{ __typename: 'User', id: 'u1' }] };
    const anonymous = await executeInProcess(subgraph, RECS, { variables });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const other = await executeInProcess(subgraph, RECS, { variables, ...as('u2') });
    expect(other.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const admin = await executeInProcess(subgraph, RECS, { variables, ...as('root', 'ADMIN') });
    expect(admin.errors).toBeUndefined();
  });
});
