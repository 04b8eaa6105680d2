/* eslint-disable @typescript-eslint/require-await --
   The interface is asynchronous; the in-memory implementation is not. */
import type { Redis } from 'ioredis';

/**
 * Entities fetched from their subgraphs, shared by every router replica: one hash per entity
 * (`<subgraph>:<type>:<id>`) whose fields are the answers to the different selections asked of
 * it, so invalidating an entity drops every selection of it at once.
 *
 * Reads and writes race with invalidations: a fetch that began before an entity changed may
 * answer with the old state after the invalidation. So a read returns a stamp (the store's clock,
 * taken before the fetch its misses lead to), and a write of what that fetch returned is dropped
 * for every entity invalidated, or the whole store cleared, at or after the stamp.
 */
export interface EntityStore {
  /** The values (undefined where missing) and the stamp: the store's clock in microseconds. */
  read(
    lookups: readonly EntityLookup[],
  ): Promise<{ values: (string | undefined)[]; stamp: number }>;
  /** Stores each value under its entity and field, unless invalidated since `stamp`. */
  write(entries: readonly EntityEntry[], stamp: number): Promise<void>;
  /** Drops every field of these entities. */
  invalidate(entities: readonly string[]): Promise<void>;
  /** Drops every entity. */
  clear(): Promise<void>;
}

export interface EntityLookup {
  entity: string;
  field: string;
}

export interface EntityEntry extends EntityLookup {
  value: string;
}

export interface EntityStoreOptions {
  /**
   * Longest an entity's hash (and an invalidation's mark) is kept, in seconds: values carry their
   * own, possibly shorter, expiry, which the caller checks against the read's stamp.
   */
  ttlSeconds: number;
}

/** Not a selection's field: the time the entity was last invalidated, in the store's clock. */
const INVALIDATED = '~invalidated';

// Microseconds: a read right after an invalidation must get a later stamp. Formatted with %d,
// since Lua prints a number this large in exponent notation.
const NOW = `local t = redis.call('TIME') local now = string.format('%d', tonumber(t[1]) * 1000000 + tonumber(t[2]))`;

// KEYS: the store's cleared mark, then one entity key per entry. ARGV: stamp, ttl, then a field
// and a value per entry.
const WRITE = `
local stamp = tonumber(ARGV[1])
local cleared = tonumber(redis.call('GET', KEYS[1]) or '-1')
if cleared >= stamp then return 0 end
for i = 2, #KEYS do
  local invalidated = tonumber(redis.call('HGET', KEYS[i], '${INVALIDATED}') or '-1')
  if invalidated < stamp then
    redis.call('HSET', KEYS[i], ARGV[i * 2 - 1], ARGV[i * 2])
    redis.call('EXPIRE', KEYS[i], ARGV[2], 'NX')
  end
end
return 1`;

// KEYS: entity keys. ARGV: ttl.
const INVALIDATE = `${NOW}
for i = 1, #KEYS do
  redis.call('DEL', KEYS[i])
  redis.call('HSET', KEYS[i], '${INVALIDATED}', now)
  redis.call('EXPIRE', KEYS[i], ARGV[1])
end
return now`;

// KEYS: the cleared mark. ARGV: ttl.
const MARK_CLEARED = `${NOW}
redis.call('SET', KEYS[1], now, 'EX', ARGV[1])
return now`;

/** Redis hashes under `prefix`, which only this store may use (clear() drops everything under it). */
export function createRedisEntityStore(
  options: EntityStoreOptions & { redis: Redis; prefix: string },
): EntityStore {
  const { redis, prefix, ttlSeconds } = options;
  if (prefix.trim() === '')
    throw new TypeError('createRedisEntityStore: a non-empty prefix is required');
  // Not an entity key: entity keys always hold two colons.
  const clearedKey = `${prefix}~cleared`;
  const ttl = String(ttlSeconds);
  return {
    async read(lookups) {
      const pipeline = redis.pipeline().time();
      for (const { entity, field } of lookups) pipeline.hget(prefix + entity, field);
      const results = (await pipeline.exec()) ?? [];
      const values = results.map(([error, value]) => {
        if (error !== null) throw error;
        return value;
      });
      const [seconds, micros] = values[0] as [string, string];
      return {
        values: values.slice(1).map((value) => (typeof value === 'string' ? value : undefined)),
        stamp: Number(seconds) * 1_000_000 + Number(micros),
      };
    },
    async write(entries, stamp) {
      if (entries.length === 0) return;
      await redis.eval(
        WRITE,
        entries.length + 1,
        clearedKey,
        ...entries.map((entry) => prefix + entry.entity),
        String(stamp),
        ttl,
        ...entries.flatMap((entry) => [entry.field, entry.value]),
      );
    },
    async invalidate(entities) {
      if (entities.length === 0) return;
      await redis.eval(
        INVALIDATE,
        entities.length,
        ...entities.map((entity) => prefix + entity),
        ttl,
      );
    },
    async clear() {
      // Marked first: a fetch that began before the mark cannot write what it read afterwards.
      await redis.eval(MARK_CLEARED, 1, clearedKey, ttl);
      // SCAN walks the keyspace in steps, so a large cache never blocks Redis.
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.unlink(...keys);
      } while (cursor !== '0');
    },
  };
}

/**
 * In process (the embedded default, unit tests): the same contract on a map of at most
 * `maxEntities` entities, the oldest written dropped first.
 */
export function createMemoryEntityStore(
  options: EntityStoreOptions & { maxEntities?: number; now?: () => number },
): EntityStore {
  const { maxEntities = 10_000, now = Date.now } = options;
  const ttl = options.ttlSeconds * 1_000_000;
  // Everything in microseconds, as the Redis store's stamps are.
  const entities = new Map<string, { fields: Map<string, string>; expiresAt: number }>();
  const invalidated = new Map<string, number>();
  let cleared = -1;
  // Strictly increasing, so a read after an invalidation never shares its stamp.
  let last = -1;
  const tick = () => (last = Math.max(last + 1, now() * 1000));
  const live = (entity: string, at: number) => {
    const held = entities.get(entity);
    if (held === undefined || held.expiresAt > at) return held;
    entities.delete(entity);
    return undefined;
  };
  return {
    async read(lookups) {
      const stamp = tick();
      return {
        values: lookups.map(({ entity, field }) => live(entity, stamp)?.fields.get(field)),
        stamp,
      };
    },
    async write(entries, stamp) {
      if (cleared >= stamp) return;
      const at = tick();
      for (const { entity, field, value } of entries) {
        if ((invalidated.get(entity) ?? -1) >= stamp) continue;
        let held = live(entity, at);
        if (held === undefined) {
          if (entities.size >= maxEntities) {
            const oldest = entities.keys().next().value;
            if (oldest !== undefined) entities.delete(oldest);
          }
          held = { fields: new Map(), expiresAt: at + ttl };
          entities.set(entity, held);
        }
        held.fields.set(field, value);
      }
    },
    async invalidate(keys) {
      const at = tick();
      for (const entity of keys) {
        entities.delete(entity);
        // Re-inserted, so the marks stay in time order and the oldest go first.
        invalidated.delete(entity);
        invalidated.set(entity, at);
      }
      // A mark matters only while a fetch that began before it can still write.
      for (const [entity, mark] of invalidated) {
        if (mark > at - ttl) break;
        invalidated.delete(entity);
      }
    },
    async clear() {
      cleared = tick();
      entities.clear();
      invalidated.clear();
    },
  };
}
