import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DisposalStack, createTestRedisPrefix } from '@marquee/testing';
import { createRedisEntityStore } from '../src/index.ts';
import { describeEntityStoreContract } from './entityStoreContract.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
const redis = stack.adopt(new Redis(inject('testRedisUrl')), (client) => client.quit());
const filePrefix = createTestRedisPrefix();

describeEntityStoreContract('Redis entity store', (prefix) =>
  createRedisEntityStore({ redis, prefix: filePrefix + prefix, ttlSeconds: 60 }),
);

describe('Redis entity store', () => {
  it('keeps one hash per entity with an expiry, and clears only its own prefix', async () => {
    const prefix = `${filePrefix}raw:`;
    const store = createRedisEntityStore({ redis, prefix, ttlSeconds: 120 });
    const neighbour = `${filePrefix}other:reviews:Movie:tt1`;
    await redis.set(neighbour, 'kept');
    const { stamp } = await store.read([]);
    await store.write([{ entity: 'people:Person:nm1', field: 'name', value: '"Ann"' }], stamp);

    await expect(redis.hgetall(`${prefix}people:Person:nm1`)).resolves.toEqual({
      name: '"Ann"',
    });
    const ttl = await redis.ttl(`${prefix}people:Person:nm1`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);

    await store.clear();
    await expect(redis.exists(`${prefix}people:Person:nm1`)).resolves.toBe(0);
    await expect(redis.get(neighbour)).resolves.toBe('kept');
  });
});
