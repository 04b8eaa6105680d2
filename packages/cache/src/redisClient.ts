import { Redis } from 'ioredis';

export interface RedisClientOptions {
  /** Longest one command may take, queued or sent (ioredis `commandTimeout`). */
  commandTimeoutMs: number;
  /**
   * `commands` (the default): ordinary commands that must never wait on an outage. `subscriber`:
   * a connection in subscribe mode, whose SUBSCRIBEs wait for Redis and are renewed on reconnect.
   * `blocking`: a connection of its own for blocking reads (XREADGROUP BLOCK), which outlast any
   * command timeout by design.
   */
  role?: 'commands' | 'subscriber' | 'blocking';
}

// Reconnect soon after Redis returns: at most this long between attempts (ioredis' default
// backoff grows to 2 s).
const MAX_RECONNECT_DELAY_MS = 500;

/**
 * A Redis client that fails fast during an outage instead of queueing: each command has a
 * deadline, is not retried across reconnects, and — once the first connection is up — is
 * refused at once while Redis is unreachable ("Stream isn't writeable…"), which callers turn
 * into fail-open or UPSTREAM_UNAVAILABLE as their use requires. ioredis' defaults would queue
 * every command for as long as Redis is away (20 retries per request, then hang on the offline
 * queue), so one outage stalled every request that touched Redis.
 */
export function createRedisClient(url: string, options: RedisClientOptions): Redis {
  const role = options.role ?? 'commands';
  const base = {
    lazyConnect: false,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  };
  if (role === 'subscriber') return new Redis(url, base);
  const redis = new Redis(url, {
    ...base,
    maxRetriesPerRequest: 0,
    // Queue only until the first connection is ready, so commands sent while the process starts
    // wait for it rather than failing; the `ready` handler below turns the queue off after that.
    enableOfflineQueue: true,
    ...(role === 'commands' ? { commandTimeout: options.commandTimeoutMs } : {}),
  });
  redis.once('ready', () => {
    // ioredis reads this option on every command, so turning it off here takes effect at once.
    redis.options.enableOfflineQueue = false;
  });
  return redis;
}

/** PING with a deadline, for health checks. */
export async function pingRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') throw new Error(`Redis connection is ${redis.status}`);
  await redis.ping();
}
