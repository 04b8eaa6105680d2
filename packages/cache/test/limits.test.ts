import { describe, expect, it } from 'vitest';
import {
  createMemoryLockStore,
  createMemoryRateLimiter,
  createMemoryRevocationStore,
  createMemorySlotStore,
} from '../src/index.ts';
import {
  describeLockStoreContract,
  describeRateLimiterContract,
  describeRevocationContract,
  describeSlotStoreContract,
} from './limitsContract.ts';

describeRateLimiterContract('in-memory rate limiter', () => createMemoryRateLimiter());
describeRevocationContract('in-memory revocation store', () => createMemoryRevocationStore());
describeSlotStoreContract('in-memory slot store', () => createMemorySlotStore({ leaseSeconds: 1 }));
describeLockStoreContract('in-memory lock store', () => createMemoryLockStore());

describe('in-memory rate limiter', () => {
  it('reports the seconds left in the window as the retry hint', async () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter({ now: () => now });
    await limiter.hit('k', 1, 60);
    now += 15_500;
    await expect(limiter.hit('k', 1, 60)).resolves.toEqual({
      allowed: false,
      count: 2,
      retryAfterSeconds: 45,
    });
  });

  it('drops expired windows when it reaches its key limit', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ now: () => now, maxKeys: 2 });
    await limiter.hit('a', 1, 1);
    await limiter.hit('b', 1, 1);
    now += 2000;
    await expect(limiter.hit('c', 1, 1)).resolves.toMatchObject({ allowed: true });
    await expect(limiter.hit('a', 1, 1)).resolves.toMatchObject({ allowed: true, count: 1 });
  });
});
