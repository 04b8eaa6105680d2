import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IDENTITY_HEADER,
  ROUTER_SIGNATURE_HEADER,
  signIdentity,
  signRouterRequest,
} from '@marquee/auth';
import {
  DisposalStack,
  postGraphQL,
  runMarquee,
  servicesDeployment,
  startServices,
  subgraphServices,
} from '@marquee/testing';

// Services mode as deployed: six processes (router + five subgraphs) on real PostgreSQL,
// MongoDB-wire (FerretDB) and Redis servers.
const stack = new DisposalStack();
let routerUrl: string;
let recommendationsUrl: string;
let identitySecret: string;

beforeAll(async () => {
  const deployment = await servicesDeployment(stack);
  routerUrl = deployment.routerUrl;
  recommendationsUrl = deployment.subgraphUrls.recommendations;
  identitySecret = deployment.identitySecret;
  await runMarquee(['seed'], deployment.env);
  await startServices(deployment, stack);
});
afterAll(() => stack.disposeAll());

const ACCEPTANCE_QUERY = `{ movies(first: 5) { totalCount edges { node { id title year
  cast(first: 3) { person { name } } ratingSummary { average count } similar(first: 3) { title } } } } }`;

describe('the supergraph in services mode', () => {
  it('answers a query whose fields come from four subgraphs, without errors', async () => {
    const { status, body } = await postGraphQL(`${routerUrl}/graphql`, { query: ACCEPTANCE_QUERY });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const movies = body.data?.['movies'] as {
      totalCount: number;
      edges: {
        node: {
          title: string;
          cast: { person: { name: string } }[];
          ratingSummary: { count: number };
          similar: { title: string }[];
        };
      }[];
    };
    expect(movies.totalCount).toBeGreaterThanOrEqual(50);
    expect(movies.edges).toHaveLength(5);
    for (const { node } of movies.edges) {
      expect(node.title).toEqual(expect.any(String));
      expect(node.cast.length).toBeGreaterThan(0);
      expect(node.cast[0]?.person.name).toEqual(expect.any(String));
      expect(node.similar.length).toBeGreaterThan(0);
      expect(node.ratingSummary.count).toEqual(expect.any(Number));
    }
  });

  it('signs up, rates through the router, and reads it back across all five subgraphs', async () => {
    const signUp = await postGraphQL(`${routerUrl}/graphql`, {
      query:
        'mutation { signUp(username: "e2e-user", password: "correct-horse-battery") { token user { id } } }',
    });
    expect(signUp.body.errors).toBeUndefined();
    const { token } = signUp.body.data?.['signUp'] as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const first = await postGraphQL(`${routerUrl}/graphql`, {
      query: '{ movies(first: 1) { edges { node { id } } } }',
    });
    const movieId = (first.body.data?.['movies'] as { edges: { node: { id: string } }[] }).edges[0]
      ?.node.id;
    const rated = await postGraphQL(
      `${routerUrl}/graphql`,
      {
        query:
          'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 4.5) { rating movie { title } } }',
        variables: { m: movieId },
      },
      auth,
    );
    expect(rated.body.errors).toBeUndefined();
    const me = await postGraphQL(
      `${routerUrl}/graphql`,
      {
        query:
          '{ me { username ratings { rating movie { id title directors { name } } } recommendations(first: 3) { movie { title } reason } } }',
      },
      auth,
    );
    expect(me.body.errors).toBeUndefined();
    const viewer = me.body.data?.['me'] as {
      username: string;
      ratings: { rating: number; movie: { id: string; directors: unknown[] } }[];
      recommendations: { movie: { title: string } }[];
    };
    expect(viewer.username).toBe('e2e-user');
    expect(viewer.ratings).toEqual([
      expect.objectContaining({ rating: 4.5, movie: expect.objectContaining({ id: movieId }) }),
    ]);
    expect(viewer.recommendations).toHaveLength(3);
  });

  it('answers a malformed query with a GraphQL error: HTTP 400 for application/graphql-response+json, 200 for application/json', async () => {
    const malformed = { query: '{ movies(first: 5) { edges ' };
    const strict = await postGraphQL(`${routerUrl}/graphql`, malformed, {
      accept: 'application/graphql-response+json',
    });
    expect(strict.status).toBe(400);
    expect(strict.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    const lenient = await postGraphQL(`${routerUrl}/graphql`, malformed);
    expect(lenient.status).toBe(200);
    expect(lenient.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it("lets HTTP caches keep a public catalogue query sent by GET: Cache-Control from the subgraphs' hints, an ETag, a 304", async () => {
    const moviePage =
      '{ movies(first: 3) { totalCount edges { node { id title year genres directors { name } cast(first: 2) { characters person { name } } ratingSummary { average count } } } } }';
    const get = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${routerUrl}/graphql?query=${encodeURIComponent(query)}`, {
        headers: { 'apollo-require-preflight': '1', ...headers },
      });
    const first = await get(moviePage);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ movies: { edges: expect.any(Array) } });
    // Movies and people are hinted 300 s, rating summaries 30 s: the answer may live 30 s.
    expect(first.headers.get('cache-control')).toBe('max-age=30, public');
    const etag = first.headers.get('etag') ?? '';
    const revalidated = await get(moviePage, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    // Anything about the caller (no hint in the users subgraph) makes the whole answer uncacheable.
    const personal = await get('{ me { id } movies(first: 1) { edges { node { title } } } }');
    expect(personal.status).toBe(200);
    expect(personal.headers.get('cache-control')).toBe('no-store');
  });

  it('answers null for an unknown movie id without errors', async () => {
    const { body } = await postGraphQL(`${routerUrl}/graphql`, {
      query: '{ movie(id: "no-such-id") { id title } }',
    });
    expect(body).toEqual({ data: { movie: null } });
  });

  it('refuses an invalid token with UNAUTHENTICATED and HTTP 401', async () => {
    const { status, body } = await postGraphQL(
      `${routerUrl}/graphql`,
      { query: '{ me { id } }' },
      { authorization: 'Bearer v4.public.forged' },
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('answers a request sent straight to a subgraph only when the router signed it, with an identity only from a signed header', async () => {
    const unsigned = await postGraphQL(recommendationsUrl, { query: '{ _service { sdl } }' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })],
    });
    const forged = signIdentity(
      { userId: 'someone', role: 'ADMIN', expiresAt: Math.floor(Date.now() / 1000) + 60 },
      'guessed-secret-guessed-secret-000',
    );
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { recommendations { reason } } } }';
    const variables = { r: [{ __typename: 'User', id: 'someone' }] };
    const routerSigned = { [ROUTER_SIGNATURE_HEADER]: signRouterRequest(query, identitySecret) };
    const attempt = await postGraphQL(
      recommendationsUrl,
      { query, variables },
      { ...routerSigned, [IDENTITY_HEADER]: forged },
    );
    expect(attempt.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const genuine = signIdentity(
      { userId: 'someone', role: 'USER', expiresAt: Math.floor(Date.now() / 1000) + 60 },
      identitySecret,
    );
    // A router signature covers its own query only.
    const replayed = {
      [ROUTER_SIGNATURE_HEADER]: signRouterRequest('{ _service { sdl } }', identitySecret),
    };
    await expect(
      postGraphQL(
        recommendationsUrl,
        { query, variables },
        { ...replayed, [IDENTITY_HEADER]: genuine },
      ),
    ).resolves.toMatchObject({ status: 401 });
    const allowed = await postGraphQL(
      recommendationsUrl,
      { query, variables },
      { ...routerSigned, [IDENTITY_HEADER]: genuine },
    );
    expect(allowed.body.errors).toBeUndefined();
  });

  it('reports each subgraph, with its latency and circuit, and the open subscriptions in /health', async () => {
    const response = await fetch(`${routerUrl}/health`);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      ready: true,
      subgraphs: Object.fromEntries(
        subgraphServices.map((s) => [
          s,
          expect.objectContaining({
            status: 'ok',
            circuit: 'closed',
            latencyMs: expect.any(Number),
          }),
        ]),
      ),
      subscriptions: { connections: 0, active: 0 },
    });
  });
});
