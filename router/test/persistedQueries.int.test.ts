import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisCache, createRedisClient } from '@marquee/cache';
import { createTestRedisPrefix, DisposalStack } from '@marquee/testing';
import { documentHash } from '../src/persistedQueries/manifest.ts';
import {
  persistedExtension,
  postJson,
  routerOverHttp,
  type RouterOverHttp,
} from './routerOverHttp.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
const prefix = createTestRedisPrefix();
let first: RouterOverHttp;
let second: RouterOverHttp;

/** A router with its own Redis connection, registering persisted queries under the shared prefix. */
async function routerOnRedis(): Promise<RouterOverHttp> {
  const redis = stack.adopt(
    createRedisClient(inject('testRedisUrl'), { commandTimeoutMs: 2000 }),
    (client) => client.quit(),
  );
  const store = createRedisCache({ redis, prefix: `${prefix}persisted:` });
  return stack.adopt(await routerOverHttp({ persistedQueries: { mode: 'apq', store } }), (router) =>
    router.close(),
  );
}

beforeAll(async () => {
  first = await routerOnRedis();
  second = await routerOnRedis();
});

describe('automatic persisted queries on Redis', () => {
  it('finds at one router a query registered at another', async () => {
    const query = `query Shared${Date.now()} { __typename }`;
    const extensions = persistedExtension(documentHash(query));
    const unknown = await postJson(second.endpoint, { extensions });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    await expect(postJson(first.endpoint, { query, extensions })).resolves.toEqual({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
    // Apollo Server registers without awaiting the write; poll briefly for it.
    let answer = await postJson(second.endpoint, { extensions });
    for (let attempt = 0; attempt < 20 && answer.body.errors !== undefined; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await postJson(second.endpoint, { extensions });
    }
    expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('keeps the text in Redis under the deployment prefix with an expiry', async () => {
    const query = `query Stored${Date.now()} { __typename }`;
    const hash = documentHash(query);
    await postJson(first.endpoint, { query, extensions: persistedExtension(hash) });
    const redis = stack.adopt(
      createRedisClient(inject('testRedisUrl'), { commandTimeoutMs: 2000 }),
      (client) => client.quit(),
    );
    const key = `${prefix}persisted:apq:${hash}`;
    let stored: string | null = null;
    for (let attempt = 0; attempt < 20 && stored === null; attempt += 1) {
      stored = await redis.get(key);
      if (stored === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(JSON.parse(stored ?? 'null')).toBe(query);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });
});
