import type { PersistedQueryOptions } from '@apollo/server';
import type { Cache } from '@marquee/cache';

/** How long a registered query stays when Apollo Server gives no TTL: a day of reuse, then a re-send. */
export const APQ_TTL_SECONDS = 86_400;

/**
 * Apollo Server's automatic persisted queries on Marquee's shared cache: Redis in services mode,
 * so a query registered at one router is found by every other; in process in the embedded default.
 */
export function apqCache(cache: Cache): NonNullable<PersistedQueryOptions['cache']> {
  return {
    get: (key) => cache.get<string>(key),
    set: (key, value, options) =>
      cache.set(key, value, Math.max(1, Math.ceil(options?.ttl ?? APQ_TTL_SECONDS))),
    delete: async (key) => {
      await cache.delete(key);
      return true;
    },
  };
}
