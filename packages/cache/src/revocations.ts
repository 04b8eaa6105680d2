/* eslint-disable @typescript-eslint/require-await --
   The interface is asynchronous; the in-memory implementation is not. */
import type { Redis } from 'ioredis';

/**
 * Revoked access tokens by id (`jti`), each kept until the token would have expired anyway, so
 * the set never outgrows the tokens still in circulation. The router asks on every request.
 *
 * This is the fast tier: the users subgraph keeps the durable record in PostgreSQL and loads it
 * into this store when the store says it has not been loaded (a fresh process, a Redis that lost
 * its data), so a revocation outlives restarts of either.
 */
export interface RevocationStore {
  /** `expiresAt` is the token's expiry in Unix seconds. */
  revoke(tokenId: string, expiresAt: number): Promise<void>;
  isRevoked(tokenId: string): Promise<boolean>;
  /** Whether the durable record has been loaded into this store since it was last emptied. */
  isLoaded(): Promise<boolean>;
  markLoaded(): Promise<void>;
  close(): Promise<void>;
}

const secondsLeft = (expiresAt: number, nowMs: number) => Math.ceil(expiresAt - nowMs / 1000);

export function createRedisRevocationStore(options: {
  redis: Redis;
  prefix: string;
  now?: () => number;
}): RevocationStore {
  const { redis, prefix, now = Date.now } = options;
  if (prefix.trim() === '')
    throw new TypeError('createRedisRevocationStore: a non-empty prefix is required');
  // Not a token id (those are UUIDs); gone with everything else when Redis loses its data.
  const loadedKey = `${prefix}*loaded`;
  return {
    async revoke(tokenId, expiresAt) {
      const ttl = secondsLeft(expiresAt, now());
      if (ttl > 0) await redis.set(prefix + tokenId, '1', 'EX', ttl);
    },
    async isRevoked(tokenId) {
      return (await redis.exists(prefix + tokenId)) === 1;
    },
    async isLoaded() {
      return (await redis.exists(loadedKey)) === 1;
    },
    async markLoaded() {
      await redis.set(loadedKey, '1');
    },
    close: () => Promise.resolve(),
  };
}

export function createMemoryRevocationStore(options: { now?: () => number } = {}): RevocationStore {
  const { now = Date.now } = options;
  const revoked = new Map<string, number>();
  let loaded = false;
  return {
    async revoke(tokenId, expiresAt) {
      const at = now();
      for (const [id, until] of revoked) if (until * 1000 <= at) revoked.delete(id);
      if (secondsLeft(expiresAt, at) > 0) revoked.set(tokenId, expiresAt);
    },
    async isRevoked(tokenId) {
      const until = revoked.get(tokenId);
      return until !== undefined && until * 1000 > now();
    },
    async isLoaded() {
      return loaded;
    },
    async markLoaded() {
      loaded = true;
    },
    async close() {
      revoked.clear();
    },
  };
}
