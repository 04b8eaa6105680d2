import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '@marquee/env';
import { createLogger } from '@marquee/logger';
import { serveService } from '@marquee/server-kit/serve';
import { openStores } from '@marquee/server-kit/stores';
import { DisposalStack } from '@marquee/testing';
import { seedDemoCatalogue } from '../src/runtime/seed.ts';
import { serviceNamed, services } from '../src/services.ts';

/**
 * Documents and inputs built to hurt, sent over HTTP to the real router in front of the five
 * subgraphs (embedded stores, demo catalogue), with the router's default limits. Each must be
 * refused or answered quickly, never with a 5xx or INTERNAL_SERVER_ERROR, and `/health` must keep
 * answering while they run. Before the limits were linear, the 24-level fan-out held the event
 * loop for seconds and the 30-level one for over 15 minutes.
 */
const stack = new DisposalStack();
let graphql: string;
let health: string;
let token: string;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marquee-hostile-'));
  stack.defer(() => rm(dataDir, { recursive: true, force: true }));
  const logger = createLogger({ name: 'test', level: 'silent' });
  // Every request here comes from 127.0.0.1: the request budget is raised so that only the
  // per-field budgets, which these tests exercise, refuse anything.
  const base = {
    MARQUEE_DATA_DIR: dataDir,
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    // The sign-up flood comes "from" an address of its own, so it spends no other test's budget.
    TRUST_PROXY: 'true',
    TRAIN_INTERVAL_SECONDS: '0',
  };
  const stores = await openStores(loadEnv(base), { logger });
  stack.defer(() => stores.close());
  await seedDemoCatalogue(stores);
  const urls: Record<string, string> = {};
  for (const definition of services.filter((service) => service.name !== 'router')) {
    const service = await serveService(definition, stores, loadEnv(base), logger, 0);
    stack.defer(() => service.stop());
    urls[`${definition.name.toUpperCase()}_URL`] = service.url;
  }
  const router = await serveService(
    serviceNamed('router'),
    stores,
    loadEnv({ ...base, ...urls }),
    logger,
    0,
  );
  stack.defer(() => router.stop());
  graphql = router.url;
  health = router.url.replace(/\/graphql$/, '/health');
  const session = await post(
    'mutation { signUp(username: "hostile-tester", password: "long-enough-pass") { token } }',
  );
  token = (session.body.data?.['signUp'] as { token: string }).token;
}, 120_000);
afterAll(() => stack.disposeAll());

interface Answer {
  status: number;
  /** Wall-clock round trip. */
  ms: number;
  /** CPU time of this thread (where the router and the subgraphs run) during the round trip. */
  cpuMs: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const threadCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

async function post(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const started = performance.now();
  const cpuBefore = threadCpuMs();
  const response = await fetch(graphql, {
    method: 'POST',
    // The strict GraphQL-over-HTTP media type: a refused document is a 400 there (with
    // application/json it would be a 200 carrying only errors).
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    status: response.status,
    ms: performance.now() - started,
    cpuMs: threadCpuMs() - cpuBefore,
    body: JSON.parse(text) as Answer['body'],
  };
}

const signedIn = () => ({ authorization: `Bearer ${token}` });
const codes = (answer: Answer) =>
  (answer.body.errors ?? []).map((error) => error.extensions?.['code']);

/**
 * Sends the document three times; asserts no 5xx and no internal error, and that the least
 * CPU time this thread spent on one round trip is under 50 ms. The router and the subgraphs run on
 * this thread, so that is their time (plus the client's), whatever else loads the machine; work
 * in other threads (password hashing) is not the event loop's. The wall-clock round trip only has
 * to stay under two seconds: exponential work takes minutes.
 */
async function hostile(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  let fastest: Answer | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const answer = await post(query, variables, headers);
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    expect(codes(answer), JSON.stringify(answer.body)).not.toContain('INTERNAL_SERVER_ERROR');
    if (fastest === undefined || answer.cpuMs < fastest.cpuMs) fastest = answer;
  }
  if (fastest === undefined) throw new Error('no answer');
  expect(fastest.cpuMs, query.slice(0, 120)).toBeLessThan(50);
  expect(fastest.ms, query.slice(0, 120)).toBeLessThan(2000);
  return fastest;
}

/** Runs `work` while polling /health; returns how long each health answer took. */
async function whileWatchingHealth(work: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  const watcher = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(health);
      await response.text();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await watcher;
  }
  return latencies;
}

function fanOut(levels: number, field = 'title'): string {
  let document = '{ movie(id: "tt0068646") { ...F0 } }';
  for (let level = 0; level < levels; level += 1)
    document += ` fragment F${level} on Movie { ${field} ...F${level + 1} ...F${level + 1} }`;
  return `${document} fragment F${levels} on Movie { title }`;
}

function repeatedPaths(levels: number): string {
  let inner = 'title';
  for (let level = 0; level < levels; level += 1)
    inner = `similar { ${inner} } similar { ${inner} }`;
  return `{ movie(id: "tt0068646") { ${inner} } }`;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('hostile documents against the router', () => {
  it('refuses fragment fan-outs, alias floods, deep nesting and long documents in milliseconds while /health keeps answering', async () => {
    const latencies = await whileWatchingHealth(async () => {
      for (const levels of [24, 30, 40]) {
        const answer = await hostile(fanOut(levels));
        expect(answer.status).toBe(400);
        expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
      }
      await expect(hostile(fanOut(30, 'a: title'))).resolves.toMatchObject({
        status: 400,
        body: { errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX' } }] },
      });
      // Same response path repeated: graphql-js's merge check is quadratic in these.
      await expect(hostile(repeatedPaths(7))).resolves.toMatchObject({
        status: 400,
        body: { errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX' } }] },
      });
      const aliases = `{ ${Array.from({ length: 100 }, (_, index) => `m${index}: movie(id: "tt${index}") { title }`).join(' ')} }`;
      await expect(hostile(aliases)).resolves.toMatchObject({
        status: 400,
        body: { errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX', maxAliases: 30 } }] },
      });
      const deep = `{ movie(id: "tt0068646") { ${'similar { '.repeat(300)}title${' }'.repeat(300)} } }`;
      await expect(hostile(deep)).resolves.toMatchObject({
        status: 400,
        body: { errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX' } }] },
      });
      // Past the token limit the parser stops, however long the document.
      const wide = `{ movie(id: "tt0068646") { ${'title '.repeat(15_000)} } }`;
      await expect(hostile(wide)).resolves.toMatchObject({
        status: 400,
        body: { errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] },
      });
      const directives = `{ movie(id: "tt0068646") { title ${'@include(if: true) '.repeat(2000)} } }`;
      await expect(hostile(directives)).resolves.toMatchObject({ status: 400 });
      // Comments are not tokens: a long one costs a scan and is answered.
      const commented = `# ${'x'.repeat(90_000)}\n{ genres { name } }`;
      await expect(hostile(commented)).resolves.toMatchObject({ status: 200 });
      const tooLarge = await post(`{ genres { name } } # ${'x'.repeat(200_000)}`);
      expect(tooLarge.status).toBe(413);
    });
    // Health kept answering throughout. Its 100 ms target holds on an idle machine (see
    // docs/architecture.md); under CI's parallel test files a wall-clock bound that tight would
    // measure the machine, so each answer must come within a second, where a held event loop
    // (the 24-level fan-out held it for over 5 s) fails at once.
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it('refuses huge lists and values in variables as bad input', async () => {
    const genres = Array.from({ length: 5000 }, (_, index) => `g${index}`);
    const movies = await hostile(
      'query ($g: [String!]) { movies(first: 5, filter: { genres: $g }) { totalCount } }',
      { g: genres },
    );
    expect(codes(movies)).toEqual(['BAD_USER_INPUT']);
    const favourites = await hostile(
      'mutation ($g: [String!]!) { setFavouriteGenres(genres: $g) { favouriteGenres } }',
      { g: genres },
      signedIn(),
    );
    expect(codes(favourites)).toEqual(['BAD_USER_INPUT']);
    const text = await hostile(
      'query ($t: String) { movies(first: 5, filter: { text: $t }) { totalCount } }',
      { t: 'godfather '.repeat(5000) },
    );
    expect(codes(text)).toEqual(['BAD_USER_INPUT']);
    const id = await hostile(
      'query ($id: ID!) { movie(id: $id) { title } person(id: $id) { name } }',
      { id: 'tt'.repeat(20_000) },
    );
    expect(id.body.errors ?? []).toEqual([]);
    expect(id.body.data).toEqual({ movie: null, person: null });
  });

  it('counts aliased sign-ups one by one: 25 in one request are refused and create no account', async () => {
    const flood = `mutation { ${Array.from({ length: 25 }, (_, index) => `s${index}: signUp(username: "flood-${index}", password: "long-enough-pass") { token }`).join(' ')} }`;
    const answer = await post(flood, {}, { 'x-forwarded-for': '203.0.113.9' });
    expect(answer.status).toBe(429);
    expect(codes(answer)).toEqual(['RATE_LIMITED']);
    const created = await post('{ userByUsername(username: "flood-0") { id } }');
    expect(created.body).toEqual({ data: { userByUsername: null } });
  });
});

describe('NUL bytes and crafted cursors against the subgraphs, through the router', () => {
  const nul = 'x\u0000y';

  it('answers NUL bytes in every text, id and list argument as bad input or nothing found', async () => {
    const reads: [string, Record<string, unknown>][] = [
      ['query ($v: ID!) { movie(id: $v) { title } }', { v: nul }],
      ['query ($v: String!) { movieByExternalId(source: IMDB, id: $v) { title } }', { v: nul }],
      ['query ($v: String) { movies(first: 3, filter: { text: $v }) { totalCount } }', { v: nul }],
      [
        'query ($v: [String!]) { movies(first: 3, filter: { genres: $v }) { totalCount } }',
        { v: [nul] },
      ],
      [
        'query ($v: [String!]) { movies(first: 3, filter: { kinds: $v }) { totalCount } }',
        { v: [nul] },
      ],
      ['query ($v: ID!) { person(id: $v) { name } }', { v: nul }],
      ['query ($v: String) { people(first: 3, filter: { text: $v }) { totalCount } }', { v: nul }],
      ['query ($v: String) { popular(genre: $v, first: 3) { reason } }', { v: nul }],
      ['query ($v: ID!) { review(id: $v) { body } }', { v: nul }],
      ['query ($v: ID!) { user(id: $v) { username } list(id: $v) { name } }', { v: nul }],
      ['query ($v: String!) { userByUsername(username: $v) { id } }', { v: nul }],
    ];
    const writes: [string, Record<string, unknown>][] = [
      [
        'mutation ($v: String!) { signUp(username: $v, password: "long-enough-pass") { token } }',
        { v: nul },
      ],
      [
        'mutation ($v: String!) { signUp(username: "nul-pass", password: $v) { token } }',
        { v: `long-enough-${nul}` },
      ],
      [
        'mutation ($v: String) { signUp(username: "nul-display", password: "long-enough-pass", displayName: $v) { token } }',
        { v: nul },
      ],
      [
        'mutation ($v: String!) { logIn(username: $v, password: "long-enough-pass") { token } }',
        { v: nul },
      ],
      ['mutation ($v: String!) { refreshToken(token: $v) { token } }', { v: nul }],
      ['mutation ($v: ID!) { rateMovie(movieId: $v, rating: 4) { rating } }', { v: nul }],
      [
        'mutation ($v: ID!) { writeReview(movieId: $v, rating: 4, body: "fine") { id } }',
        { v: nul },
      ],
      [
        'mutation ($v: String!) { writeReview(movieId: "tt0068646", rating: 4, body: $v) { id } }',
        { v: nul },
      ],
      ['mutation ($v: ID!) { editReview(id: $v, rating: 3) { id } }', { v: nul }],
      ['mutation ($v: ID!) { deleteReview(id: $v) }', { v: nul }],
      ['mutation ($v: ID!) { addToWatchlist(movieId: $v) { id } }', { v: nul }],
      ['mutation ($v: ID!) { removeFromWatchlist(movieId: $v) { id } }', { v: nul }],
      ['mutation ($v: String!) { createList(name: $v) { id } }', { v: nul }],
      ['mutation ($v: ID!) { updateList(id: $v, name: "n") { id } }', { v: nul }],
      ['mutation ($v: ID!) { deleteList(id: $v) }', { v: nul }],
      ['mutation ($v: ID!) { addToList(listId: $v, movieId: "tt0068646") { id } }', { v: nul }],
      [
        'mutation ($v: ID!) { removeFromList(listId: $v, movieId: "tt0068646") { id } }',
        { v: nul },
      ],
      [
        'mutation ($v: [String!]!) { setFavouriteGenres(genres: $v) { favouriteGenres } }',
        { v: [nul] },
      ],
    ];
    for (const [query, variables] of [...reads, ...writes]) {
      const answer = await hostile(query, variables, signedIn());
      for (const code of codes(answer))
        expect(['BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED'], query).toContain(code);
    }
    // Logging out ends the session it is sent with, so it gets one of its own.
    const session = await post(
      'mutation { signUp(username: "hostile-logout", password: "long-enough-pass") { token } }',
    );
    const logout = await post(
      'mutation ($v: String) { logOut(refreshToken: $v) }',
      { v: nul },
      {
        authorization: `Bearer ${(session.body.data?.['signUp'] as { token: string }).token}`,
      },
    );
    expect(logout.status).toBeLessThan(500);
    expect(codes(logout)).toEqual([]);
  });

  it('answers crafted cursors with BAD_USER_INPUT', async () => {
    const cursors = [
      encode({ kind: 'offset', offset: 1e20 }),
      encode({ kind: 'offset', offset: -1 }),
      encode({ kind: 'offset', offset: '10' }),
      encode({
        kind: 'keyset',
        field: 'YEAR',
        direction: 'DESC',
        id: 'tt0068646',
        value: 'not a year',
      }),
      encode({ kind: 'keyset', field: 'POPULARITY', direction: 'DESC', id: nul, value: 1 }),
      encode({ kind: 'keyset', field: 'TITLE', direction: 'DESC', id: 'tt0068646', value: nul }),
      encode({ offset: 1e20 }),
      encode({ o: 'NEWEST', u: '+275760-09-13T00:00:00.000Z', i: 'x' }),
      encode({ o: 'RATING', u: '2020-01-01T00:00:00.000Z', i: 'x', r: 1e308 }),
      encode({ a: '-271821-04-20T00:00:00.000Z', m: 'tt0068646' }),
      'not base64 at all !!',
      encode('just a string'),
    ];
    const pages = [
      'query ($c: String) { movies(first: 3, after: $c) { totalCount } }',
      'query ($c: String) { movies(first: 3, after: $c, orderBy: { field: YEAR }) { totalCount } }',
      'query ($c: String) { movies(first: 3, after: $c, orderBy: { field: TITLE }) { totalCount } }',
      'query ($c: String) { movies(first: 3, after: $c, filter: { text: "godfather" }) { totalCount } }',
      'query ($c: String) { people(first: 3, after: $c) { totalCount } }',
      'query ($c: String) { person(id: "nm0000008") { credits(first: 3, after: $c) { totalCount } } }',
      'query ($c: String) { movie(id: "tt0068646") { reviews(first: 3, after: $c) { edges { cursor } } } }',
      'query ($c: String) { movie(id: "tt0068646") { reviews(first: 3, after: $c, orderBy: RATING) { edges { cursor } } } }',
      'query ($c: String) { me { watchlist(first: 3, after: $c) { edges { cursor } } } }',
    ];
    for (const query of pages) {
      for (const cursor of cursors) {
        const answer = await hostile(query, { c: cursor }, signedIn());
        for (const code of codes(answer)) expect(code, `${query} ${cursor}`).toBe('BAD_USER_INPUT');
      }
    }
  });
});
