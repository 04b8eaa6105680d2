import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RateLimiter, RevocationStore } from '../src/index.ts';

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
  });
}
