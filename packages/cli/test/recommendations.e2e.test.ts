import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateInternalSecret, generateTokenKeyPair } from '@marquee/auth';
import {
  createTestDatabase,
  createTestMongoDatabase,
  createTestRedisPrefix,
  DisposalStack,
  findFreePorts,
  postGraphQL,
  runMarquee,
  spawnMarquee,
  waitForHealthy,
  type MarqueeProcess,
} from '@marquee/testing';

// The acceptance path on the demo catalogue, in both runtime modes: seed, `marquee train`, start;
// a new user rates five science-fiction films through the router and their recommendations
// follow within 5 s.
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

async function baseEnv() {
  const dataDir = await mkdtemp(join(tmpdir(), 'marquee-recs-'));
  stack.defer(() => rm(dataDir, { recursive: true, force: true }));
  const ports = await findFreePorts(6);
  const url = (i: number) => `http://127.0.0.1:${ports[i]}/graphql`;
  return {
    routerUrl: `http://127.0.0.1:${ports[5]}`,
    env: {
      LOG_LEVEL: 'warn',
      MARQUEE_DATA_DIR: dataDir,
      ROUTER_PORT: String(ports[5]),
      MOVIES_URL: url(0),
      PEOPLE_URL: url(1),
      USERS_URL: url(2),
      REVIEWS_URL: url(3),
      RECOMMENDATIONS_URL: url(4),
    } as Record<string, string>,
  };
}

async function seedAndTrain(env: Record<string, string>) {
  await runMarquee(['seed'], env);
  const trained = await runMarquee(['train'], env);
  expect(trained).toMatch(/Trained ease on \d+ ratings .* snapshot version 1/);
}

async function startEmbedded(): Promise<string> {
  const { env, routerUrl } = await baseEnv();
  await seedAndTrain(env);
  const process = spawnMarquee(['start'], env);
  stack.defer(() => process.stop());
  await waitForHealthy(`${routerUrl}/health`, [process], { timeoutMs: 60_000, accept: (body) => (body as { status?: string }).status === 'ok' });
  return routerUrl;
}

async function startServices(): Promise<string> {
  const { env, routerUrl } = await baseEnv();
  const database = await createTestDatabase();
  stack.defer(() => database.dispose());
  const mongo = await createTestMongoDatabase();
  stack.defer(() => mongo.dispose());
  const keys = await generateTokenKeyPair();
  Object.assign(env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    MONGO_URL: mongo.url,
    REDIS_URL: inject('testRedisUrl'),
    REDIS_PREFIX: createTestRedisPrefix(),
    TOKEN_SECRET_KEY: keys.secretKey,
    TOKEN_PUBLIC_KEY: keys.publicKey,
    INTERNAL_IDENTITY_SECRET: generateInternalSecret(),
  });
  await seedAndTrain(env);
  const processes: MarqueeProcess[] = ['movies', 'people', 'users', 'reviews', 'recommendations', 'router'].map((name) =>
    spawnMarquee(['serve', name], env),
  );
  for (const process of processes) stack.defer(() => process.stop());
  await waitForHealthy(`${routerUrl}/health`, processes, { timeoutMs: 60_000, accept: (body) => (body as { status?: string }).status === 'ok' });
  return routerUrl;
}

type Rec = { movie: { id: string; genres: string[] }; score: number; reason: string };

describe.each([
  ['embedded (marquee start)', startEmbedded],
  ['services (Redis cache and pub/sub, PostgreSQL)', startServices],
])('recommendations through the router, %s', (_mode, start) => {
  let routerUrl: string;
  beforeAll(async () => {
    routerUrl = await start();
  }, 120_000);

  it('follow a new user who rates five science-fiction films within 5 s, leaning to related films and never repeating a rated one', async () => {
    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const { body } = await postGraphQL(`${routerUrl}/graphql`, { query, variables }, token === undefined ? {} : { authorization: `Bearer ${token}` });
      expect(body.errors).toBeUndefined();
      return body.data ?? {};
    };
    const signUp = await gql('mutation { signUp(username: "stargazer", password: "a-long-password") { token } }');
    const { token } = signUp['signUp'] as { token: string };
    const recommendations = async () =>
      ((await gql('{ me { recommendations(first: 10) { movie { id genres } score reason } } }', {}, token))['me'] as { recommendations: Rec[] }).recommendations;

    const before = await recommendations();
    expect(before).toHaveLength(10);
    const popular = (await gql('{ popular(genre: "Sci-Fi", first: 5) { movie { id genres } reason } }'))['popular'] as Rec[];
    expect(popular.map((r) => r.reason)).toEqual(Array(5).fill('Popular in Sci-Fi'));
    const rated = popular.map((r) => r.movie.id);
    for (const movieId of rated) await gql('mutation ($m: ID!) { rateMovie(movieId: $m, rating: 5) { rating } }', { m: movieId }, token);
    const ratedAt = Date.now();

    let after: Rec[] = before;
    await expect
      .poll(
        async () => {
          after = await recommendations();
          return after.some((r) => r.reason.startsWith('Because you liked')) && after.every((r) => !rated.includes(r.movie.id));
        },
        { timeout: 5_000, interval: 100 },
      )
      .toBe(true);
    expect(Date.now() - ratedAt).toBeLessThan(5_000);
    expect(after.map((r) => r.movie.id)).not.toEqual(before.map((r) => r.movie.id));
    for (const r of after) expect(rated).not.toContain(r.movie.id);
    // The demo catalogue is about a third science fiction; the list leans well past that.
    expect(after.filter((r) => r.movie.genres.includes('Sci-Fi')).length).toBeGreaterThanOrEqual(6);
  });

  it('finds similar films for a demo film, never the film itself', async () => {
    const { body } = await postGraphQL(`${routerUrl}/graphql`, {
      query: '{ popular(genre: "Sci-Fi", first: 1) { movie { id genres similar(first: 5) { id genres } } } }',
    });
    expect(body.errors).toBeUndefined();
    const [first] = (body.data?.['popular'] ?? []) as { movie: { id: string; genres: string[]; similar: { id: string; genres: string[] }[] } }[];
    expect(first?.movie.similar).toHaveLength(5);
    for (const film of first?.movie.similar ?? []) {
      expect(film.id).not.toBe(first?.movie.id);
      expect(film.genres.some((genre) => first?.movie.genres.includes(genre))).toBe(true);
    }
  });
});
