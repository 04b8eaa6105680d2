import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { LockStore, RateLimiter, RevocationStore, SlotStore } from '../src/index.ts';

/** The behaviour every RateLimiter shares, Redis and in-memory alike. */
export function describeRateLimiterContract(name: string, create: () => RateLimiter): void {
  describe(`${name} (RateLimiter contract)`, () => {
    it('allows up to the limit in a window and refuses the rest with a retry hint', async () => {
      const limiter = create();
      const key = `user:${randomUUID()}`;
      const decisions = await Promise.all(Array.from({ length: 5 }, () => limiter.hit(key, 3, 60)));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
      const refused = decisions.filter((decision) => !decision.allowed);
      expect(refused).toHaveLength(2);
      for (const decision of refused) {
        expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(decision.retryAfterSeconds).toBeLessThanOrEqual(60);
      }
    });

    it('counts each key on its own, so one caller’s burst does not limit another', async () => {
      const limiter = create();
      const [a, b] = [`ip:${randomUUID()}`, `ip:${randomUUID()}`];
      for (let i = 0; i < 3; i += 1) await limiter.hit(a, 2, 60);
      await expect(limiter.hit(a, 2, 60)).resolves.toMatchObject({ allowed: false });
      await expect(limiter.hit(b, 2, 60)).resolves.toMatchObject({ allowed: true, count: 1 });
    });

    it('opens a new window once the old one ends', async () => {
      const limiter = create();
      const key = `user:${randomUUID()}`;
      await limiter.hit(key, 1, 1);
      await expect(limiter.hit(key, 1, 1)).resolves.toMatchObject({ allowed: false });
      await sleep(1100);
      await expect(limiter.hit(key, 1, 1)).resolves.toMatchObject({ allowed: true, count: 1 });
    });

    it('counts a weighted hit as that many hits', async () => {
      const limiter = create();
      const key = `auth:${randomUUID()}`;
      await expect(limiter.hit(key, 5, 60, 3)).resolves.toMatchObject({ allowed: true, count: 3 });
      await expect(limiter.hit(key, 5, 60, 3)).resolves.toMatchObject({ allowed: false, count: 6 });
      await expect(limiter.hit(key, 5, 60, 0)).rejects.toThrow(RangeError);
    });

    it('refuses limits that are not whole positive numbers', async () => {
      await expect(create().hit('k', 0, 60)).rejects.toThrow(RangeError);
    });
  });
}

/** The behaviour every RevocationStore shares. */
export function describeRevocationContract(name: string, create: () => RevocationStore): void {
  describe(`${name} (RevocationStore contract)`, () => {
    it('remembers a revoked token id until the token expires', async () => {
      const store = create();
      const [revoked, kept] = [randomUUID(), randomUUID()];
      await store.revoke(revoked, Math.floor(Date.now() / 1000) + 2);
      await expect(store.isRevoked(revoked)).resolves.toBe(true);
      await expect(store.isRevoked(kept)).resolves.toBe(false);
      await sleep(2100);
      await expect(store.isRevoked(revoked)).resolves.toBe(false);
    });

    it('ignores revoking a token that has already expired', async () => {
      const store = create();
      const id = randomUUID();
      await store.revoke(id, Math.floor(Date.now() / 1000) - 10);
      await expect(store.isRevoked(id)).resolves.toBe(false);
    });

    it('says whether the durable record was loaded into it', async () => {
      const store = create();
      await expect(store.isLoaded()).resolves.toBe(false);
      await store.markLoaded();
      await expect(store.isLoaded()).resolves.toBe(true);
    });
  });
}

/** The behaviour every SlotStore shares; `create` makes a store whose leases last one second. */
export function describeSlotStoreContract(name: string, create: () => SlotStore): void {
  describe(`${name} (SlotStore contract)`, () => {
    it('gives out up to the limit of slots under a key, again to a holder that has one, and frees released ones', async () => {
      const store = create();
      const key = `subscriptions:${randomUUID()}`;
      const claims = await Promise.all(
        ['a', 'b', 'c', 'd'].map((holder) => store.claim(key, holder, 2)),
      );
      expect(claims.filter(Boolean)).toHaveLength(2);
      const holders = ['a', 'b', 'c', 'd'].filter((_, index) => claims[index] === true);
      await expect(store.claim(key, holders[0] ?? '', 2)).resolves.toBe(true);
      await expect(store.claim(key, 'e', 2)).resolves.toBe(false);
      await store.release(key, holders[0] ?? '');
      await expect(store.claim(key, 'e', 2)).resolves.toBe(true);
      await expect(store.claim(key, 'f', 2)).resolves.toBe(false);
    });

    it('counts each key on its own', async () => {
      const store = create();
      const [first, second] = [`user:${randomUUID()}`, `user:${randomUUID()}`];
      await expect(store.claim(first, 'a', 1)).resolves.toBe(true);
      await expect(store.claim(first, 'b', 1)).resolves.toBe(false);
      await expect(store.claim(second, 'b', 1)).resolves.toBe(true);
    });

    it('frees a slot whose lease ran out, and keeps a renewed one', async () => {
      const store = create();
      const key = `user:${randomUUID()}`;
      await store.claim(key, 'renewed', 2);
      await store.claim(key, 'abandoned', 2);
      await sleep(600);
      await store.renew([{ key, holder: 'renewed' }]);
      await sleep(600);
      // 1.2 s on: the abandoned lease ended, the renewed one has 0.4 s left.
      await expect(store.claim(key, 'new', 2)).resolves.toBe(true);
      await expect(store.claim(key, 'another', 2)).resolves.toBe(false);
    });

    it('renews nothing for a holder it does not know and refuses limits that are not whole positive numbers', async () => {
      const store = create();
      const key = `user:${randomUUID()}`;
      await store.renew([{ key, holder: 'ghost' }]);
      await expect(store.claim(key, 'a', 1)).resolves.toBe(true);
      await expect(store.claim(key, 'b', 0)).rejects.toThrow(RangeError);
    });
  });
}

/** The behaviour every LockStore shares, Redis and in-memory alike. */
export function describeLockStoreContract(name: string, create: () => LockStore): void {
  describe(`${name} (LockStore contract)`, () => {
    it('locks only a free key, and exactly one of concurrent locks wins', async () => {
      const store = create();
      const key = `claim:${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 8 }, () => store.lock(key, 60)));

      expect(results.filter(Boolean)).toHaveLength(1);
      await expect(store.lock(key, 60)).resolves.toBe(false);
      await store.unlock(key);
      await expect(store.lock(key, 60)).resolves.toBe(true);
    });

    it('treats a lapsed lock as free', async () => {
      const store = create();
      const key = `brief:${randomUUID()}`;
      await expect(store.lock(key, 1)).resolves.toBe(true);
      await sleep(1_500);

      await expect(store.lock(key, 60)).resolves.toBe(true);
      await expect(store.lock(key, 60)).resolves.toBe(false);
    });

    it('ignores unlocking a key nobody holds and refuses a TTL that is not a positive whole number of seconds', async () => {
      const store = create();
      await expect(store.unlock(`nobody:${randomUUID()}`)).resolves.toBeUndefined();
      await expect(store.lock(`bad:${randomUUID()}`, 0)).rejects.toThrow(RangeError);
      await expect(store.lock(`bad:${randomUUID()}`, 1.5)).rejects.toThrow(RangeError);
    });
  });
}
