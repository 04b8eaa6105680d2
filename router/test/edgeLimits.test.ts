import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createHttpHandler, listen, type Listening } from '@marquee/server-kit';
import { buildSchema, Kind, parse } from 'graphql';
import {
  clientIp,
  createRouter,
  operationCost,
  readSupergraph,
  subgraphNames,
  type Router,
} from '../src/server.ts';

let router: Router;
let tokens: TokenService;
let http: Listening;
// Minimal stand-ins for @marquee/cache's stores (their own contract tests live there).
const revoked = new Set<string>();
const revocations = { isRevoked: (id: string) => Promise.resolve(revoked.has(id)) };
const counts = new Map<string, number>();
const limiter = {
  hit: (key: string, limit: number, _windowSeconds: number, weight = 1) => {
    const count = (counts.get(key) ?? 0) + weight;
    counts.set(key, count);
    return Promise.resolve({ allowed: count <= limit, retryAfterSeconds: 42 });
  },
};

beforeAll(async () => {
  tokens = await TokenService.fromKeys(await generateTokenKeyPair());
  router = createRouter({
    supergraphSdl: await readSupergraph(),
    // Nothing listens here: these tests use only `__typename`, which no subgraph answers.
    subgraphUrls: Object.fromEntries(
      subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql']),
    ),
    tokens,
    identitySecret: 'i'.repeat(32),
    logger: createLogger({ name: 'test', level: 'silent' }),
    production: false,
    maxCost: 500,
    revocations,
    rateLimit: {
      limiter,
      userPerMinute: 3,
      ipPerMinute: 2,
      trustProxy: true,
      authPerMinute: 5,
      writesPerMinute: 4,
    },
  });
  await router.server.start();
  http = await listen(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger: createLogger({ name: 'test', level: 'silent' }),
    }),
    0,
    '127.0.0.1',
  );
});
afterAll(async () => {
  await http.close();
  await router.server.stop();
});

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${http.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

const bearer = async (userId: string, tokenId = `${userId}-token`) => ({
  authorization: `Bearer ${(await tokens.issue({ userId, role: 'USER' }, 60, tokenId)).token}`,
});

describe('router rate limits', () => {
  it('answers 429 RATE_LIMITED with a retry hint once a user exceeds the limit, while other users are still served', async () => {
    const alice = await bearer('alice');
    const bob = await bearer('bob');
    for (let i = 0; i < 3; i += 1)
      await expect(post('{ __typename }', alice)).resolves.toMatchObject({ status: 200 });
    const limited = await post('{ __typename }', alice);
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.body.errors?.[0]?.extensions?.['retryAfterSeconds']).toBe(42);
    expect(limited.retryAfter).toBe('42');
    expect(limited.body.errors?.[0]?.extensions).not.toHaveProperty('http');

    await expect(post('{ __typename }', bob)).resolves.toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });

  it('limits anonymous requests per client IP (from X-Forwarded-For only when the proxy is trusted)', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
    await post('{ __typename }', from('203.0.113.7'));
    await post('{ __typename }', from('203.0.113.7'));
    await expect(post('{ __typename }', from('203.0.113.7'))).resolves.toMatchObject({
      status: 429,
    });
    await expect(post('{ __typename }', from('203.0.113.8'))).resolves.toMatchObject({
      status: 200,
    });
  });

  it('serves requests when the rate-limit store fails, rather than refusing everyone', async () => {
    const failing = createRouter({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: Object.fromEntries(
        subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql']),
      ),
      tokens,
      identitySecret: 'i'.repeat(32),
      logger: createLogger({ name: 'test', level: 'silent' }),
      production: false,
      rateLimit: {
        limiter: { hit: () => Promise.reject(new Error('redis down')) },
        userPerMinute: 1,
        ipPerMinute: 1,
        trustProxy: false,
      },
    });
    await expect(
      failing.createContext({ headers: {}, socket: { remoteAddress: '10.1.1.1' } }),
    ).resolves.toEqual({ identity: undefined, clientIp: '10.1.1.1' });
  });

  it('counts every aliased sign-up against the sign-up budget, across requests, before any subgraph is asked', async () => {
    const signUps = (count: number, from: number) =>
      `mutation { ${Array.from({ length: count }, (_, index) => `s${index + from}: signUp(username: "u${index + from}", password: "long-enough-pass") { token }`).join(' ')} }`;
    const flood = await post(signUps(6, 0), { 'x-forwarded-for': '198.51.100.1' });
    expect(flood.status).toBe(429);
    expect(flood.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 42,
    });
    expect(flood.retryAfter).toBe('42');

    const from = { 'x-forwarded-for': '198.51.100.2' };
    // Two sign-ups pass the budget (the subgraph behind is down here, so they fail upstream, not with 429).
    const first = await post(signUps(2, 0), from);
    expect(first.status).not.toBe(429);
    expect(first.body.errors?.[0]?.extensions?.['code']).not.toBe('RATE_LIMITED');
    await expect(post(signUps(4, 2), from)).resolves.toMatchObject({
      status: 429,
      body: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] },
    });
  });

  it('counts other mutations per user, each root field once', async () => {
    const alice = await bearer('writer');
    const rate = (count: number) =>
      `mutation { ${Array.from({ length: count }, (_, index) => `r${index}: rateMovie(movieId: "tt${index}", rating: 4) { rating }`).join(' ')} }`;
    await expect(post(rate(5), alice)).resolves.toMatchObject({
      status: 429,
      body: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] },
    });
    // Another user's budget is untouched.
    await expect(post(rate(4), await bearer('other-writer'))).resolves.not.toMatchObject({
      status: 429,
    });
  });

  it('refuses more aliases than the limit with QUERY_TOO_COMPLEX', async () => {
    const aliased = `{ ${Array.from({ length: 31 }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    const result = await post(aliased, await bearer('aliaser'));
    // A request error is a 200 for application/json (GraphQL over HTTP; graphqlOverHttp.test.ts).
    expect(result.status).toBe(200);
    expect(result.body.errors?.[0]).toMatchObject({
      message: 'The operation uses 31 aliases; the limit is 30.',
      extensions: { code: 'QUERY_TOO_COMPLEX', maxAliases: 30 },
    });
  });

  it('takes the client IP from the socket unless the proxy is trusted', () => {
    const request = {
      headers: { 'x-forwarded-for': '1.2.3.4' },
      socket: { remoteAddress: '127.0.0.1' },
    };
    expect(clientIp(request, false)).toBe('127.0.0.1');
    expect(clientIp(request, true)).toBe('1.2.3.4');
  });
});

describe('router token revocation', () => {
  it('refuses a revoked (logged-out) token with 401 UNAUTHENTICATED and keeps serving others', async () => {
    const { token } = await tokens.issue({ userId: 'carol', role: 'USER' }, 60, 'carol-session');
    await expect(
      router.createContext({ headers: { authorization: `Bearer ${token}` } }),
    ).resolves.toMatchObject({ identity: { userId: 'carol', tokenId: 'carol-session' } });
    revoked.add('carol-session');
    const refused = await post('{ __typename }', { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'This session has ended; log in again.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(post('{ __typename }', await bearer('dave'))).resolves.toMatchObject({
      status: 200,
    });
  });
});

const costSchema = buildSchema(`
  type Query { movies(first: Int = 20): MovieConnection!, genres: [String!]!, people: [Person!]! }
  type MovieConnection { edges: [MovieEdge!]! }
  type MovieEdge { node: Movie! }
  type Movie { title: String!, cast(first: Int = 10): [Person!] }
  type Person { name: String! }
`);

function costOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operation === undefined) throw new Error('no operation');
  return operationCost(costSchema, document, operation, variables);
}

describe('router cost limit', () => {
  it('multiplies nested selections by page sizes from arguments, variables or schema defaults', () => {
    // movies(1) + n × [edges(1) + node(1) + title(1) + cast(1) + 5 × name(1)]
    expect(
      costOf(
        'query ($n: Int) { movies(first: $n) { edges { node { title cast(first: 5) { name } } } } }',
        { n: 2 },
      ),
    ).toBe(1 + 2 * 9);
    expect(costOf('{ movies { edges { node { title } } } }')).toBe(1 + 20 * 3);
    expect(costOf('{ movies(first: 3) { edges { node { cast { name } } } } }')).toBe(
      1 + 3 * (3 + 10),
    );
  });

  it('counts other lists of objects as ten items, scalar lists and introspection as one', () => {
    expect(costOf('{ people { name } genres __typename }')).toBe(1 + 10 + 1);
    expect(
      costOf(
        '{ movies(first: 2) { ...F } } fragment F on MovieConnection { edges { node { title } } }',
      ),
    ).toBe(1 + 2 * 3);
  });

  it('rejects an operation costlier than the limit with QUERY_TOO_COMPLEX before any subgraph is called', async () => {
    const result = await post(
      '{ movies(first: 100) { edges { node { cast(first: 100) { characters } } } } }',
      await bearer('erin'),
    );
    expect(result.status).toBe(200);
    expect(result.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      maxCost: 500,
    });
    expect(result.body.errors?.[0]?.message).toMatch(
      /^The operation's estimated cost is \d+; the limit is 500\.$/,
    );
  });
});
