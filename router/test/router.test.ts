import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createRouter, readSupergraph, subgraphNames, type Router } from '../src/server.ts';

let router: Router;
let tokens: TokenService;

beforeAll(async () => {
  tokens = await TokenService.fromKeys(await generateTokenKeyPair());
  router = createRouter({
    supergraphSdl: await readSupergraph(),
    // Nothing listens here: these tests stop before any subgraph is called.
    subgraphUrls: Object.fromEntries(
      subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql']),
    ),
    tokens,
    identitySecret: 'i'.repeat(32),
    logger: createLogger({ name: 'test', level: 'silent' }),
    production: false,
    maxDepth: 6,
  });
  await router.server.start();
});
afterAll(async () => {
  router.close();
  await router.server.stop();
});

async function run(query: string) {
  const response = await router.server.executeOperation(
    { query },
    { contextValue: { identity: undefined } },
  );
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return { status: response.http.status, ...response.body.singleResult };
}

describe('router', () => {
  it('rejects an operation deeper than the limit before calling any subgraph', async () => {
    const result = await run(
      '{ movies { edges { node { similar { similar { similar { title } } } } } } }',
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toBe('The operation is 7 levels deep; the limit is 6.');
  });

  it('counts fragment spreads towards the depth limit', async () => {
    const result = await run(
      '{ movies { edges { node { ...deep } } } } fragment deep on Movie { similar { similar { similar { title } } } }',
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers validation errors with their GraphQL code', async () => {
    const result = await run('{ movies { nope } }');
    expect(result.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('turns a valid bearer token into an identity and refuses tampered, expired or malformed ones', async () => {
    const { token } = await tokens.issue({ userId: 'u1', role: 'USER' }, 60, 't1');
    await expect(
      router.createContext({ headers: { authorization: `Bearer ${token}` } }),
    ).resolves.toMatchObject({ identity: { userId: 'u1', role: 'USER' } });
    await expect(router.createContext({ headers: {} })).resolves.toEqual({
      identity: undefined,
      clientIp: 'unknown',
    });
    const tampered = `${token.slice(0, -4)}AAAA`;
    await expect(
      router.createContext({ headers: { authorization: `Bearer ${tampered}` } }),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    const expired = await tokens.issue({ userId: 'u1', role: 'USER' }, 1, 't2');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(
      router.createContext({ headers: { authorization: `Bearer ${expired.token}` } }),
    ).rejects.toMatchObject({ message: 'Your session has expired; log in again.' });
    await expect(
      router.createContext({ headers: { authorization: 'Token abc' } }),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const otherKeys = await TokenService.fromKeys(await generateTokenKeyPair());
    const foreign = await otherKeys.issue({ userId: 'u1', role: 'ADMIN' }, 60, 't3');
    await expect(
      router.createContext({ headers: { authorization: `Bearer ${foreign.token}` } }),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('reports subgraphs that do not answer as down in health, and the router as not ready', async () => {
    await expect.poll(async () => (await router.health()).status).toBe('degraded');
    const report = await router.health();
    expect(report).toMatchObject({ status: 'degraded', ready: false, dependencies: {} });
    expect(report['subgraphs']).toEqual(
      Object.fromEntries(
        subgraphNames.map((name) => [
          name,
          {
            status: 'down',
            circuit: 'closed',
            latencyMs: expect.any(Number),
            checkedAt: expect.any(String),
            error: expect.any(String),
          },
        ]),
      ),
    );
  });
});
