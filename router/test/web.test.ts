import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createHttpHandler, listen, type Listening } from '@marquee/server-kit';
import { createRouter, readSupergraph, subgraphNames, webListener } from '../src/server.ts';

const APP_ORIGIN = 'http://app.example.com';
const opened: (() => Promise<void>)[] = [];
let appDir: string;

beforeAll(async () => {
  appDir = await mkdtemp(join(tmpdir(), 'marquee-web-'));
  await mkdir(join(appDir, 'assets'));
  await writeFile(join(appDir, 'index.html'), '<!doctype html><title>Marquee app</title>');
  await writeFile(join(appDir, 'explorer.html'), '<!doctype html><title>Marquee explorer</title>');
  await writeFile(join(appDir, 'assets', 'app-1234.js'), 'console.log(1)');
  // The build writes compressed copies beside each file (apps/web/scripts/precompress.js).
  await writeFile(join(appDir, 'assets', 'app-1234.js.br'), brotliCompressSync('console.log(1)'));
});
afterAll(async () => {
  for (const close of opened.reverse()) await close();
  await rm(appDir, { recursive: true, force: true });
});

/** The router as `marquee start` serves it (subgraphs unreachable: these requests never need them). */
async function serve(options: { explorer: boolean; appDir?: string }): Promise<Listening> {
  const logger = createLogger({ name: 'test', level: 'silent' });
  const router = createRouter({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: Object.fromEntries(
      subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql']),
    ),
    tokens: await TokenService.fromKeys(await generateTokenKeyPair()),
    identitySecret: 'i'.repeat(32),
    logger,
    production: !options.explorer,
    explorer: options.explorer,
  });
  await router.server.start();
  const http = await listen(
    webListener(
      { corsOrigins: [APP_ORIGIN], appDir: options.appDir ?? appDir, explorer: options.explorer },
      createHttpHandler({
        server: router.server,
        createContext: router.createContext,
        health: () => router.health(),
        logger,
      }),
    ),
    0,
    '127.0.0.1',
  );
  opened.push(
    async () => {
      await router.server.stop();
      router.close();
    },
    () => http.close(),
  );
  return http;
}

const preflight = (http: Listening, origin: string) =>
  fetch(`${http.url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('CORS at the router', () => {
  let http: Listening;
  beforeAll(async () => {
    http = await serve({ explorer: true });
  });

  it('answers a preflight from a configured origin with the methods and headers it allows', async () => {
    const response = await preflight(http, APP_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
    // Bearer tokens, never cookies: a cross-origin page gets no credentialed access.
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('gives any other origin no Access-Control headers, so the browser refuses it', async () => {
    const response = await preflight(http, 'http://evil.example.com');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'http://evil.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks an allowed origin on the GraphQL response itself', async () => {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    // The page can read the request id it would quote in a support request.
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'x-request-id,etag,retry-after',
    );
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('keeps CSRF prevention: a simple GET from an allowed origin is still refused', async () => {
    const response = await fetch(
      `${http.url}/graphql?query=${encodeURIComponent('{ __typename }')}`,
      {
        headers: { origin: APP_ORIGIN },
      },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });
});

describe('the web app and the explorers at the router', () => {
  it('serves the app at / and its client-side routes, and caches hashed assets for good', async () => {
    const http = await serve({ explorer: true });
    const home = await fetch(`${http.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Marquee app');
    expect(home.headers.get('cache-control')).toBe('no-cache');
    const deep = await fetch(`${http.url}/movie/42`);
    expect(await deep.text()).toContain('Marquee app');
    const asset = await fetch(`${http.url}/assets/app-1234.js`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('never shadows the router paths with the app', async () => {
    const http = await serve({ explorer: true });
    expect((await fetch(`${http.url}/health/live`)).headers.get('content-type')).toContain('json');
    const missing = await fetch(`${http.url}/graphql/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('serves GraphiQL at /explorer and Sandbox at /graphql, falling back to /explorer', async () => {
    const http = await serve({ explorer: true });
    const explorer = await fetch(`${http.url}/explorer`);
    expect(explorer.status).toBe(200);
    expect(await explorer.text()).toContain('Marquee explorer');
    const landing = await fetch(`${http.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await landing.text();
    expect(html).toContain('embeddable-sandbox');
    const nonce = /nonce="([^"]+)" src="https:\/\/embeddable-sandbox/.exec(html)?.[1];
    expect(nonce).toBeDefined();
    // The fallback scripts carry the page's CSP nonce, or the browser would not run them.
    expect(html).toContain(
      `<script nonce="${nonce}">clearTimeout(window.__explorerFallback); if (!window.EmbeddedSandbox) window.location.replace("/explorer")`,
    );
  });

  it('turns both explorers off when disabled (production), the app stays', async () => {
    const http = await serve({ explorer: false });
    expect((await fetch(`${http.url}/explorer`)).status).toBe(404);
    expect((await fetch(`${http.url}/explorer.html`)).status).toBe(404);
    const landing = await fetch(`${http.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await landing.text()).not.toContain('<html');
    expect((await fetch(`${http.url}/`)).status).toBe(200);
  });

  it('refuses to start on a WEB_APP_DIR that is no folder, naming the fix', async () => {
    await expect(serve({ explorer: true, appDir: join(appDir, 'missing') })).rejects.toThrow(
      /WEB_APP_DIR .*missing is not a folder: build the web app \(npm run build:web\)/,
    );
  });
});
