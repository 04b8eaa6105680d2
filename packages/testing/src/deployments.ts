import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { generateInternalSecret, generateTokenKeyPair, type TokenKeyPair } from '@marquee/auth';
import { createTestDatabase, createTestMongoDatabase, createTestRedisPrefix } from './databases.ts';
import type { DisposalStack } from './disposables.ts';
import { spawnMarquee, waitForHealthy, type MarqueeProcess } from './marqueeProcesses.ts';
import { findFreePorts } from './services.ts';

export const subgraphServices = [
  'movies',
  'people',
  'users',
  'reviews',
  'recommendations',
] as const;

/** Where one Marquee under test listens, and the environment that puts it there. */
export interface TestDeployment {
  env: Record<string, string>;
  /** `http://127.0.0.1:<router port>` (append `/graphql` or `/health`). */
  routerUrl: string;
  subgraphUrls: Record<(typeof subgraphServices)[number], string>;
}

export interface ServicesDeployment extends TestDeployment {
  keys: TokenKeyPair;
  identitySecret: string;
}

/** Free ports for the router and the five subgraphs and a fresh data dir: the embedded default. */
export async function embeddedDeployment(
  stack: DisposalStack,
  extraEnv: Record<string, string> = {},
): Promise<TestDeployment> {
  const dataDir = await mkdtemp(join(tmpdir(), 'marquee-e2e-'));
  stack.defer(() => rm(dataDir, { recursive: true, force: true }));
  const ports = await findFreePorts(6);
  const subgraphUrls = Object.fromEntries(
    subgraphServices.map((name, i) => [name, `http://127.0.0.1:${ports[i]}/graphql`]),
  ) as TestDeployment['subgraphUrls'];
  return {
    routerUrl: `http://127.0.0.1:${ports[5]}`,
    subgraphUrls,
    env: {
      LOG_LEVEL: 'warn',
      // Every test signs up and logs in from 127.0.0.1; the per-field budgets have tests of their own.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      RATE_LIMIT_WRITES_PER_MINUTE: '10000',
      MARQUEE_DATA_DIR: dataDir,
      ROUTER_PORT: String(ports[5]),
      MOVIES_URL: subgraphUrls.movies,
      PEOPLE_URL: subgraphUrls.people,
      USERS_URL: subgraphUrls.users,
      REVIEWS_URL: subgraphUrls.reviews,
      RECOMMENDATIONS_URL: subgraphUrls.recommendations,
      ...extraEnv,
    },
  };
}

/**
 * Services mode on the test servers: a throwaway database (migrated), Mongo database and Redis
 * key prefix, and fresh token keys and identity secret shared by every process.
 */
export async function servicesDeployment(
  stack: DisposalStack,
  extraEnv: Record<string, string> = {},
): Promise<ServicesDeployment> {
  const deployment = await embeddedDeployment(stack);
  const database = await createTestDatabase();
  stack.defer(() => database.dispose());
  const mongo = await createTestMongoDatabase();
  stack.defer(() => mongo.dispose());
  const keys = await generateTokenKeyPair();
  const identitySecret = generateInternalSecret();
  Object.assign(deployment.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    MONGO_URL: mongo.url,
    REDIS_URL: inject('testRedisUrl'),
    REDIS_PREFIX: createTestRedisPrefix(),
    TOKEN_SECRET_KEY: keys.secretKey,
    TOKEN_PUBLIC_KEY: keys.publicKey,
    INTERNAL_IDENTITY_SECRET: identitySecret,
    ...extraEnv,
  });
  return { ...deployment, keys, identitySecret };
}

const allHealthy = (body: unknown) => (body as { status?: string }).status === 'ok';

/** `marquee start` (everything in one process), resolved once the router reports all healthy. */
export async function startEmbedded(
  deployment: TestDeployment,
  stack: DisposalStack,
): Promise<MarqueeProcess> {
  const process = spawnMarquee(['start'], deployment.env);
  stack.defer(() => process.stop());
  await waitForHealthy(`${deployment.routerUrl}/health`, [process], {
    timeoutMs: 60_000,
    accept: allHealthy,
  });
  return process;
}

/** `marquee serve <service>` for the five subgraphs and the router, one process each. */
export async function startServices(
  deployment: TestDeployment,
  stack: DisposalStack,
): Promise<MarqueeProcess[]> {
  const processes = [...subgraphServices, 'router'].map((name) =>
    spawnMarquee(['serve', name], deployment.env),
  );
  for (const process of processes) stack.defer(() => process.stop());
  await waitForHealthy(`${deployment.routerUrl}/health`, processes, {
    timeoutMs: 90_000,
    accept: allHealthy,
  });
  return processes;
}
