import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateTokenKeyPair, IDENTITY_HEADER, TokenService, verifyIdentity } from '@marquee/auth';
import { createRedisClient, createRedisEntityStore } from '@marquee/cache';
import { createLogger } from '@marquee/logger';
import { createRedisEventStream, type MarqueeTopics } from '@marquee/pubsub';
import { createTestRedisPrefix, DisposalStack } from '@marquee/testing';
import { subgraphNames } from '../src/server.ts';
import { invalidateEntitiesOnEvents } from '../src/upstream/entityInvalidation.ts';
import { postJson, routerOverHttp, type RouterOverHttp } from './routerOverHttp.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
const prefix = createTestRedisPrefix();
const redisUrl = inject('testRedisUrl');
const connect = (role?: 'blocking') =>
  stack.adopt(
    createRedisClient(redisUrl, { commandTimeoutMs: 2000, ...(role ? { role } : {}) }),
    (client) =>
      role === 'blocking'
        ? Promise.resolve(client.disconnect())
        : client.quit().then(() => undefined),
  );
const redis = connect();
const stream = stack.adopt(
  createRedisEventStream<MarqueeTopics>({
    redis,
    prefix: `${prefix}events:`,
    blockingConnection: () => connect('blocking'),
  }),
  (opened) => opened.close(),
);
const entityPrefix = `${prefix}entities:`;
const store = createRedisEntityStore({ redis, prefix: entityPrefix, ttlSeconds: 60 });

/** Each film's rating average as the stand-in reviews subgraph answers it now. */
const averages = new Map([
  ['tt1', 4],
  ['tt2', 3],
]);
/** Representations each stand-in subgraph was asked for, by the field asked. */
const asked = { ratingSummary: [] as string[], predictedRating: [] as string[] };
const IDENTITY_SECRET = 'i'.repeat(32);

/**
 * One stand-in for every subgraph, telling them apart by what they are asked: `movie(id:)` at
 * the movies root (public, 300 s), `ratingSummary` of films (reviews: public, 30 s) and
 * `predictedRating` (recommendations: per viewer, so no cache hint, as the real one answers).
 */
function standInSubgraphs(): Server {
  return createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const { query, variables } = JSON.parse(text) as {
        query: string;
        variables?: { representations?: { id: string }[] };
      };
      response.setHeader('content-type', 'application/json');
      const representations = variables?.representations ?? [];
      if (query.includes('predictedRating')) {
        const header = request.headers[IDENTITY_HEADER];
        const viewer = verifyIdentity(
          typeof header === 'string' ? header : undefined,
          IDENTITY_SECRET,
        );
        asked.predictedRating.push(...representations.map((r) => r.id));
        response.end(
          JSON.stringify({
            data: {
              _entities: representations.map(() => ({
                predictedRating:
                  viewer === undefined ? null : viewer.userId === 'u-ann' ? 4.5 : 1.5,
              })),
            },
          }),
        );
      } else if (query.includes('ratingSummary')) {
        asked.ratingSummary.push(...representations.map((r) => r.id));
        response.setHeader('cache-control', 'max-age=30, public');
        response.end(
          JSON.stringify({
            data: {
              _entities: representations.map((r) => ({
                ratingSummary: { average: averages.get(r.id) ?? null, count: 1 },
              })),
            },
          }),
        );
      } else {
        const id = /movie\(id:"(\w+)"\)/.exec(query)?.[1] ?? '';
        response.setHeader('cache-control', 'max-age=300, public');
        response.end(
          JSON.stringify({ data: { movie: { __typename: 'Movie', id, title: `Film ${id}` } } }),
        );
      }
    });
  });
}

let edge: RouterOverHttp;
let tokens: TokenService;

beforeAll(async () => {
  const subgraph = standInSubgraphs();
  await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
  stack.adopt(subgraph, (server) => new Promise((resolve) => server.close(resolve)));
  tokens = await TokenService.fromKeys(await generateTokenKeyPair());
  edge = stack.adopt(
    await routerOverHttp(
      { tokens, identitySecret: IDENTITY_SECRET, entityCache: { store, maxAgeSeconds: 60 } },
      `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`,
    ),
    (router) => router.close(),
  );
  const stop = await invalidateEntitiesOnEvents({
    stream,
    store,
    subgraphs: subgraphNames,
    logger: createLogger({ name: 'test', level: 'silent' }),
  });
  stack.defer(stop);
});

const summaryOf = async (id: string) => {
  const answer = await postJson(edge.endpoint, {
    query: `{ movie(id: "${id}") { title ratingSummary { average count } } }`,
  });
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data as { movie: { ratingSummary: { average: number } } }).movie.ratingSummary
    .average;
};

const asksFor = (id: string) => asked.ratingSummary.filter((asked) => asked === id).length;

describe('the entity cache on Redis', () => {
  it('answers a film asked again from the cache, without asking its subgraph', async () => {
    expect(await summaryOf('tt1')).toBe(4);
    expect(await summaryOf('tt1')).toBe(4);
    expect(await summaryOf('tt1')).toBe(4);
    expect(asksFor('tt1')).toBe(1);
    const keys = await redis.keys(`${entityPrefix}*`);
    expect(keys).toEqual([`${entityPrefix}reviews:Movie:tt1`]);
  });

  it('asks again for a film once a rating.changed event names it, and for no other film', async () => {
    await summaryOf('tt1');
    await summaryOf('tt2');
    const [before1, before2] = [asksFor('tt1'), asksFor('tt2')];
    averages.set('tt1', 4.25);
    await stream.append('rating.changed', [
      {
        id: randomUUID(),
        payload: {
          eventId: randomUUID(),
          userId: 'u-ann',
          movieId: 'tt1',
          rating: 4.5,
          at: new Date().toISOString(),
        },
      },
    ]);
    await expect.poll(() => summaryOf('tt1'), { interval: 50, timeout: 5_000 }).toBe(4.25);
    expect(asksFor('tt1')).toBeGreaterThan(before1);
    await summaryOf('tt2');
    expect(asksFor('tt2')).toBe(before2);
  });

  it('drops every film once an ingestion run announces catalog.changed', async () => {
    await summaryOf('tt1');
    await summaryOf('tt2');
    averages.set('tt1', 2);
    averages.set('tt2', 2.5);
    await stream.append('catalog.changed', [
      {
        id: randomUUID(),
        payload: { source: 'imdb', files: ['title.basics.tsv'], at: new Date().toISOString() },
      },
    ]);
    await expect.poll(() => summaryOf('tt2'), { interval: 50, timeout: 5_000 }).toBe(2.5);
    expect(await summaryOf('tt1')).toBe(2);
  });

  it("never hands one viewer's field to another: an answer without a public hint is not kept", async () => {
    const bearer = async (userId: string) =>
      `Bearer ${(await tokens.issue({ userId, role: 'USER' }, 60, `${userId}-token`)).token}`;
    const predicted = async (authorization?: string) => {
      const answer = await postJson(
        edge.endpoint,
        { query: '{ movie(id: "tt1") { predictedRating ratingSummary { count } } }' },
        authorization === undefined ? {} : { authorization },
      );
      expect(answer.body.errors).toBeUndefined();
      return (answer.body.data as { movie: { predictedRating: number | null } }).movie
        .predictedRating;
    };
    const ann = await bearer('u-ann');
    const bob = await bearer('u-bob');
    expect(await predicted(ann)).toBe(4.5);
    expect(await predicted(bob)).toBe(1.5);
    expect(await predicted()).toBeNull();
    expect(await predicted(ann)).toBe(4.5);
    expect(asked.predictedRating).toEqual(['tt1', 'tt1', 'tt1', 'tt1']);
    expect(await redis.keys(`${entityPrefix}recommendations:*`)).toEqual([]);
  });
});
