import { afterAll, describe, expect, it } from 'vitest';
import { DisposalStack } from '@marquee/testing';
import { cacheKey, createMemoryCache } from '../src/index.ts';
import { describeCacheContract } from './cacheContract.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

describeCacheContract('memory cache', () =>
  stack.adopt(createMemoryCache(), (cache) => cache.close()),
);

describe('memory cache', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = createMemoryCache({ maxEntries: 3 });
    await cache.set('a', 'A', 60);
    await cache.set('b', 'B', 60);
    await cache.set('c', 'C', 60);
    await cache.get('a'); // now b is the least recently used

    await cache.set('d', 'D', 60);

    await expect(cache.getMany(['a', 'b', 'c', 'd'])).resolves.toEqual(['A', undefined, 'C', 'D']);
  });

  it('never holds more than maxEntries, however many keys are set', async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    for (let index = 0; index < 1_000; index += 1) await cache.set(`k${index}`, index, 60);

    const values = await cache.getMany(Array.from({ length: 1_000 }, (_, index) => `k${index}`));

    expect(values.filter((value) => value !== undefined)).toEqual(
      Array.from({ length: 100 }, (_, index) => 900 + index),
    );
  });

  it('expires by its clock: an entry is gone exactly at its TTL', async () => {
    let now = 1_000_000;
    const cache = createMemoryCache({ now: () => now });
    await cache.set('k', 'v', 10);

    now += 9_999;
    await expect(cache.get('k')).resolves.toBe('v');
    now += 1;
    await expect(cache.get('k')).resolves.toBeUndefined();
  });

  it('refuses a maxEntries below one', () => {
    expect(() => createMemoryCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});

describe('cacheKey', () => {
  it('builds <service>:<entity>:<id>', () => {
    expect(cacheKey('movies', 'Movie', 'tt0111161')).toBe('movies:Movie:tt0111161');
  });

  it('allows colons in the id but not in the service or entity, so keys cannot collide', () => {
    expect(cacheKey('reviews', 'RatingSummary', 'user:42')).toBe('reviews:RatingSummary:user:42');
    expect(() => cacheKey('movies:Movie', 'x', '1')).toThrow(TypeError);
    expect(() => cacheKey('movies', '', '1')).toThrow(TypeError);
  });
});
