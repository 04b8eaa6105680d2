import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DisposalStack, createTestRedisPrefix } from '@marquee/testing';
import {
  createMemoryTrainingLock,
  createRedisTrainingLock,
  type TrainingLock,
} from '../src/training/index.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
const redis = stack.adopt(new Redis(inject('testRedisUrl')), (client) => client.quit());

// One contract, both implementations: what scheduled training relies on.
function describeTrainingLockContract(name: string, create: () => TrainingLock) {
  describe(name, () => {
    it('lets one holder in at a time and hands out growing fencing tokens', async () => {
      const lock = create();
      const first = await lock.acquire(10_000);
      expect(first).toBeTypeOf('number');
      expect(await lock.acquire(10_000)).toBeUndefined();
      expect(await lock.release(first ?? 0)).toBe(true);
      const second = await lock.acquire(10_000);
      expect(second).toBeGreaterThan(first ?? Infinity);
      expect(await lock.release(second ?? 0)).toBe(true);
    });

    it('is released only by the token that holds it', async () => {
      const lock = create();
      const token = await lock.acquire(10_000);
      expect(await lock.release((token ?? 0) + 1_000)).toBe(false);
      expect(await lock.acquire(10_000)).toBeUndefined();
      expect(await lock.release(token ?? 0)).toBe(true);
    });

    it('expires, so a crashed holder cannot block training, and the old holder cannot free the new one', async () => {
      const lock = create();
      const stale = await lock.acquire(50);
      await new Promise((resolve) => setTimeout(resolve, 120));
      const fresh = await lock.acquire(10_000);
      expect(fresh).toBeGreaterThan(stale ?? Infinity);
      expect(await lock.release(stale ?? 0)).toBe(false);
      expect(await lock.release(fresh ?? 0)).toBe(true);
    });

    it('admits exactly one of many concurrent contenders', async () => {
      const lock = create();
      const tokens = await Promise.all(Array.from({ length: 10 }, () => lock.acquire(10_000)));
      const winners = tokens.filter((token) => token !== undefined);
      expect(winners).toHaveLength(1);
      expect(await lock.release(winners[0] ?? 0)).toBe(true);
    });
  });
}

describeTrainingLockContract('in-process training lock', () => createMemoryTrainingLock());
describeTrainingLockContract('Redis training lock', () =>
  createRedisTrainingLock(redis, createTestRedisPrefix()),
);
