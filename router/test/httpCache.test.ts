import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { routerOverHttp, type RouterOverHttp } from './routerOverHttp.ts';

/** What the fake subgraph answers with next, as `Cache-Control` (none when undefined). */
let subgraphCacheControl: string | undefined;
let subgraph: Server;
let edge: RouterOverHttp;
let tokens: TokenService;

beforeAll(async () => {
  // Every subgraph URL points here; `{ genres { name } }` is planned as one fetch to movies.
  subgraph = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (subgraphCacheControl !== undefined)
        response.setHeader('cache-control', subgraphCacheControl);
      response.end(JSON.stringify({ data: { genres: [{ name: 'Drama' }] } }));
    });
  });
  await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
  const { port } = subgraph.address() as AddressInfo;
  tokens = await TokenService.fromKeys(await generateTokenKeyPair());
  edge = await routerOverHttp({ tokens }, `http://127.0.0.1:${port}/graphql`);
});
afterAll(async () => {
  await edge.close();
  await new Promise((resolve) => subgraph.close(resolve));
});

const QUERY = '{ genres { name } }';
const get = (headers: Record<string, string> = {}) =>
  fetch(`${edge.endpoint}?query=${encodeURIComponent(QUERY)}`, {
    headers: { 'apollo-require-preflight': '1', ...headers },
  });

describe('HTTP caching at the router', () => {
  it('answers a GET with the Cache-Control its subgraphs allowed, and an ETag that a conditional GET turns into a 304', async () => {
    subgraphCacheControl = 'max-age=300, public';
    const first = await get();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ data: { genres: [{ name: 'Drama' }] } });
    expect(first.headers.get('cache-control')).toBe('max-age=300, public');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{22}"$/);

    const revalidated = await get({ 'if-none-match': `W/"other", ${etag ?? ''}` });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('cache-control')).toBe('max-age=300, public');

    const stale = await get({ 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it('keeps the shortest age and the narrowest scope of the answers, and says no-store without a hint', async () => {
    subgraphCacheControl = 'max-age=30, private';
    expect((await get()).headers.get('cache-control')).toBe('max-age=30, private');
    subgraphCacheControl = undefined;
    const uncached = await get();
    expect(uncached.headers.get('cache-control')).toBe('no-store');
    expect(uncached.headers.get('etag')).toMatch(/^"/);
  });

  it('never answers a caller with a token as public, so no shared cache keeps it', async () => {
    subgraphCacheControl = 'max-age=300, public';
    const { token } = await tokens.issue({ userId: 'u1', role: 'USER' }, 60, 'u1-token');
    const signedIn = await get({ authorization: `Bearer ${token}` });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('max-age=300, private');
  });

  it('gives no ETag to a POST or an error', async () => {
    subgraphCacheControl = 'max-age=300, public';
    const post = await fetch(edge.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('etag')).toBeNull();
    const invalid = await fetch(`${edge.endpoint}?query=${encodeURIComponent('{ nope }')}`, {
      headers: { 'apollo-require-preflight': '1', accept: 'application/graphql-response+json' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('etag')).toBeNull();
  });
});
