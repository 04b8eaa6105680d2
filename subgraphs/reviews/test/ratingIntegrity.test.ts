import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import {
  createMemoryEventStream,
  type EventStream,
  type MarqueeTopics,
  type RatingChangedEvent,
} from '@marquee/pubsub';
import { createFixedEntityExistence, executeInProcess } from '@marquee/server-kit';
import { createReviewsSubgraph } from '../src/server.ts';

const secret = 'i'.repeat(32);
const as = (userId: string) => ({
  identity: { userId, role: 'USER' as const, expiresAt: Math.floor(Date.now() / 1000) + 60 },
  identitySecret: secret,
});
const RATE = 'mutation ($m: ID!, $r: Float!) { rateMovie(movieId: $m, rating: $r) { rating } }';
const REVIEW = 'mutation ($m: ID!) { writeReview(movieId: $m, rating: 4, body: "Fine.") { id } }';
const DELETE_RATING = 'mutation ($m: ID!) { deleteRating(movieId: $m) }';

let db: Database;
let stream: EventStream<MarqueeTopics>;
let subgraph: ReturnType<typeof createReviewsSubgraph>;
let stop: () => Promise<void>;
const events: RatingChangedEvent[] = [];

// Rating events reach the stream through the outbox relay, a moment after the mutation answers.
const outboxEmpty = async () =>
  (await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM reviews.event_outbox'))[0]
    ?.n === 0;

const count = async (table: string, userId: string) =>
  (
    await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reviews.${table} WHERE user_id = $1`,
      [userId],
    )
  )[0]?.n;

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  stream = createMemoryEventStream<MarqueeTopics>();
  await stream.consume('rating.changed', 'test', ({ payload }) => {
    events.push(payload);
    return Promise.resolve();
  });
  subgraph = createReviewsSubgraph({
    db,
    stream,
    logger: createLogger({ name: 'test', level: 'silent' }),
    identitySecret: secret,
    movies: createFixedEntityExistence(['alien', 'heat'], 'film'),
  });
  await subgraph.server.start();
  stop = await subgraph.start();
  // PGlite start plus migrations can exceed the default hook timeout when many files start at once.
}, 60_000);
afterAll(async () => {
  await stop();
  await subgraph.server.stop();
  await db.close();
});

describe('ratings and reviews of films the catalogue holds', () => {
  it('refuses a rating or a review of an unknown film with NOT_FOUND, storing and announcing nothing', async () => {
    events.length = 0;
    const rated = await executeInProcess(subgraph, RATE, {
      variables: { m: 'tt-nowhere', r: 4 },
      ...as('una'),
    });
    expect(rated.data).toBeNull();
    expect(rated.errors?.map((error) => [error.extensions?.['code'], error.message])).toEqual([
      ['NOT_FOUND', 'There is no film with the id "tt-nowhere".'],
    ]);
    const reviewed = await executeInProcess(subgraph, REVIEW, {
      variables: { m: 'tt-nowhere' },
      ...as('una'),
    });
    expect(reviewed.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(await count('rating', 'una')).toBe(0);
    expect(await count('review', 'una')).toBe(0);
    await expect.poll(outboxEmpty).toBe(true);
    expect(events).toEqual([]);
  });

  it('removes a rating with deleteRating, with the review of that film, announces it once, and changes nothing the second time', async () => {
    await executeInProcess(subgraph, RATE, { variables: { m: 'alien', r: 5 }, ...as('rae') });
    await executeInProcess(subgraph, REVIEW, { variables: { m: 'heat' }, ...as('rae') });
    await expect.poll(() => events.length).toBe(2);
    events.length = 0;
    const first = await executeInProcess(subgraph, DELETE_RATING, {
      variables: { m: 'heat' },
      ...as('rae'),
    });
    expect(first).toEqual({ data: { deleteRating: true } });
    expect(await count('review', 'rae')).toBe(0);
    const left = await db.sql.query<{ movie_id: string }>(
      'SELECT movie_id FROM reviews.rating WHERE user_id = $1',
      ['rae'],
    );
    expect(left).toEqual([{ movie_id: 'alien' }]);
    await expect
      .poll(() => events.map(({ userId, movieId, rating }) => ({ userId, movieId, rating })))
      .toEqual([{ userId: 'rae', movieId: 'heat', rating: null }]);

    const again = await executeInProcess(subgraph, DELETE_RATING, {
      variables: { m: 'heat' },
      ...as('rae'),
    });
    expect(again).toEqual({ data: { deleteRating: false } });
    await expect.poll(outboxEmpty).toBe(true);
    expect(events).toHaveLength(1);
    // Someone else's rating of the film is not theirs to remove.
    await executeInProcess(subgraph, DELETE_RATING, {
      variables: { m: 'alien' },
      ...as('mallory'),
    });
    expect(await count('rating', 'rae')).toBe(1);
  });

  it('asks for a signed-in user to remove a rating', async () => {
    const anonymous = await executeInProcess(subgraph, DELETE_RATING, {
      variables: { m: 'alien' },
    });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it("removes a deleted account's ratings, reviews and tags when account.deleted is announced", async () => {
    await executeInProcess(subgraph, RATE, { variables: { m: 'alien', r: 3 }, ...as('gone') });
    await executeInProcess(subgraph, REVIEW, { variables: { m: 'heat' }, ...as('gone') });
    await db.sql.query(
      `INSERT INTO reviews.tag (user_id, movie_id, tag) VALUES ('gone', 'alien', 'space')`,
    );
    await executeInProcess(subgraph, RATE, { variables: { m: 'alien', r: 4 }, ...as('stays') });
    // As the users subgraph's relay appends it; the reviews group consumes it.
    await stream.append('account.deleted', [
      {
        id: 'e1',
        payload: { eventId: 'e1', userId: 'gone', at: new Date().toISOString() },
      },
    ]);
    await expect.poll(() => count('rating', 'gone')).toBe(0);
    expect(await count('review', 'gone')).toBe(0);
    expect(await count('tag', 'gone')).toBe(0);
    expect(await count('rating', 'stays')).toBe(1);
  });
});
