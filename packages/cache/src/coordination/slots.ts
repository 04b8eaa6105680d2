/* eslint-disable @typescript-eslint/require-await --
   The interface is asynchronous; the in-memory implementation is not. */
import type { Redis } from 'ioredis';

/**
 * Counted slots under a key, shared by every replica: the router's per-user subscription cap. A
 * slot is a lease of `leaseSeconds` that its holder renews while it lives, so slots held by a
 * process that died without releasing them free themselves when their leases run out. Redis makes
 * the slots shared; the in-memory store serves the single-process embedded mode.
 */
export interface SlotStore {
  /** Takes a slot under `key` for `holder` unless `limit` are held; true when taken (or already held by `holder`). */
  claim(key: string, holder: string, limit: number): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
  /** Renews the leases of slots still held. */
  renew(slots: readonly { key: string; holder: string }[]): Promise<void>;
  /** The lease: a holder renews well within it (a third is the usual rhythm). */
  readonly leaseSeconds: number;
  close(): Promise<void>;
}

function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError('A slot limit must be a whole number >= 1.');
}

// Redis's own clock, so replicas with skewed clocks agree on which leases ran out.
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// KEYS[1] the slots; ARGV: limit, holder, lease ms.
const CLAIM_SCRIPT = `${NOW}
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + lease, ARGV[2])
redis.call('PEXPIRE', KEYS[1], lease)
return 1
`;

// KEYS[1] the slots; ARGV: lease ms, then holders. Only slots still there are renewed.
const RENEW_SCRIPT = `${NOW}
local lease = tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[i]) end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], lease) end
return 1
`;

export function createRedisSlotStore(options: {
  redis: Redis;
  prefix: string;
  leaseSeconds?: number;
}): SlotStore {
  const { redis, prefix, leaseSeconds = 60 } = options;
  if (prefix.trim() === '')
    throw new TypeError('createRedisSlotStore: a non-empty prefix is required');
  const leaseMs = leaseSeconds * 1000;
  return {
    leaseSeconds,
    async claim(key, holder, limit) {
      assertLimit(limit);
      return (await redis.eval(CLAIM_SCRIPT, 1, prefix + key, limit, holder, leaseMs)) === 1;
    },
    async release(key, holder) {
      await redis.zrem(prefix + key, holder);
    },
    async renew(slots) {
      const byKey = new Map<string, string[]>();
      for (const { key, holder } of slots) byKey.set(key, [...(byKey.get(key) ?? []), holder]);
      if (byKey.size === 0) return;
      const pipeline = redis.pipeline();
      for (const [key, holders] of byKey)
        pipeline.eval(RENEW_SCRIPT, 1, prefix + key, leaseMs, ...holders);
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed?.[0] != null) throw failed[0];
    },
    close: () => Promise.resolve(),
  };
}

export function createMemorySlotStore(
  options: { now?: () => number; leaseSeconds?: number } = {},
): SlotStore {
  const { now = Date.now, leaseSeconds = 60 } = options;
  const leaseMs = leaseSeconds * 1000;
  /** key → holder → lease end (ms). */
  const slots = new Map<string, Map<string, number>>();
  const live = (key: string, at: number) => {
    const held = slots.get(key);
    if (held === undefined) return undefined;
    for (const [holder, until] of held) if (until <= at) held.delete(holder);
    if (held.size === 0) slots.delete(key);
    return held.size === 0 ? undefined : held;
  };
  return {
    leaseSeconds,
    async claim(key, holder, limit) {
      assertLimit(limit);
      const at = now();
      const held = live(key, at) ?? new Map<string, number>();
      if (!held.has(holder) && held.size >= limit) return false;
      held.set(holder, at + leaseMs);
      slots.set(key, held);
      return true;
    },
    async release(key, holder) {
      const held = slots.get(key);
      held?.delete(holder);
      if (held?.size === 0) slots.delete(key);
    },
    async renew(renewed) {
      const at = now();
      for (const { key, holder } of renewed) {
        const held = live(key, at);
        if (held?.has(holder) === true) held.set(holder, at + leaseMs);
      }
    },
    async close() {
      slots.clear();
    },
  };
}
