import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readdirSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import pg from 'pg';

/** The one command that installs every binary the test servers need (run from the repo root). */
export const INSTALL_COMMAND = 'bash scripts/test-env.sh';

export class MissingBinaryError extends Error {
  override name = 'MissingBinaryError';
  readonly binary: string;
  /** Where it was looked for, e.g. "on PATH". */
  readonly searched: string;

  constructor(binary: string, searched: string) {
    super(`${binary} not found ${searched}; install it with: ${INSTALL_COMMAND}`);
    this.binary = binary;
    this.searched = searched;
  }
}

/** A server started for the test run; `stop` ends its whole process group. */
export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Port on 127.0.0.1, e.g. from findFreePorts. */
  port: number;
  /** Empty folder for the server's data and log; the caller deletes it afterwards. */
  dir: string;
  /** How long to wait for the server to accept connections. */
  timeoutMs?: number;
}

// Generous because integration runs start three servers at once on 2-core machines.
const DEFAULT_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Finding binaries: the same places, in the same order, as scripts/test-env.sh checks.

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && isExecutableFile(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

/** `postgres` and `initdb` from one folder: PATH first, then Debian's newest /usr/lib/postgresql/<major>/bin. */
export function locatePostgres(env: NodeJS.ProcessEnv = process.env): PostgresBinaries {
  const onPath = findOnPath('postgres', env);
  if (onPath !== undefined && isExecutableFile(join(dirname(onPath), 'initdb'))) {
    return { postgres: onPath, initdb: join(dirname(onPath), 'initdb') };
  }
  const debianRoot = '/usr/lib/postgresql';
  let majors: string[] = [];
  try {
    majors = readdirSync(debianRoot).filter((entry) => /^\d+$/.test(entry));
  } catch {
    // No Debian PostgreSQL at all: reported below.
  }
  for (const major of majors.sort((a, b) => Number(b) - Number(a))) {
    const bin = join(debianRoot, major, 'bin');
    if (isExecutableFile(join(bin, 'postgres')) && isExecutableFile(join(bin, 'initdb'))) {
      return { postgres: join(bin, 'postgres'), initdb: join(bin, 'initdb') };
    }
  }
  throw new MissingBinaryError(
    'postgres (with initdb)',
    'on PATH or in /usr/lib/postgresql/<major>/bin',
  );
}

export function locateRedisServer(env: NodeJS.ProcessEnv = process.env): string {
  const found = findOnPath('redis-server', env);
  if (found === undefined) throw new MissingBinaryError('redis-server', 'on PATH');
  return found;
}

/** Where scripts/test-env.sh puts tools that are not system packages. */
export function toolsDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.MARQUEE_TOOLS_DIR;
  return configured !== undefined && configured !== ''
    ? configured
    : join(homedir(), '.cache', 'marquee', 'tools');
}

/** FerretDB as built by scripts/test-env.sh, else a `ferretdb` on PATH. */
export function locateFerretDb(env: NodeJS.ProcessEnv = process.env): string {
  const built = join(toolsDir(env), 'bin', 'ferretdb');
  if (isExecutableFile(built)) return built;
  const found = findOnPath('ferretdb', env);
  if (found === undefined)
    throw new MissingBinaryError('ferretdb', `in ${dirname(built)} or on PATH`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Ports

function listenOnAnyPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * `count` distinct ports that were free a moment ago. All are held open together before any is
 * released, so parallel callers within this process never get the same port twice.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listenOnAnyPort()));
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('TCP server has no port');
    return address.port;
  });
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
  return ports;
}

// ---------------------------------------------------------------------------------------------
// Child processes

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Process groups still running. Each server runs in its own group (detached) so that stopping it
 * also ends anything it forked; if the test runner exits without its teardown (crash,
 * process.exit), this last-chance hook kills them so no server outlives the run.
 */
const liveProcessGroups = new Set<number>();
let exitHookInstalled = false;

function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGKILLs every server this module started that is still running; synchronous, for exit hooks. */
export function killLeftoverServers(): void {
  for (const pid of liveProcessGroups) killProcessGroup(pid, 'SIGKILL');
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', killLeftoverServers);
}

interface ServerProcess {
  readonly name: string;
  readonly logPath: string;
  /** Resolves once the process has exited or failed to start. */
  readonly exited: Promise<void>;
  /** How it ended ("exited with code 1"), or undefined while it runs. */
  exitStatus(): string | undefined;
  /** Sends `signal` to the process, then SIGKILL to its whole group after the grace period. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

function launch(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; logPath: string; runAs: RunAs | undefined },
): ServerProcess {
  installExitHook();
  // Output goes straight to a log file: no pipe to drain, and its tail explains failures.
  const logFd = openSync(options.logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', logFd, logFd],
      ...(options.runAs ?? {}),
    });
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  if (pid !== undefined) liveProcessGroups.add(pid);

  let status: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      status ??= `could not be started (${error.message})`;
      resolve();
    });
    child.once('exit', (code, signal) => {
      status = signal === null ? `exited with code ${String(code)}` : `was killed by ${signal}`;
      if (pid !== undefined) liveProcessGroups.delete(pid);
      resolve();
    });
  });

  return {
    name,
    logPath: options.logPath,
    exited,
    exitStatus: () => status,
    async stop(signal) {
      if (status !== undefined || pid === undefined) return;
      try {
        process.kill(pid, signal);
      } catch {
        // Exited in the meantime.
      }
      const grace = sleep(STOP_GRACE_MS, 'timeout' as const, { ref: false });
      if ((await Promise.race([exited, grace])) === 'timeout') {
        killProcessGroup(pid, 'SIGKILL');
        await exited;
      }
    },
  };
}

async function logTail(logPath: string, lines = 20): Promise<string> {
  try {
    const text = (await readFile(logPath, 'utf8')).trimEnd();
    if (text === '') return '';
    return `\n--- last lines of ${logPath} ---\n${text.split('\n').slice(-lines).join('\n')}`;
  } catch {
    return '';
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Polls `probe` until it succeeds; fails early, with the log tail, when the process exits. */
async function waitUntilReady(
  server: ServerProcess,
  probe: () => Promise<void>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const status = server.exitStatus();
    if (status !== undefined) {
      throw new Error(
        `${server.name} ${status} before accepting connections.${await logTail(server.logPath)}`,
      );
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${server.name} did not accept connections within ${timeoutMs} ms (last error: ${errorMessage(lastError)}).` +
          (await logTail(server.logPath)),
      );
    }
    await sleep(100);
  }
}

/** Waits for a server that someone else runs (TEST_*_URL) to answer `probe`. */
export async function waitForServer(
  what: string,
  probe: () => Promise<void>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what} does not answer: ${errorMessage(error)}`, { cause: error });
      }
    }
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------------
// Probes: one real round trip each, with short timeouts so a hung attempt is retried.

export async function probePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}

export async function probeRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Connection errors also reject connect(); this keeps them from being reported as unhandled.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

export async function probeMongo(url: string): Promise<void> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2_000, connectTimeoutMS: 2_000 });
  try {
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

const execFileAsync = promisify(execFile);

/**
 * PostgreSQL refuses to run as root. When the tests run as root (CI containers), initdb and
 * postgres run as the `postgres` user that Debian's package creates.
 */
async function postgresRunAs(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', 'postgres']),
      execFileAsync('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(
      'PostgreSQL refuses to run as root and there is no `postgres` user to run it as: ' +
        `run ${INSTALL_COMMAND} (the postgresql package creates it) or run the tests as another user.`,
    );
  }
}

/** Hands `dir` to `runAs` and lets it reach `dir` through its parent (adds only traverse bits). */
async function shareWith(runAs: RunAs, dir: string): Promise<void> {
  await chown(dir, runAs.uid, runAs.gid);
  const parent = dirname(dir);
  const mode = (await stat(parent)).mode & 0o7777;
  if ((mode & 0o011) !== 0o011) await chmod(parent, mode | 0o011);
}

async function runToCompletion(child: ServerProcess, timeoutMs: number): Promise<void> {
  const timedOut = sleep(timeoutMs, 'timeout' as const, { ref: false });
  if ((await Promise.race([child.exited, timedOut])) === 'timeout') {
    await child.stop('SIGKILL');
    throw new Error(
      `${child.name} did not finish within ${timeoutMs} ms.${await logTail(child.logPath)}`,
    );
  }
  const status = child.exitStatus();
  if (status !== 'exited with code 0') {
    throw new Error(`${child.name} ${status ?? 'ended'}.${await logTail(child.logPath)}`);
  }
}

/** A fresh cluster (initdb) in `dir`, served on 127.0.0.1 only, user `postgres`, no password. */
export async function startPostgres(
  binaries: PostgresBinaries,
  options: StartServerOptions,
): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const runAs = await postgresRunAs();
  await mkdir(options.dir, { recursive: true });
  if (runAs !== undefined) await shareWith(runAs, options.dir);
  const dataDir = join(options.dir, 'data');
  const logPath = join(options.dir, 'postgres.log');

  // A data folder a previous start left (a restart in a fault test) is served as it is.
  const initialised = await stat(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!initialised) await initialise();
  async function initialise() {
    const initdb = launch(
      'initdb',
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=trust',
        '--username=postgres',
        '--encoding=UTF8',
        // C.UTF-8 (built into glibc) keeps sorting deterministic while lower()/ILIKE still know
        // non-ASCII letters ("Amélie").
        '--locale=C.UTF-8',
        // Throwaway cluster: skip fsync, here and in the server settings below.
        '--no-sync',
        '--no-instructions',
      ],
      { cwd: options.dir, logPath, runAs },
    );
    await runToCompletion(initdb, timeoutMs);
  }

  const server = launch(
    'postgres',
    binaries.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file whose path could exceed the 107-byte limit or clash.
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      // e2e runs hold pools from the router and five subgraphs at once.
      '-c',
      'max_connections=200',
    ],
    { cwd: options.dir, logPath, runAs },
  );
  const url = `postgresql://postgres@127.0.0.1:${options.port}/postgres`;
  // SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients a test left open instead of
  // waiting for them as SIGTERM ("smart") would.
  const stop = () => server.stop('SIGINT');
  try {
    await waitUntilReady(server, () => probePostgres(url), timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

// ---------------------------------------------------------------------------------------------
// Redis

/**
 * An in-memory Redis (no RDB snapshots, no AOF) on 127.0.0.1; with `persistent`, an append-only
 * file in `dir`, written on every command, so a restart on the same `dir` keeps the data (as the
 * compose deployment's Redis does).
 */
export async function startRedis(
  redisServer: string,
  options: StartServerOptions & { persistent?: boolean },
): Promise<RunningServer> {
  await mkdir(options.dir, { recursive: true });
  const server = launch(
    'redis-server',
    redisServer,
    [
      '--port',
      String(options.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      options.persistent === true ? 'yes' : 'no',
      ...(options.persistent === true ? ['--appendfsync', 'always'] : []),
      '--dir',
      options.dir,
      '--loglevel',
      'warning',
    ],
    { cwd: options.dir, logPath: join(options.dir, 'redis.log'), runAs: undefined },
  );
  const url = `redis://127.0.0.1:${options.port}`;
  const stop = () => server.stop('SIGTERM');
  try {
    await waitUntilReady(
      server,
      () => probeRedis(url),
      options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

// ---------------------------------------------------------------------------------------------
// FerretDB

/** FerretDB on its SQLite backend, so the Mongo tier needs no second PostgreSQL. */
export async function startFerretDb(
  ferretdb: string,
  options: StartServerOptions,
): Promise<RunningServer> {
  const dataDir = join(options.dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const server = launch(
    'ferretdb',
    ferretdb,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${options.port}`,
      `--state-dir=${options.dir}`,
      '--telemetry=disable',
      // The debug HTTP listener defaults to the fixed port 8088, which parallel runs would fight over.
      '--debug-addr=-',
      '--log-level=warn',
    ],
    { cwd: options.dir, logPath: join(options.dir, 'ferretdb.log'), runAs: undefined },
  );
  const url = `mongodb://127.0.0.1:${options.port}/`;
  const stop = () => server.stop('SIGTERM');
  try {
    await waitUntilReady(
      server,
      () => probeMongo(url),
      options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
