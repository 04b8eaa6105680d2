import { setTimeout as sleep } from 'node:timers/promises';
import { composeServices } from '@apollo/composition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { forbidden, unauthenticated } from '@marquee/errors';
import { createLogger } from '@marquee/logger';
import {
  createHttpHandler,
  createPushIterator,
  defineSubgraph,
  listen,
  serveSubgraphSubscriptions,
  type Listening,
  type SubgraphContext,
  type SubgraphSubscriptions,
} from '@marquee/server-kit';
import { DisposalStack, subscribe } from '@marquee/testing';
import { gql } from 'graphql-tag';
import WebSocket from 'ws';
import { createRouter, type Router } from '../src/server.ts';
import { documentHash, persistedQueryList } from '../src/persistedQueries/manifest.ts';

/**
 * The router's subscription path against two small subgraphs over real sockets: `feed` owns
 * `Subscription.ticks`, whose events reference `Item` entities that `items` resolves.
 */
const secret = 's'.repeat(32);
const logger = createLogger({ name: 'test', level: 'silent' });

const feedTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Item @key(fields: "id", resolvable: false) {
    id: ID!
  }
  type Tick {
    n: Int!
    viewer: String!
    payload: String!
    item: Item!
    "Always null; there for nesting."
    next: Tick
  }
  type Query {
    feedVersion: Int!
  }
  type Subscription {
    "count ticks, every intervalMs, each carrying size bytes; tick 2 points at the item that fails."
    ticks(count: Int!, size: Int = 0, intervalMs: Int = 0): Tick!
  }
`;
const itemsTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Item @key(fields: "id") {
    id: ID!
    name: String!
  }
  type Query {
    item(id: ID!): Item
  }
`;

interface TickArgs {
  count: number;
  size: number;
  intervalMs: number;
}

/** Open `ticks` streams in the feed subgraph. */
let feedStreams = 0;

const feedResolvers = {
  Query: { feedVersion: () => 1 },
  Tick: { next: () => null },
  Subscription: {
    ticks: {
      // Timer-driven, like a real event source: nothing is pending in an `await` when the
      // subscriber leaves, so cleanup must not depend on the next tick.
      subscribe: (_: unknown, args: TickArgs, context: SubgraphContext<object, object>) => {
        const identity = context.identity;
        if (identity === undefined) throw unauthenticated();
        const payload = 'x'.repeat(args.size);
        let n = 0;
        let timer: NodeJS.Timeout | undefined;
        feedStreams += 1;
        const stream = createPushIterator<object>(() => {
          feedStreams -= 1;
          clearTimeout(timer);
        });
        const tick = () => {
          n += 1;
          stream.push({
            n,
            viewer: identity.userId,
            payload,
            item: { id: n === 2 ? 'bad' : `item-${n}` },
          });
          if (n >= args.count) stream.end();
          else if (args.intervalMs > 0) timer = setTimeout(tick, args.intervalMs);
          else setImmediate(tick);
        };
        if (args.intervalMs > 0) timer = setTimeout(tick, args.intervalMs);
        else tick();
        return stream;
      },
      resolve: (tick: unknown) => tick,
    },
  },
};
const itemsResolvers = {
  Query: { item: (_: unknown, { id }: { id: string }) => ({ id }) },
  Item: {
    __resolveReference: ({ id }: { id: string }) => {
      if (id === 'bad') throw forbidden('That item is hidden.');
      return { id };
    },
    name: ({ id }: { id: string }) => `Item ${id.replace('item-', '#')}`,
  },
};

function toySubgraph(name: string, typeDefs: ReturnType<typeof gql>, resolvers: unknown) {
  return defineSubgraph({
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
}

interface Served {
  http: Listening;
  sockets: SubgraphSubscriptions;
  stop(): Promise<void>;
}

async function serveToy(subgraph: ReturnType<typeof toySubgraph>, port: number): Promise<Served> {
  const http = await listen(
    createHttpHandler({
      server: subgraph.server,
      createContext: subgraph.createContext,
      health: subgraph.health,
      logger,
    }),
    port,
    '127.0.0.1',
  );
  const sockets = serveSubgraphSubscriptions({
    server: http.server,
    schema: subgraph.schema,
    identitySecret: secret,
    logger,
    contextFor: subgraph.contextFor,
  });
  return {
    http,
    sockets,
    async stop() {
      await sockets.close();
      await http.close();
    },
  };
}

const stack = new DisposalStack();
const feed = toySubgraph('feed', feedTypeDefs, feedResolvers);
const items = toySubgraph('items', itemsTypeDefs, itemsResolvers);
let feedServed: Served;
let tokens: TokenService;
let router: Router;
let routerUrl: string;
let routerOptions: Parameters<typeof createRouter>[0];
let routerHttp: Listening;

beforeAll(async () => {
  await feed.server.start();
  await items.server.start();
  stack.defer(() => feed.server.stop());
  stack.defer(() => items.server.stop());
  feedServed = await serveToy(feed, 0);
  const itemsServed = await serveToy(items, 0);
  stack.defer(() => itemsServed.stop());
  const composed = composeServices([
    { name: 'feed', url: `${feedServed.http.url}/graphql`, typeDefs: feedTypeDefs },
    { name: 'items', url: `${itemsServed.http.url}/graphql`, typeDefs: itemsTypeDefs },
  ]);
  if (composed.errors !== undefined)
    throw new Error(composed.errors.map((error) => error.message).join('\n'));
  tokens = await TokenService.fromKeys(await generateTokenKeyPair());
  routerOptions = {
    supergraphSdl: composed.supergraphSdl,
    subgraphUrls: {
      feed: `${feedServed.http.url}/graphql`,
      items: `${itemsServed.http.url}/graphql`,
    },
    tokens,
    identitySecret: secret,
    logger,
    production: false,
    maxDepth: 4,
    subscriptions: { maxPerUser: 2, maxPendingEvents: 5 },
  };
  router = createRouter(routerOptions);
  await router.server.start();
  stack.defer(() => router.server.stop());
  routerHttp = await listen(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger,
    }),
    0,
    '127.0.0.1',
  );
  stack.defer(() => routerHttp.close());
  stack.defer(router.serveSubscriptions(routerHttp.server));
  routerUrl = `${routerHttp.url}/graphql`;
});
afterAll(async () => {
  await stack.disposeAll();
  await feedServed.stop();
});

const tokenFor = async (userId: string, ttlSeconds = 600) =>
  (await tokens.issue({ userId, role: 'USER' }, ttlSeconds, `${userId}-${Date.now()}`)).token;
const ticks = (count: number, extra = '') =>
  `subscription { ticks(count: ${count}${extra}) { n viewer item { id name } } }`;

async function activeSubscriptions(): Promise<number> {
  const report = await router.health();
  return (report['subscriptions'] as { active: number }).active;
}

describe('subscriptions through the router', () => {
  it('resolves each event across subgraphs, as the signed-in viewer, and reports an error inside one event without ending the stream', async () => {
    const live = subscribe(routerUrl, { token: await tokenFor('ann'), query: ticks(3) });
    stack.defer(() => live.stop());

    await expect(live.ended).resolves.toEqual({});
    expect(live.events[0]).toEqual({
      data: { ticks: { n: 1, viewer: 'ann', item: { id: 'item-1', name: 'Item #1' } } },
    });
    // Tick 2's item fails in the items subgraph: that event carries the error, with its path and
    // the subgraph's public code, and tick 3 still arrives.
    const second = live.events[1];
    expect(second?.errors?.[0]).toMatchObject({
      message: 'That item is hidden.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(second?.errors?.[0]?.path?.slice(0, 2)).toEqual(['ticks', 'item']);
    expect(live.events[2]).toEqual({
      data: { ticks: { n: 3, viewer: 'ann', item: { id: 'item-3', name: 'Item #3' } } },
    });
    expect(live.events).toHaveLength(3);
  });

  it('finds the token in connection_init whatever its letter case, at the top level or under headers', async () => {
    const token = await tokenFor('amy');
    const forms = [
      { Authorization: `Bearer ${token}` },
      { headers: { authorization: `Bearer ${token}` } },
      { headers: { AUTHORIZATION: `Bearer ${token}` } },
    ];
    // One after another: the test router caps a user at two subscriptions.
    for (const connectionParams of forms) {
      const live = subscribe(routerUrl, { connectionParams, query: ticks(1) });
      stack.defer(() => live.stop());
      await expect(live.ended).resolves.toEqual({});
      expect(live.events).toEqual([
        { data: { ticks: { n: 1, viewer: 'amy', item: { id: 'item-1', name: 'Item #1' } } } },
      ]);
    }
    const nested = subscribe(routerUrl, {
      connectionParams: { headers: 'Bearer nope' },
      query: ticks(1),
    });
    expect((await nested.ended).close?.code).toBe(4401);
  });

  it('closes with 4401 at connection_init without a token, with an invalid one, or an expired one', async () => {
    const missing = subscribe(routerUrl, { query: ticks(1) });
    const invalid = subscribe(routerUrl, { token: `${await tokenFor('bob')}x`, query: ticks(1) });
    const expiredToken = await tokenFor('bob', 1);
    await sleep(1_100);
    const expired = subscribe(routerUrl, { token: expiredToken, query: ticks(1) });
    const ends = await Promise.all([missing.ended, invalid.ended, expired.ended]);
    for (const end of ends) expect(end.close?.code).toBe(4401);
    expect(ends[0]?.close?.reason).toContain('authorization');
    expect(ends[2]?.close?.reason).toContain('expired');
    for (const live of [missing, invalid, expired]) expect(live.events).toEqual([]);
  });

  it('closes the connection with 4401 when the token expires while it is open', async () => {
    const live = subscribe(routerUrl, {
      token: await tokenFor('cat', 2),
      query: ticks(1_000, ', intervalMs: 200'),
    });
    stack.defer(() => live.stop());
    await live.event(0);
    const end = await live.ended;
    expect(end.close).toMatchObject({
      code: 4401,
      reason: expect.stringContaining('expired') as string,
    });
  });

  it('refuses a subscription over the per-user cap with TOO_MANY_SUBSCRIPTIONS and frees the slot when one ends', async () => {
    const token = await tokenFor('dan');
    const endless = ticks(1_000, ', intervalMs: 100');
    const first = subscribe(routerUrl, { token, query: endless });
    const second = subscribe(routerUrl, { token, query: endless });
    stack.defer(() => first.stop());
    stack.defer(() => second.stop());
    await Promise.all([first.event(0), second.event(0)]);

    const third = subscribe(routerUrl, { token, query: endless });
    const refused = await third.ended;
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 },
    });
    await third.stop();
    // Another user is not affected.
    const other = subscribe(routerUrl, { token: await tokenFor('eve'), query: ticks(1) });
    await expect(other.ended).resolves.toEqual({});

    await first.stop();
    await expect.poll(activeSubscriptions).toBe(1);
    const fourth = subscribe(routerUrl, { token, query: ticks(1) });
    await expect(fourth.ended).resolves.toEqual({});
    expect(fourth.events).toHaveLength(1);
  });

  it('cleans up at once when a client leaves while no event is coming', async () => {
    const baseline = await activeSubscriptions();
    const streamsBefore = feedStreams;
    const live = subscribe(routerUrl, {
      token: await tokenFor('kim'),
      query: ticks(2, ', intervalMs: 60000'),
    });
    await expect.poll(activeSubscriptions).toBe(baseline + 1);
    await expect.poll(() => feedStreams).toBe(streamsBefore + 1);
    await live.stop();
    // Both the router's slot and the subgraph's stream end without waiting for the next tick.
    await expect.poll(activeSubscriptions, { timeout: 2_000 }).toBe(baseline);
    await expect.poll(() => feedStreams, { timeout: 2_000 }).toBe(streamsBefore);
  });

  it('answers malformed, invalid and too-deep operations with an error and keeps the connection', async () => {
    const token = await tokenFor('fay');
    const malformed = subscribe(routerUrl, { token, query: 'subscription { ticks(count: 1) {' });
    expect((await malformed.ended).errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = subscribe(routerUrl, {
      token,
      query: 'subscription { ticks(count: 1) { nope } }',
    });
    expect((await invalid.ended).errors?.[0]?.extensions?.['code']).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    const wrongType = subscribe(routerUrl, {
      token,
      query: 'subscription($c: Int!) { ticks(count: $c) { n } }',
      variables: { c: 'many' },
    });
    expect((await wrongType.ended).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const deep = subscribe(routerUrl, {
      token,
      query: 'subscription { ticks(count: 1) { next { next { next { n } } } } }',
    });
    expect((await deep.ended).errors?.[0]).toMatchObject({
      message: 'The operation is 5 levels deep; the limit is 4.',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    // Fragments spreading each other twice over, 30 levels: 2^30 fields, refused before validation.
    let fanOut = 'subscription { ticks(count: 1) { ...F0 } }';
    for (let level = 0; level < 30; level += 1)
      fanOut += ` fragment F${level} on Tick { n ...F${level + 1} ...F${level + 1} }`;
    const exploding = subscribe(routerUrl, {
      token,
      query: `${fanOut} fragment F30 on Tick { n }`,
    });
    expect((await exploding.ended).errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
    for (const live of [malformed, invalid, wrongType, deep, exploding])
      expect(live.events).toEqual([]);
    // All of them went over one connection each, which is still usable for a valid operation.
    const valid = subscribe(routerUrl, { token, query: ticks(1) });
    await expect(valid.ended).resolves.toEqual({});
    for (const live of [malformed, invalid, wrongType, deep, exploding, valid]) await live.stop();
  });

  it('serves queries over the same socket, through the HTTP pipeline', async () => {
    const live = subscribe(routerUrl, {
      token: await tokenFor('gus'),
      query: '{ item(id: "item-7") { name } feedVersion }',
    });
    await expect(live.ended).resolves.toEqual({});
    expect(live.events).toEqual([{ data: { item: { name: 'Item #7' }, feedVersion: 1 } }]);
  });

  it('closes a client that stops reading with 4008 once its buffer is full, and frees its slot', async () => {
    const baseline = await activeSubscriptions();
    const socket = new WebSocket(routerUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    stack.defer(() => socket.terminate());
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const acked = new Promise((resolve) => socket.once('message', resolve));
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${await tokenFor('hal')}` },
      }),
    );
    await acked;
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: 'subscription { ticks(count: 5000, size: 50000) { n payload } }' },
      }),
    );
    await expect.poll(activeSubscriptions).toBe(baseline + 1);
    // Stop reading: the kernel's buffers fill, then the router's bounded queue.
    (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    await expect.poll(activeSubscriptions, { timeout: 20_000, interval: 100 }).toBe(baseline);
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await expect(closed).resolves.toBe(4008);
  });

  it('re-establishes the upstream subscription when the subgraph restarts, without client action', async () => {
    const live = subscribe(routerUrl, {
      token: await tokenFor('ivy'),
      query: ticks(10_000, ', intervalMs: 50'),
    });
    stack.defer(() => live.stop());
    await live.event(2);
    const { port } = feedServed.http;
    await feedServed.stop();
    const before = live.events.length;
    await sleep(500);
    expect(live.events.length - before).toBeLessThanOrEqual(1);
    feedServed = await serveToy(feed, port);
    // The router reconnects and re-sends the subscription: ticks flow again from 1.
    const resumed = await live.event(before + 2, 10_000);
    expect(resumed.data).toMatchObject({ ticks: { viewer: 'ivy' } });
    expect(
      live.events.slice(before).some((event) => (event.data?.['ticks'] as { n: number }).n === 1),
    ).toBe(true);
  });

  it('accepts subgraph sockets only from the router', async () => {
    const direct = subscribe(`${feedServed.http.url}/graphql`, {
      token: await tokenFor('jon'),
      query: ticks(1),
    });
    expect((await direct.ended).close?.code).toBe(4403);
    const forged = subscribe(`${feedServed.http.url}/graphql`, {
      connectionParams: { routerCredential: '1.forged' },
      query: ticks(1),
    });
    expect((await forged.ended).close?.code).toBe(4403);
  });
});

describe('subscriptions through a router with PERSISTED_QUERIES=safelist', () => {
  it('runs a listed subscription by hash or by text and refuses an unlisted one with PERSISTED_QUERY_NOT_IN_LIST', async () => {
    const listed = ticks(2);
    const safelisted = createRouter({
      ...routerOptions,
      persistedQueries: {
        mode: 'safelist',
        list: persistedQueryList({ [`sha256:${documentHash(listed)}`]: listed }),
      },
    });
    await safelisted.server.start();
    stack.defer(() => safelisted.server.stop());
    const http = await listen(
      createHttpHandler({
        server: safelisted.server,
        createContext: safelisted.createContext,
        health: () => safelisted.health(),
        logger,
      }),
      0,
      '127.0.0.1',
    );
    stack.defer(() => http.close());
    stack.defer(safelisted.serveSubscriptions(http.server));
    const url = `${http.url}/graphql`;
    const token = await tokenFor('kim');

    const byHash = subscribe(url, {
      token,
      // The client's own printing of the document; the router runs the listed text.
      query: 'subscription {\n  ticks(count: 2) { n }\n}',
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(listed) } },
    });
    stack.defer(() => byHash.stop());
    await expect(byHash.event(0)).resolves.toMatchObject({
      data: { ticks: { n: 1, viewer: 'kim', item: { id: expect.any(String) } } },
    });
    const byText = subscribe(url, { token, query: listed });
    stack.defer(() => byText.stop());
    await expect(byText.event(0)).resolves.toMatchObject({ data: { ticks: { n: 1 } } });

    const unlisted = subscribe(url, { token, query: ticks(3) });
    expect((await unlisted.ended).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }),
    ]);
  });
});
