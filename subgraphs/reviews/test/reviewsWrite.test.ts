import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@marquee/auth';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger, type Logger } from '@marquee/logger';
import {
  createMemoryEventStream,
  type MarqueeTopics,
  type RatingChangedEvent,
} from '@marquee/pubsub';
import { createFixedEntityExistence, executeInProcess } from '@marquee/server-kit';
import { createReviewsSubgraph } from '../src/server.ts';

// The movies subgraph's catalogue, as far as these tests need it.
const catalogue = createFixedEntityExistence(
  ['alien', 'heat', 'jaws', 'up', 'paged', 'other', "x' OR '1'='1"],
  'film',
);
const secret = 'w'.repeat(32);
const as = (userId: string, role: Role = 'USER') => ({
  identity: { userId, role, expiresAt: Math.floor(Date.now() / 1000) + 60 },
  identitySecret: secret,
});

const WRITE =
  'mutation ($m: ID!, $r: Float!, $b: String!) { writeReview(movieId: $m, rating: $r, body: $b) { id rating body sentiment { score label } author { id } movie { id } } }';
const EDIT =
  'mutation ($id: ID!, $r: Float, $b: String) { editReview(id: $id, rating: $r, body: $b) { id rating body sentiment { label } } }';
const DELETE = 'mutation ($id: ID!) { deleteReview(id: $id) }';
const MOVIE = `query ($r: [_Any!]!, $first: Int, $after: String, $order: ReviewOrder) { _entities(representations: $r) { ... on Movie {
  id ratingSummary { average count histogram { rating count } }
  reviews(first: $first, after: $after, orderBy: $order) { edges { cursor node { id rating author { id } } } pageInfo { hasNextPage endCursor } }
} } }`;

interface WrittenReview {
  writeReview: {
    id: string;
    rating: number;
    body: string;
    sentiment: { score: number; label: string };
    author: { id: string };
    movie: { id: string };
  };
}
interface MovieReviews {
  _entities: {
    id: string;
    ratingSummary: {
      average: number | null;
      count: number;
      histogram: { rating: number; count: number }[];
    };
    reviews: {
      edges: { cursor: string; node: { id: string; rating: number; author: { id: string } } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }[];
}

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

const write = (userId: string, movieId: string, rating: number, body: string) =>
  executeInProcess<WrittenReview>(subgraph, WRITE, {
    variables: { m: movieId, r: rating, b: body },
    ...as(userId),
  });

const movies = (ids: string[], variables: Record<string, unknown> = {}) =>
  executeInProcess<MovieReviews>(subgraph, MOVIE, {
    variables: { r: ids.map((id) => ({ __typename: 'Movie', id })), ...variables },
  });

describe('reviews', () => {
  it('writes a review with a sentiment score, sets the rating and publishes the rating change', async () => {
    events.length = 0;
    const result = await write(
      'ann',
      'heat',
      4.5,
      'A brilliant, gripping film. I loved every minute.',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.writeReview).toMatchObject({
      rating: 4.5,
      author: { id: 'ann' },
      movie: { id: 'heat' },
      sentiment: { label: 'POSITIVE' },
    });
    expect(result.data?.writeReview.sentiment.score).toBeGreaterThan(0);
    await expect
      .poll(() => events.map(({ userId, movieId, rating }) => ({ userId, movieId, rating })))
      .toEqual([{ userId: 'ann', movieId: 'heat', rating: 4.5 }]);
    const rating = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { ratings { rating movie { id } } reviews { id } } } }',
      {
        variables: { r: [{ __typename: 'User', id: 'ann' }] },
      },
    );
    expect(rating.data).toEqual({
      _entities: [
        {
          ratings: [{ rating: 4.5, movie: { id: 'heat' } }],
          reviews: [{ id: result.data?.writeReview.id }],
        },
      ],
    });
  });

  it('keeps one review per user and film: writing again replaces it', async () => {
    const first = await write('bob', 'alien', 2, 'Dull and boring, a terrible waste of time.');
    const second = await write('bob', 'alien', 3.5, 'On second viewing, quite good.');
    expect(first.data?.writeReview.sentiment.label).toBe('NEGATIVE');
    expect(second.data?.writeReview).toMatchObject({
      id: first.data?.writeReview.id,
      rating: 3.5,
      sentiment: { label: 'POSITIVE' },
    });
    const rows = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reviews.review WHERE user_id = 'bob'`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('rejects blank, over-long and badly rated reviews with BAD_USER_INPUT', async () => {
    for (const [rating, body] of [
      [4, '   '],
      [4, 'x'.repeat(10_001)],
      [4.2, 'fine'],
      [0, 'fine'],
    ] as const) {
      const result = await write('carl', 'heat', rating, body);
      expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
    const longest = await write('carl', 'heat', 3, 'y'.repeat(10_000));
    expect(longest.data?.writeReview.body).toHaveLength(10_000);
  });

  it('requires sign-in to write, edit or delete', async () => {
    const result = await executeInProcess(subgraph, WRITE, {
      variables: { m: 'heat', r: 3, b: 'ok' },
    });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('lets the author edit (recomputing sentiment) and forbids anyone else but an admin', async () => {
    const written = await write('dora', 'jaws', 4, 'Wonderful and exciting.');
    const id = written.data?.writeReview.id;
    const edited = await executeInProcess(subgraph, EDIT, {
      variables: { id, b: 'Awful, I hated it.', r: 1 },
      ...as('dora'),
    });
    expect(edited.data).toEqual({
      editReview: { id, rating: 1, body: 'Awful, I hated it.', sentiment: { label: 'NEGATIVE' } },
    });
    const stranger = await executeInProcess(subgraph, EDIT, {
      variables: { id, b: 'hijacked' },
      ...as('eve'),
    });
    expect(stranger.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const strangerDelete = await executeInProcess(subgraph, DELETE, {
      variables: { id },
      ...as('eve'),
    });
    expect(strangerDelete.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const admin = await executeInProcess(subgraph, EDIT, {
      variables: { id, r: 2 },
      ...as('root', 'ADMIN'),
    });
    expect(admin.data).toMatchObject({ editReview: { rating: 2, body: 'Awful, I hated it.' } });
    const missing = await executeInProcess(subgraph, EDIT, {
      variables: { id: 'nope', r: 2 },
      ...as('dora'),
    });
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('deletes a review but keeps the rating', async () => {
    const written = await write('fay', 'up', 5, 'Perfect.');
    const id = written.data?.writeReview.id;
    const deleted = await executeInProcess(subgraph, DELETE, { variables: { id }, ...as('fay') });
    expect(deleted.data).toEqual({ deleteReview: id });
    const summary = await movies(['up']);
    expect(summary.data?._entities[0]?.reviews.edges).toEqual([]);
    expect(summary.data?._entities[0]?.ratingSummary.count).toBe(1);
  });

  it('pages a film’s reviews newest first or by rating, for several films in one query', async () => {
    for (const [user, rating] of [
      ['p1', 3],
      ['p2', 5],
      ['p3', 1],
      ['p4', 4.5],
      ['p5', 0.5],
    ] as const) {
      await write(user, 'paged', rating, `Review by ${user}`);
      await write(user, 'other', 2, `Other by ${user}`);
    }
    const newest = await movies(['paged', 'other'], { first: 2 });
    expect(
      newest.data?._entities.map((movie) => movie.reviews.edges.map((edge) => edge.node.author.id)),
    ).toEqual([
      ['p5', 'p4'],
      ['p5', 'p4'],
    ]);
    const next = await movies(['paged'], {
      first: 2,
      after: newest.data?._entities[0]?.reviews.pageInfo.endCursor,
    });
    expect(next.data?._entities[0]?.reviews.edges.map((edge) => edge.node.author.id)).toEqual([
      'p3',
      'p2',
    ]);
    expect(next.data?._entities[0]?.reviews.pageInfo.hasNextPage).toBe(true);

    const byRating = await movies(['paged'], { first: 3, order: 'RATING' });
    expect(byRating.data?._entities[0]?.reviews.edges.map((edge) => edge.node.rating)).toEqual([
      5, 4.5, 3,
    ]);
    const rest = await movies(['paged'], {
      first: 3,
      order: 'RATING',
      after: byRating.data?._entities[0]?.reviews.pageInfo.endCursor,
    });
    expect(rest.data?._entities[0]?.reviews.edges.map((edge) => edge.node.rating)).toEqual([
      1, 0.5,
    ]);
    expect(rest.data?._entities[0]?.reviews.pageInfo.hasNextPage).toBe(false);

    const mixed = await movies(['paged'], {
      first: 3,
      after: byRating.data?._entities[0]?.reviews.pageInfo.endCursor,
    });
    expect(mixed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('summarises ratings with an exact average and a ten-bucket histogram', async () => {
    const result = await movies(['paged', 'unrated']);
    const [paged, unrated] = result.data?._entities ?? [];
    expect(paged?.ratingSummary.count).toBe(5);
    expect(paged?.ratingSummary.average).toBe(2.8);
    expect(paged?.ratingSummary.histogram).toHaveLength(10);
    expect(paged?.ratingSummary.histogram.filter((bucket) => bucket.count > 0)).toEqual([
      { rating: 0.5, count: 1 },
      { rating: 1, count: 1 },
      { rating: 3, count: 1 },
      { rating: 4.5, count: 1 },
      { rating: 5, count: 1 },
    ]);
    expect(unrated?.ratingSummary).toEqual({
      average: null,
      count: 0,
      histogram: Array.from({ length: 10 }, (_, i) => ({ rating: (i + 1) / 2, count: 0 })),
    });
  });

  it('stores SQL fragments in review bodies and movie ids inertly', async () => {
    const body = "Great'); DROP TABLE reviews.review; --";
    const result = await write('mallory', "x' OR '1'='1", 3, body);
    expect(result.data?.writeReview).toMatchObject({ body, movie: { id: "x' OR '1'='1" } });
    const rows = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM reviews.review');
    expect(rows[0]?.n).toBeGreaterThan(1);
  });

  it('answers NUL characters, which PostgreSQL text cannot hold, as bad input or not found instead of an internal error', async () => {
    const body = await write('mallory', 'heat', 3, 'nul \u0000 byte');
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const movie = await write('mallory', 'he\u0000at', 3, 'fine');
    expect(movie.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const edit = await executeInProcess(subgraph, EDIT, {
      variables: { id: 'a\u0000b', r: 2 },
      ...as('mallory'),
    });
    expect(edit.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const lookups = await executeInProcess(
      subgraph,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Movie { ratingSummary { count } reviews { edges { cursor } } } ... on User { ratings { rating } written: reviews { id } } } review(id: "x\\u0000") { id } }',
      {
        variables: {
          r: [
            { __typename: 'Movie', id: 'm\u0000' },
            { __typename: 'User', id: 'u\u0000' },
          ],
        },
      },
    );
    expect(lookups.errors).toBeUndefined();
    expect(lookups.data).toEqual({
      _entities: [
        { ratingSummary: { count: 0 }, reviews: { edges: [] } },
        { ratings: [], written: [] },
      ],
      review: null,
    });
    const cursor = Buffer.from(JSON.stringify({ o: 'NEWEST', u: 'not a date', i: 'x' })).toString(
      'base64url',
    );
    const paged = await movies(['heat'], { after: cursor });
    expect(paged.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('rejects MongoDB operator objects where a string is expected', async () => {
    const result = await executeInProcess(subgraph, WRITE, {
      variables: { m: { $gt: '' }, r: 3, b: 'ok' },
      ...as('mallory'),
    });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const body = await executeInProcess(subgraph, WRITE, {
      variables: { m: 'heat', r: 3, b: { $ne: null } },
      ...as('mallory'),
    });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('internal errors', () => {
  it('masks a storage failure as INTERNAL_SERVER_ERROR and hands the original only to the logger', async () => {
    const logged: unknown[] = [];
    const capture = {
      error: (object: unknown) => logged.push(object),
      warn: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      isLevelEnabled: () => true,
    };
    const broken = {
      ...db,
      sql: {
        ...db.sql,
        query: () =>
          Promise.reject(
            new Error('column "password_hash" does not exist in SELECT secret FROM reviews.review'),
          ),
      },
    } as unknown as Database;
    const failing = createReviewsSubgraph({
      db: broken,
      stream: createMemoryEventStream<MarqueeTopics>(),
      logger: capture as unknown as Logger,
      identitySecret: secret,
      movies: catalogue,
    });
    await failing.server.start();
    try {
      const result = await executeInProcess(failing, '{ review(id: "r1") { id body } }');
      expect(result.errors).toEqual([
        {
          message: 'Internal server error',
          locations: [{ line: 1, column: 3 }],
          path: ['review'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(JSON.stringify(result)).not.toContain('password_hash');
      expect(logged).toHaveLength(1);
      expect(String((logged[0] as { err: Error }).err.message)).toContain('password_hash');
    } finally {
      await failing.server.stop();
    }
  });
});
