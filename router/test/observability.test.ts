import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { composeServices } from '@apollo/composition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createHttpHandler, defineSubgraph } from '@marquee/server-kit';
import { DisposalStack, metricValue, scrapeMetrics } from '@marquee/testing';
import { gql } from 'graphql-tag';
import { createRouter } from '../src/server.ts';

/**
 * The router in front of two small subgraphs over real sockets, each service logging to its own
 * captured stream: the request id, the access log lines and /metrics as an operator sees them.
 */
const secret = 'o'.repeat(32);
const logs = {
  router: [] as Record<string, unknown>[],
  shows: [] as Record<string, unknown>[],
  cast: [] as Record<string, unknown>[],
};
const loggerFor = (name: keyof typeof logs) =>
  createLogger(
    { name },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs[name].push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  ).child({ service: name });

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
const toy = (name: 'shows' | 'cast', typeDefs: ReturnType<typeof gql>, resolvers: unknown) =>
  defineSubgraph({
    name,
    typeDefs,
    resolvers,
    stores: {},
    services: {},
    createLoaders: () => ({}),
    identitySecret: secret,
    logger: loggerFor(name),
    checks: {},
  });
const shows = toy('shows', showsTypeDefs, {
  Query: { shows: () => [{ id: '1', title: 'One' }] },
});
const cast = toy('cast', castTypeDefs, {
  Query: { castVersion: () => 1 },
  Show: {
    __resolveReference: ({ id }: { id: string }) => ({ id }),
    lead: ({ id }: { id: string }) => `Lead ${id}`,
  },
});

const stack = new DisposalStack();
let routerUrl: string;

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

beforeAll(async () => {
  const urls = { shows: '', cast: '' };
  for (const subgraph of [shows, cast]) {
    await subgraph.server.start();
    stack.defer(() => subgraph.server.stop());
    const url = await serve(
      createHttpHandler({
        server: subgraph.server,
        createContext: subgraph.createContext,
        health: subgraph.health,
        logger: subgraph.logger,
      }),
    );
    urls[subgraph.name as keyof typeof urls] = `${url}/graphql`;
  }
  const composed = composeServices([
    { name: 'shows', url: urls.shows, typeDefs: showsTypeDefs },
    { name: 'cast', url: urls.cast, typeDefs: castTypeDefs },
  ]);
  if (composed.errors !== undefined)
    throw new Error(composed.errors.map((error) => error.message).join('\n'));
  const logger = loggerFor('router');
  const router = createRouter({
    supergraphSdl: composed.supergraphSdl,
    subgraphUrls: urls,
    tokens: await TokenService.fromKeys(await generateTokenKeyPair()),
    identitySecret: secret,
    logger,
    production: false,
  });
  await router.server.start();
  stack.defer(() => router.server.stop());
  stack.defer(() => Promise.resolve(router.close()));
  routerUrl = await serve(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger,
    }),
  );
});

afterAll(() => stack.disposeAll());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const showsWithLead = { query: 'query ShowsWithLead { shows { title lead } }' };
const accessLines = (service: keyof typeof logs, requestId: string) =>
  logs[service].filter((line) => line['msg'] === 'operation' && line['requestId'] === requestId);

describe('request ids', () => {
  it('takes the client id, returns it, and sends it to every subgraph fetch, whose log lines carry it', async () => {
    const response = await post(showsWithLead, { 'x-request-id': 'client-chosen-42' });
    expect(await response.json()).toEqual({ data: { shows: [{ title: 'One', lead: 'Lead 1' }] } });
    expect(response.headers.get('x-request-id')).toBe('client-chosen-42');
    expect(accessLines('router', 'client-chosen-42')).toHaveLength(1);
    expect(accessLines('shows', 'client-chosen-42')).toHaveLength(1);
    expect(accessLines('cast', 'client-chosen-42')).toHaveLength(1);
  });

  it('replaces an id that breaks the rule with a fresh one, used everywhere', async () => {
    const response = await post(showsWithLead, { 'x-request-id': 'x'.repeat(65) });
    const id = response.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(accessLines('router', id)).toHaveLength(1);
    expect(accessLines('cast', id)).toHaveLength(1);
  });

  it('generates one when the client sends none', async () => {
    const first = (await post(showsWithLead)).headers.get('x-request-id');
    const second = (await post(showsWithLead)).headers.get('x-request-id');
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });
});

describe('access log', () => {
  it('writes one line per operation with its name, duration, status and user, never the token', async () => {
    const response = await post(showsWithLead, {
      'x-request-id': 'access-1',
      authorization: 'Bearer v4.public.not-a-real-token',
    });
    expect(response.status).toBe(401);
    await post(showsWithLead, { 'x-request-id': 'access-2' });
    const [line] = accessLines('router', 'access-2');
    expect(line).toMatchObject({
      service: 'router',
      operation: 'ShowsWithLead',
      status: 'ok',
      userId: null,
      level: 30,
    });
    expect(line?.['durationMs']).toEqual(expect.any(Number));
    // Refused before any operation ran: still one line, with the code the client got.
    expect(accessLines('router', 'access-1')).toEqual([
      expect.objectContaining({ status: 'refused', code: 'UNAUTHENTICATED', userId: null }),
    ]);
    const everything = JSON.stringify(logs);
    expect(everything).not.toContain('not-a-real-token');
  });

  it('logs a failed operation with status error', async () => {
    await post({ query: 'query Broken { noSuchField }' }, { 'x-request-id': 'broken-1' });
    expect(accessLines('router', 'broken-1')).toEqual([
      expect.objectContaining({ operation: 'Broken', status: 'error' }),
    ]);
  });
});

describe('/metrics', () => {
  it('parses as Prometheus text and its counters move with each request', async () => {
    const before = await scrapeMetrics(`${routerUrl}/metrics`);
    await post(showsWithLead);
    await post(showsWithLead);
    await post({ query: 'query Broken { noSuchField }' });
    await post(showsWithLead, { authorization: 'Bearer v4.public.not-a-real-token' });
    const after = await scrapeMetrics(`${routerUrl}/metrics`);
    const moved = (name: string, labels: Record<string, string>) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);

    const ok = { service: 'router', operation: 'ShowsWithLead', status: 'ok' };
    expect(moved('marquee_graphql_operations_total', ok)).toBe(2);
    // An operation that failed validation is counted, under `other`, never under its own name.
    expect(
      moved('marquee_graphql_operations_total', {
        service: 'router',
        operation: 'other',
        status: 'error',
      }),
    ).toBe(1);
    expect(metricValue(after, 'marquee_graphql_operations_total', { operation: 'Broken' })).toBe(0);
    // A request refused before any operation ran (here a bad token) is counted by its code.
    expect(
      moved('marquee_requests_refused_total', { service: 'router', code: 'UNAUTHENTICATED' }),
    ).toBe(1);
    expect(
      moved('marquee_graphql_operation_duration_seconds_count', {
        service: 'router',
        operation: 'ShowsWithLead',
      }),
    ).toBe(2);
    expect(
      moved('marquee_subgraph_fetch_duration_seconds_count', {
        service: 'router',
        subgraph: 'cast',
      }),
    ).toBe(2);
    expect(
      moved('marquee_graphql_operations_total', {
        service: 'cast',
        operation: 'ShowsWithLead__cast__1',
        status: 'ok',
      }),
    ).toBe(2);
  });
});
