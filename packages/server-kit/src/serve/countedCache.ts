import type { Cache } from '@marquee/cache';
import { childCache, metrics } from '@marquee/telemetry';

const requests = childCache(metrics().cacheRequests);

/**
 * Counts the shared cache's reads as hits and misses (`marquee_cache_requests_total`). Every key
 * is `<service>:<entity>:<id>` (`cacheKey`), so the key names the service and the cache; the
 * counter children are made once per pair.
 */
export function countedCache(cache: Cache): Cache {
  const count = (key: string, hit: boolean) => {
    const [service = 'other', entity = 'other'] = key.split(':', 2);
    const result = hit ? 'hit' : 'miss';
    requests(`${service}\u0000${entity}\u0000${result}`, { service, cache: entity, result }).inc();
  };
  return {
    async get<T>(key: string) {
      const value = await cache.get<T>(key);
      count(key, value !== undefined);
      return value;
    },
    async getMany<T>(keys: readonly string[]) {
      const values = await cache.getMany<T>(keys);
      keys.forEach((key, index) => count(key, values[index] !== undefined));
      return values;
    },
    set: (key, value, ttlSeconds) => cache.set(key, value, ttlSeconds),
    delete: (...keys) => cache.delete(...keys),
    close: () => cache.close(),
  };
}
