import type { Redis } from 'ioredis';
import { assertTtl, closedError, deserialize, serialize, type Cache } from './cache.ts';

export interface RedisCacheOptions {
  /** Created once per process and passed in, so connections do not multiply per cache; may be shared with other users. */
  redis: Redis;
  /** Prepended to every key, e.g. `marquee:`. Required so two deployments sharing a Redis cannot
   * read each other's entries. */
  prefix: string;
  /** `close()` quits `redis` only when the cache owns it. Default false. */
  ownsConnection?: boolean;
}

export function createRedisCache(options: RedisCacheOptions): Cache {
  const { redis, prefix, ownsConnection = false } = options;
  if (typeof prefix !== 'string' || prefix.trim() === '') {
    throw new TypeError('createRedisCache: a non-empty prefix is required');
  }
  let closed = false;
  const assertOpen = () => {
    if (closed) throw closedError();
  };

  return {
    async get<T>(key: string) {
      assertOpen();
      return deserialize<T>(await redis.get(prefix + key));
    },

    async getMany<T>(keys: readonly string[]) {
      assertOpen();
      // MGET with no keys is a Redis error, and there is nothing to fetch.
      if (keys.length === 0) return [];
      const values = await redis.mget(keys.map((key) => prefix + key));
      return keys.map((_, index) => deserialize<T>(values[index]));
    },

    async set<T>(key: string, value: T, ttlSeconds: number) {
      assertOpen();
      assertTtl(ttlSeconds);
      await redis.set(prefix + key, serialize(key, value), 'EX', ttlSeconds);
    },

    async delete(...keys: string[]) {
      assertOpen();
      if (keys.length === 0) return;
      await redis.del(keys.map((key) => prefix + key));
    },

    async close() {
      if (closed) return;
      closed = true;
      if (ownsConnection) await redis.quit();
    },
  };
}
