// The cache: values shared by every replica for a while, safe to lose.
export type { Cache } from './cache.ts';
export { cacheKey } from './cache.ts';
export { createRedisCache } from './redisCache.ts';
export type { RedisCacheOptions } from './redisCache.ts';
export { createMemoryCache } from './memoryCache.ts';
export type { MemoryCacheOptions } from './memoryCache.ts';
export { createMemoryEntityStore, createRedisEntityStore } from './entityStore.ts';
export type { EntityEntry, EntityLookup, EntityStore, EntityStoreOptions } from './entityStore.ts';
export { createMemoryRevocationStore, createRedisRevocationStore } from './revocations.ts';
export type { RevocationStore } from './revocations.ts';

// Coordination between replicas: locks and claims, counted slots, rate limits.
export { createMemoryLockStore, createRedisLockStore } from './coordination/locks.ts';
export type {
  LockStore,
  MemoryLockStoreOptions,
  RedisLockStoreOptions,
} from './coordination/locks.ts';
export { createMemoryRateLimiter, createRedisRateLimiter } from './coordination/rateLimiter.ts';
export type { RateLimitDecision, RateLimiter } from './coordination/rateLimiter.ts';
export { createMemorySlotStore, createRedisSlotStore } from './coordination/slots.ts';
export type { SlotStore } from './coordination/slots.ts';

export { createRedisClient, pingRedis } from './redisClient.ts';
export type { RedisClientOptions } from './redisClient.ts';
