import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  findFreePorts,
  locateRedisServer,
  postGraphQL,
  runMarquee,
  servicesDeployment,
  spawnMarquee,
  startRedis,
  subscribe,
  waitForHealthy,
  type LiveSubscription,
  type MarqueeProcess,
  type RunningServer,
} from '@marquee/testing';

// Issue 6's acceptance and fault scenarios in services mode: two routers (A, B) and two
// recommendations replicas (1 behind A, 2 behind B) on one Redis of this file's own, so the
// Redis restart touches no other test; movies, people, users and reviews once each.
const stack = new DisposalStack();
let env: Record<string, string>;
let redis: RunningServer;
let redisPort: number;
let redisDir: string;
const routers = { a: '', b: '' };
const replicas = { one: '', two: '' };
let replicaOne: MarqueeProcess;
const replicaOneEnv: Record<string, string> = {};

const UPDATE = `subscription {
  recommendationsUpdated {
    user { username }
    added { movie { id title directors { name } } reason }
    recommendations(first: 20) { movie { id } }
    at
  }
}`;

beforeAll(async () => {
  redisDir = await mkdtemp(join(tmpdir(), 'marquee-redis-'));
  stack.defer(() => rm(redisDir, { recursive: true, force: true }));
  [redisPort] = (await findFreePorts(1)) as [number];
  redis = await startRedis(locateRedisServer(), { port: redisPort, dir: redisDir });
  stack.defer(() => redis.stop());

  const deployment = await servicesDeployment(stack, {
    REDIS_URL: redis.url,
    RATE_LIMIT_IP_PER_MINUTE: '10000',
    RATE_LIMIT_USER_PER_MINUTE: '10000',
    MAX_SUBSCRIPTIONS_PER_USER: '2',
  });
  env = deployment.env;
  const [routerB, recsTwo] = (await findFreePorts(2)) as [number, number];
  routers.a = `${deployment.routerUrl}/graphql`;
  routers.b = `http://127.0.0.1:${routerB}/graphql`;
  replicas.one = deployment.subgraphUrls.recommendations;
  replicas.two = `http://127.0.0.1:${recsTwo}/graphql`;
  await runMarquee(['seed'], env);

  const start = (args: string[], overrides: Record<string, string> = {}) => {
    const process = spawnMarquee(args, { ...env, ...overrides });
    stack.defer(() => process.stop());
    return process;
  };
  const processes = ['movies', 'people', 'users', 'reviews'].map((name) => start(['serve', name]));
  Object.assign(replicaOneEnv, env);
  replicaOne = start(['serve', 'recommendations']);
  const replicaTwo = start(['serve', 'recommendations'], { RECOMMENDATIONS_URL: replicas.two });
  const routerA = start(['serve', 'router']);
  const routerBProcess = start(['serve', 'router'], {
    ROUTER_PORT: String(routerB),
    RECOMMENDATIONS_URL: replicas.two,
  });
  const all = [...processes, replicaOne, replicaTwo, routerA, routerBProcess];
  const healthy = (body: unknown) => (body as { status?: string }).status === 'ok';
  await waitForHealthy(`${deployment.routerUrl}/health`, all, {
    timeoutMs: 120_000,
    accept: healthy,
  });
  await waitForHealthy(`http://127.0.0.1:${routerB}/health`, all, {
    timeoutMs: 60_000,
    accept: healthy,
  });
}, 240_000);
afterAll(() => stack.disposeAll());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function signUp(username: string): Promise<string> {
  const result = await postGraphQL(routers.a, {
    query:
      'mutation ($u: String!) { signUp(username: $u, password: "correct horse battery") { token } }',
    variables: { u: username },
  });
  expect(result.body.errors).toBeUndefined();
  return (result.body.data?.['signUp'] as { token: string }).token;
}

/** Open `recommendationsUpdated` streams on a recommendations replica (its /health). */
async function streamsOn(replicaUrl: string): Promise<number> {
  try {
    const response = await fetch(new URL('/health', replicaUrl));
    return ((await response.json()) as { subscriptions?: number }).subscriptions ?? 0;
  } catch {
    return -1;
  }
}

async function currentRecommendations(router: string, token: string): Promise<string[]> {
  const result = await postGraphQL(
    router,
    { query: '{ me { recommendations(first: 20) { movie { id } } } }' },
    bearer(token),
  );
  expect(result.body.errors).toBeUndefined();
  return (
    result.body.data?.['me'] as { recommendations: { movie: { id: string } }[] }
  ).recommendations.map((r) => r.movie.id);
}

/** Rating a film on the user's own list always changes the top 20: the film leaves, another enters. */
async function rateOneRecommended(router: string, token: string, rating = 5): Promise<string> {
  const [movieId] = await currentRecommendations(router, token);
  if (movieId === undefined) throw new Error('The user has no recommendations to rate.');
  const result = await postGraphQL(
    router,
    {
      query: 'mutation ($m: ID!, $r: Float!) { rateMovie(movieId: $m, rating: $r) { rating } }',
      variables: { m: movieId, r: rating },
    },
    bearer(token),
  );
  expect(result.body.errors).toBeUndefined();
  return movieId;
}

type Update = {
  user: { username: string };
  added: { movie: { id: string; title: string; directors: { name: string }[] }; reason: string }[];
  recommendations: { movie: { id: string } }[];
  at: string;
};
const updateOf = (live: LiveSubscription, index: number) =>
  live.events[index]?.data?.['recommendationsUpdated'] as Update | undefined;

describe('live recommendation notifications through the router', () => {
  it('delivers an update within 5 s of a rating, with titles and directors from other subgraphs, never a rated film', async () => {
    const token = await signUp('lumiere');
    const open = await streamsOn(replicas.one);
    const live = subscribe(routers.a, { token, query: UPDATE });
    stack.defer(() => live.stop());
    await expect.poll(() => streamsOn(replicas.one)).toBe(open + 1);

    const sciFi = await postGraphQL(routers.a, {
      query:
        '{ movies(first: 5, filter: { genres: ["Sci-Fi"] }, orderBy: { field: POPULARITY, direction: DESC }) { edges { node { id } } } }',
    });
    const rated = (sciFi.body.data?.['movies'] as { edges: { node: { id: string } }[] }).edges.map(
      (edge) => edge.node.id,
    );
    expect(rated).toHaveLength(5);
    const started = Date.now();
    for (const movieId of rated) {
      const result = await postGraphQL(
        routers.a,
        {
          query: 'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 5) { rating } }',
          variables: { m: movieId },
        },
        bearer(token),
      );
      expect(result.body.errors).toBeUndefined();
    }
    await live.event(0, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000 + 2_000);

    const first = updateOf(live, 0);
    expect(first?.user.username).toBe('lumiere');
    expect(first?.added.length).toBeGreaterThan(0);
    for (const item of first?.added ?? []) {
      expect(item.movie.title).toMatch(/\S/);
      expect(Array.isArray(item.movie.directors)).toBe(true);
    }
    expect(
      first?.added.some(
        (item) =>
          item.movie.directors.length > 0 && item.movie.directors.every((d) => d.name.length > 0),
      ),
    ).toBe(true);
    // Give the remaining ratings' updates time to arrive, then check none recommends a rated film.
    await sleep(1_500);
    const last = updateOf(live, live.events.length - 1);
    for (const event of live.events) expect(event.errors).toBeUndefined();
    expect(last?.recommendations.map((r) => r.movie.id).filter((id) => rated.includes(id))).toEqual(
      [],
    );
    expect(last?.added.map((item) => item.movie.id).filter((id) => rated.includes(id))).toEqual([]);
  });

  it('reaches a subscriber on the other router exactly once per change', async () => {
    const token = await signUp('melies');
    const [openOne, openTwo] = [await streamsOn(replicas.one), await streamsOn(replicas.two)];
    const onB = subscribe(routers.b, { token, query: UPDATE });
    const onA = subscribe(routers.a, { token, query: UPDATE });
    stack.defer(() => onB.stop());
    stack.defer(() => onA.stop());
    await expect.poll(() => streamsOn(replicas.two)).toBe(openTwo + 1);
    await expect.poll(() => streamsOn(replicas.one)).toBe(openOne + 1);

    await rateOneRecommended(routers.a, token);
    await onB.event(0, 5_000);
    await onA.event(0, 5_000);
    // Both replicas heard the rating; one handled it, so each subscriber gets one event.
    await sleep(2_000);
    expect(onB.events).toHaveLength(1);
    expect(onA.events).toHaveLength(1);
    expect(updateOf(onB, 0)).toEqual(updateOf(onA, 0));
  });

  it('caps a user at two subscriptions across both routers, and frees a slot when one ends', async () => {
    const token = await signUp('guy');
    const [openOne, openTwo] = [await streamsOn(replicas.one), await streamsOn(replicas.two)];
    const onA = subscribe(routers.a, { token, query: UPDATE });
    const onB = subscribe(routers.b, { token, query: UPDATE });
    stack.defer(() => onA.stop());
    stack.defer(() => onB.stop());
    await expect.poll(() => streamsOn(replicas.one)).toBe(openOne + 1);
    await expect.poll(() => streamsOn(replicas.two)).toBe(openTwo + 1);

    const third = subscribe(routers.a, { token, query: UPDATE });
    stack.defer(() => third.stop());
    const refused = await third.ended;
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 },
    });

    // Router B's subscription ends: its slot is released in Redis, and router A accepts one more.
    await onB.stop();
    await expect.poll(() => streamsOn(replicas.two)).toBe(openTwo);
    const accepted = async () => {
      const live = subscribe(routers.a, { token, query: UPDATE });
      stack.defer(() => live.stop());
      const outcome = await Promise.race([
        live.ended.then(() => 'ended'),
        sleep(1_000).then(() => 'open'),
      ]);
      if (outcome === 'ended') await live.stop();
      return outcome;
    };
    await expect.poll(accepted, { timeout: 10_000 }).toBe('open');
    await expect.poll(() => streamsOn(replicas.one)).toBe(openOne + 2);
  });

  it('re-establishes the upstream subscription when a recommendations replica restarts', async () => {
    const token = await signUp('varda');
    const open = await streamsOn(replicas.one);
    const live = subscribe(routers.a, { token, query: UPDATE });
    stack.defer(() => live.stop());
    await expect.poll(() => streamsOn(replicas.one)).toBe(open + 1);
    const before = open + 1;

    await replicaOne.stop();
    replicaOne = spawnMarquee(['serve', 'recommendations'], replicaOneEnv);
    stack.defer(() => replicaOne.stop());
    await waitForHealthy(`${new URL(replicas.one).origin}/health`, [replicaOne], {
      timeoutMs: 60_000,
    });
    // The router reconnects and re-sends every open subscription by itself.
    await expect.poll(() => streamsOn(replicas.one), { timeout: 15_000 }).toBe(before);

    await rateOneRecommended(routers.a, token);
    await live.event(0, 5_000);
    expect(updateOf(live, 0)?.user.username).toBe('varda');
  });

  it('resumes delivery after a Redis restart without client action', async () => {
    const token = await signUp('agnes');
    const open = await streamsOn(replicas.two);
    const live = subscribe(routers.b, { token, query: UPDATE });
    stack.defer(() => live.stop());
    await expect.poll(() => streamsOn(replicas.two)).toBe(open + 1);

    await redis.stop();
    await sleep(1_000);
    redis = await startRedis(locateRedisServer(), { port: redisPort, dir: redisDir });
    stack.defer(() => redis.stop());

    // Redis lost its state and every process reconnects on its own schedule; events published
    // before the recommendations replicas resubscribe are lost (documented). Rate until one
    // arrives: the client itself does nothing but wait.
    const deadline = Date.now() + 30_000;
    while (live.events.length === 0 && Date.now() < deadline) {
      try {
        await rateOneRecommended(routers.b, token);
      } catch {
        // The reviews subgraph may still be reconnecting.
      }
      await live.event(0, 2_000).catch(() => undefined);
    }
    expect(live.events.length).toBeGreaterThan(0);
    expect(updateOf(live, 0)?.user.username).toBe('agnes');
    await expect(Promise.race([live.ended, sleep(10, 'open')])).resolves.toBe('open');
  });

  it('tells a subscriber about a newly ingested film that enters their list', async () => {
    const token = await signUp('chaplin');
    const open = await streamsOn(replicas.one);
    const live = subscribe(routers.a, { token, query: UPDATE });
    stack.defer(() => live.stop());
    await expect.poll(() => streamsOn(replicas.one)).toBe(open + 1);

    // A film of this year that everyone is watching, in the IMDb dump format.
    const dir = await mkdtemp(join(tmpdir(), 'marquee-arrival-'));
    stack.defer(() => rm(dir, { recursive: true, force: true }));
    const year = new Date().getUTCFullYear();
    await writeFile(
      join(dir, 'title.basics.tsv'),
      `tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\ntt9900001\tmovie\tThe Premiere\tThe Premiere\t0\t${year}\t\\N\t101\tDrama\n`,
    );
    await writeFile(
      join(dir, 'title.ratings.tsv'),
      'tconst\taverageRating\tnumVotes\ntt9900001\t9.1\t9000000\n',
    );
    await runMarquee(['ingest', 'imdb', dir], env);

    await live.event(0, 10_000);
    expect(updateOf(live, 0)?.added).toContainEqual(
      expect.objectContaining({
        movie: expect.objectContaining({ id: 'tt9900001', title: 'The Premiere' }) as unknown,
        reason: 'New arrival',
      }),
    );
  });

  it('closes the socket with 4401 for a missing or invalid token at connection_init', async () => {
    const missing = subscribe(routers.b, { query: UPDATE });
    const invalid = subscribe(routers.b, { token: 'v4.public.not-a-token', query: UPDATE });
    expect((await missing.ended).close?.code).toBe(4401);
    expect((await invalid.ended).close?.code).toBe(4401);
  });
});
