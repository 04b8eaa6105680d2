export type { Cache } from './cache.ts';
export { cacheKey } from './cache.ts';
export { createRedisCache } from './redisCache.ts';
export type { RedisCacheOptions } from './redisCache.ts';
export { createMemoryCache } from './memoryCache.ts';
export type { MemoryCacheOptions } from './memoryCache.ts';
