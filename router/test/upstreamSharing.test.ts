import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { composeServices } from '@apollo/composition';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createHttpHandler, defineSubgraph } from '@marquee/server-kit';
import { DisposalStack } from '@marquee/testing';
import { gql } from 'graphql-tag';
import { createRouter, type Router } from '../src/server.ts';

/**
 * Identical subgraph fetches in flight at once go out once, for queries only, and never across
 * identities: one small subgraph over a real socket counts the requests it receives.
 */
const secret = 's'.repeat(32);
const logger = createLogger({ name: 'test', level: 'silent' });
const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    slow: String
    whoami: String
  }
  type Mutation {
    touch: Int
  }
`;
let touches = 0;
const shows = defineSubgraph({
  name: 'shows',
  typeDefs,
  resolvers: {
    Query: {
      slow: async () => {
        await sleep(150);
        return 'done';
      },
      whoami: async (_: unknown, __: unknown, context: { identity?: { userId: string } }) => {
        await sleep(150);
        return context.identity?.userId ?? 'anonymous';
      },
    },
    Mutation: {
      touch: async () => {
        await sleep(150);
        touches += 1;
        return touches;
      },
    },
  },
  stores: {},
  services: {},
  createLoaders: () => ({}),
  identitySecret: secret,
  logger,
  checks: {},
});

const stack = new DisposalStack();
let router: Router;
let routerUrl: string;
let received = 0;
let tokens: TokenService;

async function serve(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(listener);
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
  await shows.server.start();
  stack.defer(() => shows.server.stop());
  const handler = createHttpHandler({
    server: shows.server,
    createContext: shows.createContext,
    health: shows.health,
    logger,
  });
  const url = `${await serve((request, response) => {
    if (request.url?.startsWith('/graphql') === true) received += 1;
    handler(request, response);
  })}/graphql`;
  const composed = composeServices([{ name: 'shows', url, typeDefs }]);
  if (composed.errors !== undefined)
    throw new Error(composed.errors.map((error) => error.message).join('\n'));
  tokens = await TokenService.fromKeys(await generateTokenKeyPair());
  router = createRouter({
    supergraphSdl: composed.supergraphSdl,
    subgraphUrls: { shows: url },
    tokens,
    identitySecret: secret,
    logger,
    production: false,
  });
  await router.server.start();
  stack.defer(() => router.server.stop());
  stack.defer(() => Promise.resolve(router.close()));
  routerUrl = `${await serve(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger,
    }),
  )}/graphql`;
});
afterAll(() => stack.disposeAll());
beforeEach(() => {
  received = 0;
});

async function post(query: string, token?: string) {
  const response = await fetch(routerUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('identical subgraph fetches in flight', () => {
  it('sends five identical queries at once to the subgraph once, and each client gets the answer', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('{ slow }')));
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ data: { slow: 'done' } })));
    expect(received).toBe(1);
  });

  it('never shares a fetch between two users', async () => {
    const issue = async (userId: string) =>
      (await tokens.issue({ userId, role: 'USER' }, 600, `t-${userId}`)).token;
    const [ada, bo] = await Promise.all([issue('ada'), issue('bo')]);
    const answers = await Promise.all([
      post('{ whoami }', ada),
      post('{ whoami }', bo),
      post('{ whoami }', ada),
    ]);
    expect(answers.map((answer) => answer.data?.['whoami'])).toEqual(['ada', 'bo', 'ada']);
    expect(received).toBe(2);
  });

  it('sends every mutation, however alike', async () => {
    const before = touches;
    const answers = await Promise.all(Array.from({ length: 3 }, () => post('mutation { touch }')));
    expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
    expect(touches - before).toBe(3);
    expect(received).toBe(3);
  });
});
