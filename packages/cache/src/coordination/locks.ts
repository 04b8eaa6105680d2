/* eslint-disable @typescript-eslint/require-await --
   The interface is asynchronous; the in-memory implementation is not. */
import type { Redis } from 'ioredis';
import { assertTtl, closedError } from '../cache.ts';

/**
 * Keys held for a while by one holder among every replica: a claim on one-time work (handling an
 * event: the first to lock its key does it, and never unlocks) or a short mutual exclusion
 * (unlocked when done). A lock lapses after its TTL, so a holder that died frees it. Redis makes
 * the locks shared; the in-memory store serves the single-process embedded mode.
 */
export interface LockStore {
  /** Takes `key` for `ttlSeconds` unless it is held, atomically (one winner among replicas); true when this call took it. */
  lock(key: string, ttlSeconds: number): Promise<boolean>;
  /** Frees `key`, whoever holds it; a key nobody holds is ignored. */
  unlock(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface RedisLockStoreOptions {
  /** Created once per process and passed in; may be shared with other users. */
  redis: Redis;
  /** Prepended to every key, so two deployments sharing a Redis cannot take each other's locks. */
  prefix: string;
}

export function createRedisLockStore({ redis, prefix }: RedisLockStoreOptions): LockStore {
  if (prefix.trim() === '')
    throw new TypeError('createRedisLockStore: a non-empty prefix is required');
  let closed = false;
  const assertOpen = () => {
    if (closed) throw closedError();
  };
  return {
    async lock(key, ttlSeconds) {
      assertOpen();
      assertTtl(ttlSeconds);
      return (await redis.set(prefix + key, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async unlock(key) {
      assertOpen();
      await redis.del(prefix + key);
    },
    async close() {
      closed = true;
    },
  };
}

export interface MemoryLockStoreOptions {
  /** The oldest locks are dropped beyond this many (bounds memory). Default 10 000. */
  maxEntries?: number;
  /** Clock in milliseconds; tests may pass a fake one. Default `Date.now`. */
  now?: () => number;
}

export function createMemoryLockStore(options: MemoryLockStoreOptions = {}): LockStore {
  const { maxEntries = 10_000, now = Date.now } = options;
  /** key → when the lock lapses (ms); a `Map` keeps insertion order, so its first key is the oldest. */
  const locks = new Map<string, number>();
  let closed = false;
  const assertOpen = () => {
    if (closed) throw closedError();
  };
  return {
    async lock(key, ttlSeconds) {
      assertOpen();
      assertTtl(ttlSeconds);
      const until = locks.get(key);
      if (until !== undefined && until > now()) return false;
      locks.delete(key);
      locks.set(key, now() + ttlSeconds * 1000);
      while (locks.size > maxEntries) {
        const oldest = locks.keys().next();
        if (oldest.done === true) break;
        locks.delete(oldest.value);
      }
      return true;
    },
    async unlock(key) {
      assertOpen();
      locks.delete(key);
    },
    async close() {
      closed = true;
      locks.clear();
    },
  };
}
