import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  embeddedDeployment,
  postGraphQL,
  startEmbedded,
  type MarqueeProcess,
  type TestDeployment,
} from '@marquee/testing';

// `npm start` as a newcomer runs it: no DATABASE_URL, MONGO_URL or REDIS_URL — PGlite under the
// data dir, in-process pub/sub and cache, JSONB documents, demo catalogue seeded on first start.
const stack = new DisposalStack();
let deployment: TestDeployment;
let routerUrl: string;

async function timedStart() {
  const started = Date.now();
  const process = await startEmbedded(deployment, stack);
  return { process, ms: Date.now() - started };
}

beforeAll(async () => {
  deployment = await embeddedDeployment(stack);
  routerUrl = deployment.routerUrl;
});
afterAll(() => stack.disposeAll());

let running: { process: MarqueeProcess; ms: number };

describe('the embedded default (marquee start)', () => {
  beforeAll(async () => {
    running = await timedStart();
  });

  const acceptanceQuery =
    '{ movies(first: 5) { totalCount edges { node { id title year cast(first: 3) { person { name } } ratingSummary { average count } similar(first: 3) { title } } } } }';

  it('comes up within 60 s and answers the acceptance query from four subgraphs without errors', async () => {
    expect(running.ms).toBeLessThan(60_000);
    const { status, body } = await postGraphQL(`${routerUrl}/graphql`, { query: acceptanceQuery });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const movies = body.data?.['movies'] as {
      totalCount: number;
      edges: { node: { cast: unknown[]; similar: unknown[] } }[];
    };
    expect(movies.totalCount).toBeGreaterThanOrEqual(50);
    expect(movies.edges).toHaveLength(5);
    expect(movies.edges.every(({ node }) => node.cast.length > 0 && node.similar.length > 0)).toBe(
      true,
    );
  });

  it('serves the Sandbox landing page pointed at its own endpoint', async () => {
    const response = await fetch(`${routerUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('embeddable-sandbox');
    expect(html).toContain('"endpointIsEditable":false');
  });

  it('keeps a rating made through the router after a stop and a start', async () => {
    const signUp = await postGraphQL(`${routerUrl}/graphql`, {
      query: 'mutation { signUp(username: "newcomer", password: "a-long-password") { token } }',
    });
    const { token } = signUp.body.data?.['signUp'] as { token: string };
    const page = await postGraphQL(`${routerUrl}/graphql`, {
      query: '{ movies(first: 1) { totalCount edges { node { id } } } }',
    });
    const movies = page.body.data?.['movies'] as {
      totalCount: number;
      edges: { node: { id: string } }[];
    };
    const movieId = movies.edges[0]?.node.id;
    const rated = await postGraphQL(
      `${routerUrl}/graphql`,
      {
        query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 3.5) { rating } }',
        variables: { m: movieId },
      },
      { authorization: `Bearer ${token}` },
    );
    expect(rated.body.errors).toBeUndefined();

    expect(await running.process.stop('SIGINT')).toBe(0);
    running = await timedStart();

    const me = await postGraphQL(
      `${routerUrl}/graphql`,
      { query: '{ me { username ratings { rating movie { id } } } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(me.body).toEqual({
      data: { me: { username: 'newcomer', ratings: [{ rating: 3.5, movie: { id: movieId } }] } },
    });
    const again = await postGraphQL(`${routerUrl}/graphql`, {
      query: '{ movies(first: 1) { totalCount } }',
    });
    expect(again.body.data).toEqual({ movies: { totalCount: movies.totalCount } });
  });
});
