import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { DisposalStack, createTestRedisPrefix } from '@marquee/testing';
import { createRedisCache } from '../src/index.ts';
import { describeCacheContract } from './cacheContract.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

const connect = () => stack.adopt(new Redis(inject('testRedisUrl')), (client) => client.quit());
// One connection for every cache in this file, as in production, where each process opens one.
const redis = connect();
const filePrefix = createTestRedisPrefix();

describeCacheContract('Redis cache', (prefix) =>
  stack.adopt(createRedisCache({ redis, prefix: filePrefix + prefix }), (cache) => cache.close()),
);

describe('Redis cache', () => {
  it('stores JSON under the prefixed key with the TTL as an expiry', async () => {
    const prefix = `${filePrefix}raw:`;
    const cache = createRedisCache({ redis, prefix });
    await cache.set('movies:Movie:1', { title: 'Heat' }, 120);

    await expect(redis.get(`${prefix}movies:Movie:1`)).resolves.toBe('{"title":"Heat"}');
    const ttl = await redis.ttl(`${prefix}movies:Movie:1`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('counts a stored value that is not JSON as a miss', async () => {
    const prefix = `${filePrefix}corrupt:`;
    const cache = createRedisCache({ redis, prefix });
    await redis.set(`${prefix}bad`, '{"truncated":', 'EX', 60);
    await cache.set('good', 'ok', 60);

    await expect(cache.get('bad')).resolves.toBeUndefined();
    await expect(cache.getMany(['bad', 'good'])).resolves.toEqual([undefined, 'ok']);
  });

  it('reads many keys with one MGET', async () => {
    const cache = createRedisCache({ redis, prefix: `${filePrefix}mget:` });
    await cache.set('a', 1, 60);
    const mget = vi.spyOn(redis, 'mget');
    const get = vi.spyOn(redis, 'get');
    try {
      await expect(cache.getMany(['a', 'b', 'c'])).resolves.toEqual([1, undefined, undefined]);
      expect(mget).toHaveBeenCalledTimes(1);
      expect(get).not.toHaveBeenCalled();
    } finally {
      mget.mockRestore();
      get.mockRestore();
    }
  });

  it('leaves a connection it does not own open on close, and quits one it owns', async () => {
    const shared = connect();
    await shared.ping();
    await createRedisCache({ redis: shared, prefix: `${filePrefix}x:` }).close();
    await expect(shared.ping()).resolves.toBe('PONG');

    const owned = new Redis(inject('testRedisUrl'));
    await owned.ping();
    const ended = once(owned, 'end');
    await createRedisCache({
      redis: owned,
      prefix: `${filePrefix}y:`,
      ownsConnection: true,
    }).close();
    await ended;
    expect(owned.status).toBe('end');
  });

  it('requires a prefix', () => {
    expect(() => createRedisCache({ redis, prefix: '' })).toThrow(/prefix/);
  });
});
