import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DisposalStack, createTestRedisPrefix } from '@marquee/testing';
import {
  createRedisLockStore,
  createRedisRateLimiter,
  createRedisRevocationStore,
  createRedisSlotStore,
} from '../src/index.ts';
import {
  describeLockStoreContract,
  describeRateLimiterContract,
  describeRevocationContract,
  describeSlotStoreContract,
} from './limitsContract.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
const redis = stack.adopt(new Redis(inject('testRedisUrl')), (client) => client.quit());
const prefix = createTestRedisPrefix();

describeRateLimiterContract('Redis rate limiter', () =>
  createRedisRateLimiter({ redis, prefix: `${prefix}rl:` }),
);
describeRevocationContract('Redis revocation store', () =>
  createRedisRevocationStore({ redis, prefix: `${prefix}revoked:` }),
);
describeSlotStoreContract('Redis slot store', () =>
  createRedisSlotStore({ redis, prefix: `${prefix}slots:`, leaseSeconds: 1 }),
);
describeLockStoreContract('Redis lock store', () =>
  createRedisLockStore({ redis, prefix: `${prefix}lock:` }),
);

describe('Redis rate limiter', () => {
  it('counts under the prefixed key with the window as its expiry', async () => {
    const limiter = createRedisRateLimiter({ redis, prefix: `${prefix}raw:` });
    await limiter.hit('user:1', 5, 30);
    await expect(redis.get(`${prefix}raw:user:1`)).resolves.toBe('1');
    const ttl = await redis.pttl(`${prefix}raw:user:1`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });
});
