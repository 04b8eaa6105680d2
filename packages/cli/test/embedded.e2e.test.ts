import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisposalStack, findFreePorts, postGraphQL, spawnMarquee, waitForHealthy } from '@marquee/testing';

// `npm start` as a newcomer runs it: no DATABASE_URL, MONGO_URL or REDIS_URL — PGlite under the
// data dir, in-process pub/sub and cache, JSONB documents, demo catalogue seeded on first start.
const stack = new DisposalStack();
let env: Record<string, string>;
let routerUrl: string;

async function startEmbedded() {
  const process = spawnMarquee(['start'], env);
  const started = Date.now();
  await waitForHealthy(`${routerUrl}/health`, [process], { timeoutMs: 60_000, accept: (body) => (body as { status?: string }).status === 'ok' });
  return { process, ms: Date.now() - started };
}

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marquee-embedded-'));
  stack.defer(() => rm(dataDir, { recursive: true, force: true }));
  const ports = await findFreePorts(6);
  const url = (i: number) => `http://127.0.0.1:${ports[i]}/graphql`;
  env = {
    LOG_LEVEL: 'warn',
    MARQUEE_DATA_DIR: dataDir,
    ROUTER_PORT: String(ports[5]),
    MOVIES_URL: url(0),
    PEOPLE_URL: url(1),
    USERS_URL: url(2),
    REVIEWS_URL: url(3),
    RECOMMENDATIONS_URL: url(4),
  };
  routerUrl = `http://127.0.0.1:${ports[5]}`;
});
afterAll(() => stack.disposeAll());

let running: { process: ReturnType<typeof spawnMarquee>; ms: number };

describe('the embedded default (marquee start)', () => {
  beforeAll(async () => {
    running = await startEmbedded();
    stack.defer(() => running.process.stop());
  });

  const acceptanceQuery = '{ movies(first: 5) { totalCount edges { node { id title year cast(first: 3) { person { name } } ratingSummary { average count } similar(first: 3) { title } } } } }';

  it('comes up within 60 s and answers the acceptance query from four subgraphs without errors', async () => {
    expect(running.ms).toBeLessThan(60_000);
    const { status, body } = await postGraphQL(`${routerUrl}/graphql`, { query: acceptanceQuery });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const movies = body.data?.['movies'] as { totalCount: number; edges: { node: { cast: unknown[]; similar: unknown[] } }[] };
    expect(movies.totalCount).toBeGreaterThanOrEqual(50);
    expect(movies.edges).toHaveLength(5);
    expect(movies.edges.every(({ node }) => node.cast.length > 0 && node.similar.length > 0)).toBe(true);
  });

  it('serves the Sandbox landing page pointed at its own endpoint', async () => {
    const response = await fetch(`${routerUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('embeddable-sandbox');
    expect(html).toContain('"endpointIsEditable":false');
  });

  it('keeps a rating made through the router after a stop and a start', async () => {
    const signUp = await postGraphQL(`${routerUrl}/graphql`, { query: 'mutation { signUp(username: "newcomer", password: "a-long-password") { token } }' });
    const { token } = signUp.body.data?.['signUp'] as { token: string };
    const page = await postGraphQL(`${routerUrl}/graphql`, { query: '{ movies(first: 1) { totalCount edges { node { id } } } }' });
    const movies = page.body.data?.['movies'] as { totalCount: number; edges: { node: { id: string } }[] };
    const movieId = movies.edges[0]?.node.id;
    const rated = await postGraphQL(`${routerUrl}/graphql`, { query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 3.5) { rating } }', variables: { m: movieId } }, { authorization: `Bearer ${token}` });
    expect(rated.body.errors).toBeUndefined();

    expect(await running.process.stop('SIGINT')).toBe(0);
    running = await startEmbedded();
    stack.defer(() => running.process.stop());

    const me = await postGraphQL(`${routerUrl}/graphql`, { query: '{ me { username ratings { rating movie { id } } } }' }, { authorization: `Bearer ${token}` });
    expect(me.body).toEqual({ data: { me: { username: 'newcomer', ratings: [{ rating: 3.5, movie: { id: movieId } }] } } });
    const again = await postGraphQL(`${routerUrl}/graphql`, { query: '{ movies(first: 1) { totalCount } }' });
    expect(again.body.data).toEqual({ movies: { totalCount: movies.totalCount } });
  });
});
