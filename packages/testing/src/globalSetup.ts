/**
 * vitest global setup of the integration and e2e projects (see vitest.config.ts): throwaway
 * PostgreSQL, Redis and FerretDB servers on free ports, with fresh data folders under one temp
 * folder, stopped and deleted at teardown.
 *
 * A server is not started when its URL is given in the environment (TEST_DATABASE_URL,
 * TEST_REDIS_URL, TEST_MONGO_URL), e.g. to run against docker-compose services.
 * Test files read the URLs with `inject('testDatabaseUrl')` etc. (typed in providedContext.ts),
 * usually through the helpers in databases.ts; the same URLs are exported as those environment
 * variables for the processes e2e tests spawn.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { TestServerUrls } from './providedContext.ts';
import {
  INSTALL_COMMAND,
  MissingBinaryError,
  findFreePorts,
  killLeftoverServers,
  locateFerretDb,
  locatePostgres,
  locateRedisServer,
  probeMongo,
  probePostgres,
  probeRedis,
  startFerretDb,
  startPostgres,
  startRedis,
  waitForServer,
  type RunningServer,
} from './services.ts';

type ServerKey = keyof TestServerUrls;

interface ServerKind {
  envName: string;
  label: string;
  probe(url: string): Promise<void>;
  /** Finds the binary now (so every missing one is reported at once) and returns the starter. */
  prepare(): (options: { port: number; dir: string }) => Promise<RunningServer>;
}

const SERVER_KINDS: Record<ServerKey, ServerKind> = {
  testDatabaseUrl: {
    envName: 'TEST_DATABASE_URL',
    label: 'PostgreSQL',
    probe: probePostgres,
    prepare() {
      const binaries = locatePostgres();
      return (options) => startPostgres(binaries, options);
    },
  },
  testRedisUrl: {
    envName: 'TEST_REDIS_URL',
    label: 'Redis',
    probe: probeRedis,
    prepare() {
      const binary = locateRedisServer();
      return (options) => startRedis(binary, options);
    },
  },
  testMongoUrl: {
    envName: 'TEST_MONGO_URL',
    label: 'FerretDB',
    probe: probeMongo,
    prepare() {
      const binary = locateFerretDb();
      return (options) => startFerretDb(binary, options);
    },
  },
};

const SERVER_KEYS = Object.keys(SERVER_KINDS) as ServerKey[];

interface TestServers {
  urls: TestServerUrls;
  stop(): Promise<void>;
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

async function startTestServers(): Promise<TestServers> {
  const startedAt = Date.now();
  const given = new Map<ServerKey, string>();
  for (const key of SERVER_KEYS) {
    const value = process.env[SERVER_KINDS[key].envName];
    if (value !== undefined && value !== '') given.set(key, value);
  }
  const toStart = SERVER_KEYS.filter((key) => !given.has(key));

  const starters = new Map<ServerKey, ReturnType<ServerKind['prepare']>>();
  const missing: string[] = [];
  for (const key of toStart) {
    try {
      starters.set(key, SERVER_KINDS[key].prepare());
    } catch (error) {
      if (!(error instanceof MissingBinaryError)) throw error;
      missing.push(`${SERVER_KINDS[key].label}: ${error.binary}, not found ${error.searched}`);
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `Integration and e2e tests start their own servers, but these binaries are missing:\n` +
        missing.map((line) => `  - ${line}\n`).join('') +
        `Install them (from the repository root) with:\n  ${INSTALL_COMMAND}\n` +
        `or point ${SERVER_KEYS.map((key) => SERVER_KINDS[key].envName).join(' / ')} at running servers.`,
    );
  }

  await Promise.all(
    [...given].map(([key, url]) =>
      waitForServer(`${SERVER_KINDS[key].envName} (${SERVER_KINDS[key].label})`, () =>
        SERVER_KINDS[key].probe(url),
      ),
    ),
  );

  const ports = await findFreePorts(toStart.length);
  const root = toStart.length > 0 ? await mkdtemp(join(tmpdir(), 'marquee-test-')) : undefined;
  // Ctrl-C or SIGTERM makes vitest exit without running teardowns: kill the servers and remove
  // their files on the way out. Retries cover a server still writing while its SIGKILL lands.
  const removeRootOnExit = () => {
    killLeftoverServers();
    if (root !== undefined) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', removeRootOnExit);
  const outcomes = await Promise.allSettled(
    toStart.map(async (key, index) => {
      const start = starters.get(key);
      const port = ports[index];
      if (start === undefined || port === undefined || root === undefined)
        throw new Error(`no starter for ${key}`);
      return [key, await start({ port, dir: join(root, key) })] as const;
    }),
  );
  const running = outcomes.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  );
  const removeRoot = async () => {
    process.off('exit', removeRootOnExit);
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  };
  const failures = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [messageOf(outcome.reason)] : [],
  );
  if (failures.length > 0) {
    await Promise.allSettled(running.map(([, server]) => server.stop()));
    await removeRoot();
    throw new Error(`Could not start the test servers:\n${failures.join('\n\n')}`);
  }

  const known = new Map<ServerKey, string>([
    ...given,
    ...running.map(([key, server]) => [key, server.url] as const),
  ]);
  const urlOf = (key: ServerKey): string => {
    const url = known.get(key);
    if (url === undefined) throw new Error(`no URL for ${key}`);
    return url;
  };
  const urls: TestServerUrls = {
    testDatabaseUrl: urlOf('testDatabaseUrl'),
    testRedisUrl: urlOf('testRedisUrl'),
    testMongoUrl: urlOf('testMongoUrl'),
  };
  // Child processes of e2e tests (router, subgraphs) inherit these through the test workers.
  const previousEnv = new Map(
    SERVER_KEYS.map((key) => [key, process.env[SERVER_KINDS[key].envName]]),
  );
  for (const key of SERVER_KEYS) process.env[SERVER_KINDS[key].envName] = urls[key];

  const summary = SERVER_KEYS.map(
    (key) => `${SERVER_KINDS[key].label} ${urls[key]}${given.has(key) ? ' (given)' : ''}`,
  );
  console.log(`test servers ready in ${Date.now() - startedAt} ms: ${summary.join(', ')}`);

  return {
    urls,
    async stop() {
      for (const [key, value] of previousEnv) {
        const name = SERVER_KINDS[key].envName;
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      const stopped = await Promise.allSettled(running.map(([, server]) => server.stop()));
      await removeRoot();
      const errors = stopped.flatMap((outcome): unknown[] =>
        outcome.status === 'rejected' ? [outcome.reason] : [],
      );
      if (errors.length > 0)
        throw new AggregateError(errors, 'Some test servers did not stop cleanly');
    },
  };
}

// Each vitest project runs its own global setup (integration and e2e both list this file), in
// the same process but from separately loaded copies of this module. A reference count kept on
// globalThis lets a run of both projects share one set of servers.
const SHARED_KEY = Symbol.for('@marquee/testing/test-servers');

interface SharedServers {
  users: number;
  servers: Promise<TestServers>;
}

const registry = globalThis as typeof globalThis & { [SHARED_KEY]?: SharedServers };

async function release(shared: SharedServers): Promise<void> {
  shared.users -= 1;
  if (shared.users > 0) return;
  if (registry[SHARED_KEY] === shared) delete registry[SHARED_KEY];
  // A failed start has cleaned up after itself and was reported by the setup that awaited it.
  const servers = await shared.servers.catch(() => undefined);
  await servers?.stop();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (registry[SHARED_KEY] ??= { users: 0, servers: startTestServers() });
  shared.users += 1;
  let servers: TestServers;
  try {
    servers = await shared.servers;
  } catch (error) {
    await release(shared);
    throw error;
  }
  for (const key of SERVER_KEYS) project.provide(key, servers.urls[key]);
  return () => release(shared);
}
