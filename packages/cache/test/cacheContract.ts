import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Cache } from '../src/index.ts';

/**
 * Creates a cache whose keys live under `prefix`; implementations without a shared server may
 * ignore it. Every cache a test creates is closed by the caller's disposal stack.
 */
export type CreateCache = (prefix: string) => Cache;

/** The behaviour every Cache implementation shares: one suite, so a new backend is done when it passes. */
export function describeCacheContract(name: string, createCache: CreateCache): void {
  // A fresh prefix per test, so no test sees another's keys whatever the order.
  const freshCache = () => createCache(`contract:${randomUUID()}:`);

  describe(`${name} (Cache contract)`, () => {
    it('returns a JSON copy of what was set', async () => {
      const cache = freshCache();
      const value = {
        title: 'Amélie',
        year: 2001,
        cast: [{ name: '奥黛丽·塔图' }],
        rating: 8.3,
        seen: true,
      };
      await cache.set('movie:1', value, 60);
      value.title = 'changed after set';

      const cached = await cache.get<typeof value>('movie:1');

      expect(cached).toEqual({
        title: 'Amélie',
        year: 2001,
        cast: [{ name: '奥黛丽·塔图' }],
        rating: 8.3,
        seen: true,
      });
      expect(cached).not.toBe(value);
    });

    it('stores dates as their ISO strings, as JSON does', async () => {
      const cache = freshCache();
      await cache.set('at', { at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }, 60);

      await expect(cache.get('at')).resolves.toEqual({ at: '2024-01-02T03:04:05.000Z' });
    });

    it('misses a key that was never set', async () => {
      const cache = freshCache();

      await expect(cache.get('never')).resolves.toBeUndefined();
    });

    it('treats a cached null as a hit, so absence can be cached', async () => {
      const cache = freshCache();
      await cache.set('no-such-movie', null, 60);

      await expect(cache.get('no-such-movie')).resolves.toBeNull();
    });

    it('getMany returns values in key order, undefined for misses', async () => {
      const cache = freshCache();
      await cache.set('a', 'A', 60);
      await cache.set('c', { c: 3 }, 60);

      await expect(cache.getMany(['c', 'missing', 'a', 'c'])).resolves.toEqual([
        { c: 3 },
        undefined,
        'A',
        { c: 3 },
      ]);
      await expect(cache.getMany([])).resolves.toEqual([]);
    });

    it('expires an entry after its TTL', async () => {
      const cache = freshCache();
      await cache.set('short', 'lived', 1);
      await expect(cache.get('short')).resolves.toBe('lived');

      await sleep(1_500);

      await expect(cache.get('short')).resolves.toBeUndefined();
      await expect(cache.getMany(['short'])).resolves.toEqual([undefined]);
    });

    it('set replaces an existing value', async () => {
      const cache = freshCache();
      await cache.set('k', 'first', 60);
      await cache.set('k', 'second', 60);

      await expect(cache.get('k')).resolves.toBe('second');
    });

    it('deletes one or many keys and ignores keys that are not there', async () => {
      const cache = freshCache();
      await cache.set('a', 1, 60);
      await cache.set('b', 2, 60);
      await cache.set('c', 3, 60);

      await cache.delete('a');
      await cache.delete('b', 'missing');
      await cache.delete();

      await expect(cache.getMany(['a', 'b', 'c'])).resolves.toEqual([undefined, undefined, 3]);
    });

    it('refuses a TTL that is not a positive whole number of seconds', async () => {
      const cache = freshCache();

      for (const ttl of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(cache.set('k', 'v', ttl)).rejects.toThrow(RangeError);
      }
      await expect(cache.get('k')).resolves.toBeUndefined();
    });

    it('refuses a value JSON cannot represent', async () => {
      const cache = freshCache();

      await expect(cache.set('k', undefined, 60)).rejects.toThrow(TypeError);
      await expect(cache.set('k', () => 1, 60)).rejects.toThrow(TypeError);
    });

    it('keeps caches with different prefixes apart', async () => {
      const first = createCache(`contract:${randomUUID()}:`);
      const second = createCache(`contract:${randomUUID()}:`);
      await first.set('shared-name', 'first', 60);

      await expect(second.get('shared-name')).resolves.toBeUndefined();
      await second.set('shared-name', 'second', 60);
      await second.delete('shared-name');
      await expect(first.get('shared-name')).resolves.toBe('first');
    });

    it('refuses to work after close', async () => {
      const cache = freshCache();
      await cache.close();

      await expect(cache.get('k')).rejects.toThrow(/closed/);
      await expect(cache.set('k', 1, 60)).rejects.toThrow(/closed/);
      await expect(cache.close()).resolves.toBeUndefined();
    });
  });
}
