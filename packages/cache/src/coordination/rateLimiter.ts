/* eslint-disable @typescript-eslint/require-await --
   The interface is asynchronous; the in-memory implementation is not. */
import type { Redis } from 'ioredis';

export interface RateLimitDecision {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  /** Whole seconds until the window resets (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters: the first hit on a key opens a window of `windowSeconds`; hits beyond
 * `limit` inside it are refused until it ends. Redis makes the counters shared by every replica;
 * the in-memory limiter serves the single-process embedded mode. `weight` counts several hits at
 * once (one request that signs up five accounts is five sign-ups).
 */
export interface RateLimiter {
  hit(
    key: string,
    limit: number,
    windowSeconds: number,
    weight?: number,
  ): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

const decide = (count: number, limit: number, remainingMs: number): RateLimitDecision => ({
  allowed: count <= limit,
  count,
  retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)),
});

function assertWindow(limit: number, windowSeconds: number, weight: number): void {
  if (
    !Number.isInteger(limit) ||
    limit < 1 ||
    !Number.isInteger(windowSeconds) ||
    windowSeconds < 1
  ) {
    throw new RangeError('Rate limits need a whole limit >= 1 and a whole window >= 1 s.');
  }
  if (!Number.isInteger(weight) || weight < 1)
    throw new RangeError('A rate-limit hit weighs a whole number >= 1.');
}

// INCR and PEXPIRE in one script, so a crash between them can never leave a counter without
// an expiry (which would block the key forever).
const HIT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

export function createRedisRateLimiter(options: { redis: Redis; prefix: string }): RateLimiter {
  const { redis, prefix } = options;
  if (prefix.trim() === '')
    throw new TypeError('createRedisRateLimiter: a non-empty prefix is required');
  return {
    async hit(key, limit, windowSeconds, weight = 1) {
      assertWindow(limit, windowSeconds, weight);
      const [count, ttl] = (await redis.eval(
        HIT_SCRIPT,
        1,
        prefix + key,
        windowSeconds * 1000,
        weight,
      )) as [number, number];
      return decide(count, limit, ttl);
    },
    close: () => Promise.resolve(),
  };
}

export function createMemoryRateLimiter(
  options: { now?: () => number; maxKeys?: number } = {},
): RateLimiter {
  const { now = Date.now, maxKeys = 100_000 } = options;
  const windows = new Map<string, { count: number; resetAt: number }>();
  const prune = (at: number) => {
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
  };
  return {
    async hit(key, limit, windowSeconds, weight = 1) {
      assertWindow(limit, windowSeconds, weight);
      const at = now();
      let window = windows.get(key);
      if (window === undefined || window.resetAt <= at) {
        if (windows.size >= maxKeys) prune(at);
        window = { count: 0, resetAt: at + windowSeconds * 1000 };
        windows.set(key, window);
      }
      window.count += weight;
      return decide(window.count, limit, window.resetAt - at);
    },
    async close() {
      windows.clear();
    },
  };
}
