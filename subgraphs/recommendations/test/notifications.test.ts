import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache, createMemoryLockStore } from '@marquee/cache';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import {
  createMemoryEventStream,
  createMemoryPubSub,
  type MarqueeTopics,
  type RatingChangedEvent,
  type RecommendationsUpdatedEvent,
} from '@marquee/pubsub';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { createNotificationHub, MAX_PENDING_EVENTS } from '../src/events/notifications.ts';
import { createRecommendationsSubgraph } from '../src/server.ts';

// Two replicas of the recommendations subgraph on one database, one pub/sub, one shared cache and
// one shared lock store, as in services mode with one Redis.
const secret = 'n'.repeat(32);
const logger = createLogger({ name: 'test', level: 'silent' });
const identity = (userId: string) => ({
  userId,
  role: 'USER' as const,
  expiresAt: Math.floor(Date.now() / 1000) + 600,
});
const UPDATES =
  'subscription { recommendationsUpdated { user { id } added { movie { id } reason } recommendations(first: 50) { movie { id } } at } }';

let db: Database;
const pubsub = createMemoryPubSub<MarqueeTopics>();
const stream = createMemoryEventStream<MarqueeTopics>();
/** A rating event as the reviews subgraph's outbox relays it: keyed by its eventId. */
const ratingEvent = (payload: RatingChangedEvent) => ({ id: payload.eventId, payload });
const cache = createMemoryCache();
const locks = createMemoryLockStore();
const replicas: ReturnType<typeof createRecommendationsSubgraph>[] = [];
const stops: (() => Promise<void>)[] = [];
const published: RecommendationsUpdatedEvent[] = [];

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  for (let i = 0; i < 2; i += 1)
    replicas.push(
      createRecommendationsSubgraph({
        db,
        pubsub,
        stream,
        cache,
        locks,
        logger,
        identitySecret: secret,
      }),
    );
  await replicas[0]?.stores.recommendations.upsertItems([
    { movieId: 'alien', genres: ['Horror', 'Sci-Fi'], year: 1979, popularity: 90 },
    { movieId: 'matrix', genres: ['Action', 'Sci-Fi'], year: 1999, popularity: 95 },
    { movieId: 'heat', genres: ['Crime', 'Drama'], year: 1995, popularity: 80 },
    { movieId: 'godfather', genres: ['Crime', 'Drama'], year: 1972, popularity: 99 },
  ]);
  for (const replica of replicas) stops.push(await replica.start());
  stops.push(await pubsub.subscribe('recommendations.updated', (event) => published.push(event)));
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await db.close();
});

async function open(replica: (typeof replicas)[number], userId: string | undefined) {
  const result = await subscribe({
    schema: replica.schema,
    document: parse(UPDATES),
    contextValue: replica.contextFor(userId === undefined ? undefined : identity(userId), 'test'),
  });
  if (!(Symbol.asyncIterator in result)) return { errors: result.errors, iterator: undefined };
  return { errors: undefined, iterator: result };
}

const rate = (eventId: string, userId: string, movieId: string) =>
  stream.append('rating.changed', [
    ratingEvent({ eventId, userId, movieId, rating: 5, at: new Date().toISOString() }),
  ]);

describe('recommendationsUpdated on the recommendations subgraph', () => {
  it('handles a rating heard by both replicas once, and delivers it to the rater alone', async () => {
    const { iterator: mine } = await open(replicas[1] as (typeof replicas)[number], 'ann');
    const { iterator: theirs } = await open(replicas[0] as (typeof replicas)[number], 'bob');
    const first = mine?.next();
    const other = theirs?.next();
    await rate('e-ann-1', 'ann', 'heat');

    const event = (await first) as IteratorResult<ExecutionResult>;
    const update = event.value.data?.['recommendationsUpdated'] as {
      user: { id: string };
      added: { movie: { id: string } }[];
      recommendations: { movie: { id: string } }[];
    };
    expect(update.user).toEqual({ id: 'ann' });
    expect(update.added.length).toBeGreaterThan(0);
    expect(update.recommendations.map((r) => r.movie.id)).not.toContain('heat');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(published.filter((e) => e.userId === 'ann')).toHaveLength(1);
    // Bob's stream got nothing.
    await expect(
      Promise.race([other, new Promise((resolve) => setTimeout(() => resolve('quiet'), 100))]),
    ).resolves.toBe('quiet');
    await mine?.return?.();
    await theirs?.return?.();
    expect(replicas.map((replica) => replica.services.notifications.streamCount())).toEqual([0, 0]);
  });

  it('refuses an anonymous subscription', async () => {
    const { errors } = await open(replicas[0] as (typeof replicas)[number], undefined);
    expect(errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
  });

  it('tells subscribed users about new arrivals that enter their list, once across replicas', async () => {
    const { iterator } = await open(replicas[0] as (typeof replicas)[number], 'cy');
    const { iterator: sameUserElsewhere } = await open(
      replicas[1] as (typeof replicas)[number],
      'cy',
    );
    const next = iterator?.next();
    const elsewhere = sameUserElsewhere?.next();
    const thisYear = new Date().getFullYear();
    await replicas[0]?.stores.recommendations.upsertItems([
      { movieId: 'fresh', genres: ['Sci-Fi'], year: thisYear, popularity: 100 },
    ]);
    await pubsub.publish('catalog.moviesAdded', {
      movieIds: ['fresh'],
      at: new Date().toISOString(),
    });

    const update = ((await next) as IteratorResult<ExecutionResult>).value.data?.[
      'recommendationsUpdated'
    ] as { added: { movie: { id: string }; reason: string }[] };
    expect(update.added).toContainEqual({ movie: { id: 'fresh' }, reason: 'New arrival' });
    await elsewhere;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(published.filter((e) => e.userId === 'cy')).toHaveLength(1);
    await iterator?.return?.();
    await sameUserElsewhere?.return?.();
  });
});

describe('notification hub', () => {
  it('ends a stream that falls more than its bound behind, after what it holds', async () => {
    const hub = createNotificationHub(pubsub, logger);
    const stop = await hub.start();
    const stream = hub.listen('slow');
    for (let i = 0; i <= MAX_PENDING_EVENTS; i += 1) {
      await pubsub.publish('recommendations.updated', {
        userId: 'slow',
        addedMovieIds: [],
        added: [],
        at: new Date(i).toISOString(),
      });
    }
    for (let i = 0; i < MAX_PENDING_EVENTS; i += 1)
      await expect(stream.next()).resolves.toMatchObject({ done: false });
    await expect(stream.next()).rejects.toThrow(`More than ${MAX_PENDING_EVENTS} events`);
    expect(hub.streamCount()).toBe(0);
    expect(hub.listeningUsers()).toEqual([]);
    await stop();
  });
});
