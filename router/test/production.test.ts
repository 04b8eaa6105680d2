import { afterAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createHttpHandler, listen, type Listening } from '@marquee/server-kit';
import { createRouter, readSupergraph, subgraphNames } from '../src/server.ts';

const opened: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of opened.reverse()) await close();
});

async function serve(production: boolean): Promise<Listening> {
  const logger = createLogger({ name: 'test', level: 'silent' });
  const router = createRouter({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: Object.fromEntries(
      subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql']),
    ),
    tokens: await TokenService.fromKeys(await generateTokenKeyPair()),
    identitySecret: 'i'.repeat(32),
    logger,
    production,
  });
  await router.server.start();
  const http = await listen(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger,
    }),
    0,
    '127.0.0.1',
  );
  opened.push(
    () => router.server.stop(),
    () => http.close(),
  );
  return http;
}

const introspect = (http: Listening) =>
  fetch(`${http.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
  }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    },
  }));
const landingPage = (http: Listening) =>
  fetch(`${http.url}/graphql`, { headers: { accept: 'text/html' } });

describe('NODE_ENV=production at the router', () => {
  it('turns introspection and the Sandbox landing page off', async () => {
    const http = await serve(true);
    const result = await introspect(http);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const page = await landingPage(http);
    expect(await page.text()).not.toContain('<html');
  });

  it('keeps them on outside production', async () => {
    const http = await serve(false);
    const result = await introspect(http);
    expect(result.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const page = await landingPage(http);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
