import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createHttpHandler, defineSubgraph } from '@marquee/server-kit';
import { DisposalStack } from '@marquee/testing';
import { gql } from 'graphql-tag';
import { createRouter, type Router } from '../src/server.ts';
import { createCircuitBreaker, CircuitOpenError } from '../src/upstream/circuitBreaker.ts';

/**
 * The router against two small subgraphs over real sockets: `shows` owns `Show`, `cast` adds
 * `Show.lead`. `cast` sits behind a switch that can make it hang (accept, never answer) or
 * answer 503, the way a stopped process or a failing one looks to the router.
 */
const secret = 'u'.repeat(32);
const logger = createLogger({ name: 'test', level: 'silent' });
// Long enough that "fails at once" (under half of it) holds on a busy machine.
const TIMEOUT_MS = 1_000;
const OPEN_MS = 400;

const showsTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Show @key(fields: "id") {
    id: ID!
    title: String!
  }
  type Query {
    shows: [Show!]!
  }
`;
const castTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Show @key(fields: "id") {
    id: ID!
    lead: String
  }
  type Query {
    castVersion: Int
  }
`;

const toy = (name: string, typeDefs: ReturnType<typeof gql>, resolvers: unknown) =>
  defineSubgraph({
    name,
    typeDefs,
    resolvers,
    stores: {},
    services: {},
    createLoaders: () => ({}),
    identitySecret: secret,
    logger,
    checks: {},
  });
const shows = toy('shows', showsTypeDefs, {
  Query: {
    shows: () => [
      { id: '1', title: 'One' },
      { id: '2', title: 'Two' },
    ],
  },
});
const cast = toy('cast', castTypeDefs, {
  Query: { castVersion: () => 1 },
  Show: {
    __resolveReference: ({ id }: { id: string }) => ({ id }),
    lead: ({ id }: { id: string }) => `Lead ${id}`,
  },
});

let castMode: 'ok' | 'hang' | 'error' = 'ok';
let castRequests = 0;
const stack = new DisposalStack();
let router: Router;
let routerUrl: string;

async function serve(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stack.defer(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  for (const subgraph of [shows, cast]) {
    await subgraph.server.start();
    stack.defer(() => subgraph.server.stop());
  }
  const showsHttp = await serve(
    createHttpHandler({
      server: shows.server,
      createContext: shows.createContext,
      health: shows.health,
      logger,
    }),
  );
  const castHandler = createHttpHandler({
    server: cast.server,
    createContext: cast.createContext,
    health: cast.health,
    logger,
  });
  const castHttp = await serve((request, response) => {
    castRequests += 1;
    if (castMode === 'hang') return;
    if (castMode === 'error') {
      response.writeHead(503).end();
      return;
    }
    castHandler(request, response);
  });
  const subgraphUrls = { shows: `${showsHttp.url}/graphql`, cast: `${castHttp.url}/graphql` };
  const composed = composeServices([
    { name: 'shows', url: subgraphUrls.shows, typeDefs: showsTypeDefs },
    { name: 'cast', url: subgraphUrls.cast, typeDefs: castTypeDefs },
  ]);
  if (composed.errors !== undefined)
    throw new Error(composed.errors.map((error) => error.message).join('\n'));
  router = createRouter({
    supergraphSdl: composed.supergraphSdl,
    subgraphUrls,
    tokens: await TokenService.fromKeys(await generateTokenKeyPair()),
    identitySecret: secret,
    logger,
    production: false,
    upstream: { timeoutMs: TIMEOUT_MS, failureThreshold: 2, openMs: OPEN_MS },
    health: { intervalMs: 100 },
  });
  await router.server.start();
  stack.defer(() => router.server.stop());
  stack.defer(() => Promise.resolve(router.close()));
  const http = await serve(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger,
    }),
  );
  routerUrl = http.url;
});
afterAll(() => stack.disposeAll());

async function query(text: string): Promise<{
  status: number;
  ms: number;
  body: {
    data?: unknown;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
}> {
  const started = performance.now();
  const response = await fetch(`${routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return {
    status: response.status,
    body: (await response.json()) as never,
    ms: performance.now() - started,
  };
}

const waitForClosedCircuit = async () => {
  castMode = 'ok';
  await new Promise((resolve) => setTimeout(resolve, OPEN_MS + 50));
  await expect.poll(async () => (await query('{ shows { lead } }')).body.errors).toBeUndefined();
};

describe('subgraph failures', () => {
  it('answers within the timeout when a subgraph hangs: its fields are null with UPSTREAM_UNAVAILABLE at their paths, the rest is served', async () => {
    await waitForClosedCircuit();
    castMode = 'hang';
    const result = await query('{ shows { title lead } }');
    expect(result.status).toBe(200);
    expect(result.ms).toBeLessThan(TIMEOUT_MS + 1000);
    expect(result.body.data).toEqual({
      shows: [
        { title: 'One', lead: null },
        { title: 'Two', lead: null },
      ],
    });
    expect(result.body.errors).toEqual(
      [0, 1].map((index) => ({
        message: 'The cast service did not answer in time; retry in 1 s.',
        path: ['shows', index, 'lead'],
        extensions: {
          code: 'UPSTREAM_UNAVAILABLE',
          subgraph: 'cast',
          retryAfterSeconds: 1,
          serviceName: 'cast',
        },
      })),
    );
  });

  it('names the root fields of a failed root fetch, for a subgraph answering 5xx', async () => {
    await waitForClosedCircuit();
    castMode = 'error';
    const result = await query('{ castVersion shows { title } }');
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({
      castVersion: null,
      shows: [{ title: 'One' }, { title: 'Two' }],
    });
    expect(result.body.errors).toMatchObject([
      {
        path: ['castVersion'],
        message: 'The cast service is unavailable; retry in 1 s.',
        extensions: { code: 'UPSTREAM_UNAVAILABLE', subgraph: 'cast' },
      },
    ]);
  });

  it('opens the circuit after repeated failures, so a dead subgraph costs no timeout per request, and closes it after a successful probe', async () => {
    await waitForClosedCircuit();
    castMode = 'hang';
    for (let i = 0; i < 2; i += 1) await query('{ shows { lead } }');
    const before = castRequests;
    const fast = await query('{ shows { title lead } }');
    expect(fast.ms).toBeLessThan(TIMEOUT_MS / 2);
    expect(castRequests).toBe(before);
    expect(fast.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      subgraph: 'cast',
    });
    const health = await router.health();
    expect((health['subgraphs'] as Record<string, { circuit: string }>)['cast']?.circuit).toBe(
      'open',
    );

    castMode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, OPEN_MS + 50));
    const recovered = await query('{ shows { lead } }');
    expect(recovered.body).toEqual({ data: { shows: [{ lead: 'Lead 1' }, { lead: 'Lead 2' }] } });
    expect(
      ((await router.health())['subgraphs'] as Record<string, { circuit: string }>)['cast']
        ?.circuit,
    ).toBe('closed');
  });

  it('answers /health within 100 ms from the last background check while a subgraph hangs, naming it', async () => {
    castMode = 'hang';
    await expect
      .poll(
        async () =>
          ((await router.health())['subgraphs'] as Record<string, { status: string }>)['cast']
            ?.status,
        { timeout: 3000 },
      )
      .toBe('down');
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      const response = await fetch(`${routerUrl}/health`);
      const report = (await response.json()) as {
        status: string;
        subgraphs: Record<string, { status: string; latencyMs: number }>;
      };
      expect(performance.now() - started).toBeLessThan(100);
      expect(response.status).toBe(200);
      expect(report.status).toBe('degraded');
      expect(report.subgraphs['shows']?.status).toBe('ok');
      expect(report.subgraphs['cast']?.status).toBe('down');
    }
    expect((await fetch(`${routerUrl}/health/live`)).status).toBe(200);
    // One subgraph down still leaves partial results worth serving.
    expect(await (await fetch(`${routerUrl}/health/ready`)).json()).toEqual({
      ready: true,
      status: 'degraded',
    });
    castMode = 'ok';
  });
});

describe('circuit breaker', () => {
  it('lets one probe through when half-open and reopens on its failure', async () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 2, openMs: 1000, now: () => now });
    const fail = () => Promise.reject(new Error('down'));
    await expect(breaker.run(fail)).rejects.toThrow('down');
    expect(breaker.state()).toBe('closed');
    await expect(breaker.run(fail)).rejects.toThrow('down');
    expect(breaker.state()).toBe('open');
    await expect(breaker.run(() => Promise.resolve(1))).rejects.toBeInstanceOf(CircuitOpenError);
    now = 1000;
    let release: (value: number) => void = () => {};
    const probe = breaker.run(() => new Promise<number>((resolve) => (release = resolve)));
    await expect(breaker.run(() => Promise.resolve(2))).rejects.toBeInstanceOf(CircuitOpenError);
    release(3);
    await expect(probe).resolves.toBe(3);
    expect(breaker.state()).toBe('closed');
    await expect(breaker.run(fail)).rejects.toThrow('down');
    await expect(breaker.run(fail)).rejects.toThrow('down');
    now = 2500;
    expect(breaker.state()).toBe('half-open');
    await expect(breaker.run(fail)).rejects.toThrow('down');
    expect(breaker.state()).toBe('open');
    expect(breaker.retryAfterMs()).toBe(1000);
  });

  it('counts results the caller calls failures (HTTP 5xx) against the circuit', async () => {
    const breaker = createCircuitBreaker({ failureThreshold: 1, openMs: 1000 });
    await expect(
      breaker.run(
        () => Promise.resolve(503),
        (status) => status >= 500,
      ),
    ).resolves.toBe(503);
    expect(breaker.state()).toBe('open');
  });
});
