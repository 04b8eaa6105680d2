import type { Env } from '@marquee/env';
import { UserError } from '@marquee/errors/user';

/**
 * Checks that run before a command opens anything, so that a wrong setting stops it within
 * seconds with one line naming the setting, instead of a driver's stack trace, retries for
 * minutes, or a service that starts and fails every request.
 */

/**
 * How long a check waits for a server: a closed port refuses at once; this bounds a host that
 * drops packets. The clients the services then open keep their own, longer timeouts.
 */
const CONNECT_TIMEOUT_MS = 3_000;

export type BackendSetting = 'DATABASE_URL' | 'MONGO_URL' | 'REDIS_URL';

const backends: Record<
  BackendSetting,
  { name: string; unset: string; ping: (url: string) => Promise<void> }
> = {
  DATABASE_URL: {
    name: 'PostgreSQL',
    unset: 'unset it for the embedded database',
    ping: pingPostgres,
  },
  MONGO_URL: {
    name: 'MongoDB',
    unset: 'unset it to keep documents in PostgreSQL',
    ping: pingMongo,
  },
  REDIS_URL: {
    name: 'Redis',
    unset: 'unset it for in-process pub/sub and cache (one process only)',
    ping: pingRedis,
  },
};

/** URLs already reached by this process: a command that checks early and then opens its stores checks once. */
const reached = new Set<string>();

/** Connects to each server the environment names (all three unless `settings` narrows it); one line for all that fail. */
export async function checkBackends(
  env: Pick<Env, BackendSetting>,
  settings: readonly BackendSetting[] = ['DATABASE_URL', 'MONGO_URL', 'REDIS_URL'],
): Promise<void> {
  const failures = await Promise.all(
    settings.map(async (setting) => {
      const url = env[setting];
      if (url === undefined || reached.has(url)) return undefined;
      const backend = backends[setting];
      try {
        await backend.ping(url);
        reached.add(url);
        return undefined;
      } catch (error) {
        return `cannot reach ${backend.name} at ${setting}=${redactUrl(url)}: ${connectProblem(error)} (start it, fix ${setting}, or ${backend.unset})`;
      }
    }),
  );
  const messages = failures.filter((message) => message !== undefined);
  if (messages.length > 0) throw new UserError(messages.join('; '));
}

// Each driver is loaded only when its variable is set: a check costs nothing for what is unused.

async function pingPostgres(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection that fails after connecting emits 'error'; unhandled, it would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pingMongo(url: string): Promise<void> {
  const { pingMongo: ping } = await import('@marquee/documents');
  await ping(url, CONNECT_TIMEOUT_MS);
}

async function pingRedis(url: string): Promise<void> {
  const { Redis } = await import('ioredis');
  // One attempt, no offline queue: the first connection error is the answer.
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  let lastError: unknown;
  client.on('error', (error: unknown) => (lastError = error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    // ioredis reports a refused connection as "Connection is closed."; the cause came as an event.
    throw lastError ?? error;
  } finally {
    client.disconnect();
  }
}

/** The reason a connection failed, in a few words. */
function connectProblem(error: unknown): string {
  const { code, message } =
    error instanceof Error
      ? (error as NodeJS.ErrnoException)
      : { code: undefined, message: String(error) };
  const text = `${code ?? ''} ${message}`;
  if (text.includes('ECONNREFUSED')) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'host not found';
  if (/EHOSTUNREACH|ENETUNREACH/.test(text)) return 'host unreachable';
  if (/ETIMEDOUT|timeout|timed out/i.test(text))
    return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  return message.split('\n')[0] ?? message;
}

/** A connection URL without its password, to show in messages and logs. */
export function redactUrl(url: string): string {
  const hidden = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1@');
  return hidden === url ? url : `${hidden} (password hidden)`;
}
