import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@marquee/logger';
import { DisposalStack, parseMetrics } from '@marquee/testing';
import { gql } from 'graphql-tag';
import { createHttpHandler, defineSubgraph } from '../src/index.ts';

// /health/live, /health/ready and /metrics as a load balancer, an orchestrator and a scraper see them.
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
const logger = createLogger({ name: 'test', level: 'silent' });

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stack.defer(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function subgraphWith(state: { storeUp: boolean; draining: boolean }, metricsToken?: string) {
  const subgraph = defineSubgraph({
    name: 'probe',
    typeDefs: gql`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query {
        ping: Int
      }
    `,
    resolvers: { Query: { ping: () => 1 } },
    stores: {},
    services: {},
    createLoaders: () => ({}),
    identitySecret: 'p'.repeat(32),
    logger,
    checks: {
      database: {
        required: true,
        run: () => (state.storeUp ? Promise.resolve() : Promise.reject(new Error('refused'))),
      },
    },
    health: { intervalMs: 50 },
  });
  await subgraph.server.start();
  const stop = await subgraph.start();
  stack.defer(() => subgraph.server.stop());
  stack.defer(stop);
  return serve(
    createHttpHandler({
      server: subgraph.server,
      createContext: subgraph.createContext,
      health: subgraph.health,
      draining: () => state.draining,
      logger,
      metricsToken,
    }),
  );
}

describe('health endpoints', () => {
  it('is live whatever its stores do, ready only while its required stores answer and it is not draining', async () => {
    const state = { storeUp: true, draining: false };
    const url = await subgraphWith(state);
    const status = async (path: string) => (await fetch(`${url}${path}`)).status;
    await expect.poll(() => status('/health/ready')).toBe(200);
    expect(await status('/health/live')).toBe(200);

    state.storeUp = false;
    await expect.poll(() => status('/health/ready')).toBe(503);
    expect(await status('/health/live')).toBe(200);
    expect(await status('/health')).toBe(503);

    state.storeUp = true;
    await expect.poll(() => status('/health/ready')).toBe(200);
    state.draining = true;
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, status: 'draining' });
    expect(await status('/health')).toBe(503);
    expect(await status('/health/live')).toBe(200);
  });
});

describe('/metrics', () => {
  it('answers Prometheus text, and with METRICS_TOKEN set only to its bearer', async () => {
    const open = await subgraphWith({ storeUp: true, draining: false });
    const text = await (await fetch(`${open}/metrics`)).text();
    expect(parseMetrics(text).map((family) => family.name)).toContain(
      'marquee_graphql_operations_total',
    );

    const token = 't'.repeat(24);
    const guarded = await subgraphWith({ storeUp: true, draining: false }, token);
    expect((await fetch(`${guarded}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${guarded}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    const allowed = await fetch(`${guarded}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toContain('text/plain');
  });
});
