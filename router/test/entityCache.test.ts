import { describe, expect, it } from 'vitest';
import { createMemoryEntityStore, type EntityStore } from '@marquee/cache';
import { createLogger } from '@marquee/logger';
import { createEntityCache, type FetchedEntities } from '../src/upstream/entityCache.ts';

const QUERY =
  'query($representations:[_Any!]!){_entities(representations:$representations){...on Movie{ratingSummary{count}}}}';
const movie = (id: string) => ({ __typename: 'Movie', id });
const logger = createLogger({ name: 'test', level: 'silent' });

/** A stand-in subgraph: records the representations it is asked for and answers each film's count. */
function subgraph(answer: Partial<FetchedEntities> = {}) {
  const asked: string[][] = [];
  const fetch = (representations: unknown[] | undefined, all: { id: string }[]) => {
    const sent = (representations ?? all) as { id: string }[];
    asked.push(sent.map((r) => r.id));
    return Promise.resolve({
      body: answer.body ?? {
        data: { _entities: sent.map((r) => ({ ratingSummary: { count: r.id.length } })) },
      },
      hint: answer.hint ?? { maxAge: 30, scope: 'PUBLIC' as const },
    });
  };
  return { asked, fetch };
}

const cacheOn = (store: EntityStore) =>
  createEntityCache({ subgraph: 'reviews', store, maxAgeSeconds: 60, logger });

describe('the entity cache', () => {
  it('sends only the representations it misses and puts every answer back in its place', async () => {
    const cache = cacheOn(createMemoryEntityStore({ ttlSeconds: 60 }));
    const { asked, fetch } = subgraph();
    const ask = (ids: string[]) => {
      const all = ids.map(movie);
      return cache.resolve(QUERY, { representations: all }, (r) => fetch(r, all));
    };
    await ask(['tt1']);
    const mixed = await ask(['tt22', 'tt1', 'tt333']);
    expect(asked).toEqual([['tt1'], ['tt22', 'tt333']]);
    expect(mixed.body.data).toEqual({
      _entities: [4, 3, 5].map((count) => ({ ratingSummary: { count } })),
    });
    expect(mixed.hint).toEqual({ maxAge: 30, scope: 'PUBLIC' });
    const all = await ask(['tt333', 'tt1']);
    expect(asked).toHaveLength(2);
    expect(all.body.data).toEqual({
      _entities: [{ ratingSummary: { count: 5 } }, { ratingSummary: { count: 3 } }],
    });
  });

  it("points the misses' errors at their own representations and stores nothing of a failed answer", async () => {
    const store = createMemoryEntityStore({ ttlSeconds: 60 });
    const cache = cacheOn(store);
    const warm = subgraph();
    await cache.resolve(QUERY, { representations: [movie('tt1')] }, (r) =>
      warm.fetch(r, [movie('tt1')]),
    );
    const failing = subgraph({
      body: {
        data: { _entities: [{ ratingSummary: { count: 9 } }, { ratingSummary: null }] },
        errors: [{ message: 'no summary', path: ['_entities', 1, 'ratingSummary'] }],
      },
    });
    const all = [movie('tt2'), movie('tt1'), movie('tt3')];
    const answer = await cache.resolve(QUERY, { representations: all }, (r) =>
      failing.fetch(r, all),
    );
    expect(failing.asked).toEqual([['tt2', 'tt3']]);
    expect(answer.body.errors).toEqual([
      { message: 'no summary', path: ['_entities', 2, 'ratingSummary'] },
    ]);
    expect(answer.body.data).toEqual({
      _entities: [
        { ratingSummary: { count: 9 } },
        { ratingSummary: { count: 3 } },
        { ratingSummary: null },
      ],
    });
    const again = await cache.resolve(QUERY, { representations: all }, (r) =>
      failing.fetch(r, all),
    );
    expect(failing.asked).toEqual([
      ['tt2', 'tt3'],
      ['tt2', 'tt3'],
    ]);
    expect(again.body.errors).toHaveLength(1);
  });

  it('never stores an answer that is not public, and stops looking such a selection up', async () => {
    let reads = 0;
    const memory = createMemoryEntityStore({ ttlSeconds: 60 });
    const store: EntityStore = {
      ...memory,
      read: (lookups) => ((reads += 1), memory.read(lookups)),
    };
    const cache = cacheOn(store);
    const viewer = subgraph({ hint: { maxAge: 0 } });
    const all = [movie('tt1')];
    await cache.resolve(QUERY, { representations: all }, (r) => viewer.fetch(r, all));
    await cache.resolve(QUERY, { representations: all }, (r) => viewer.fetch(r, all));
    expect(viewer.asked).toEqual([['tt1'], ['tt1']]);
    expect(reads).toBe(1);
  });

  it('asks the subgraph as if it were off while the store fails', async () => {
    const broken: EntityStore = {
      read: () => Promise.reject(new Error('connection refused')),
      write: () => Promise.reject(new Error('connection refused')),
      invalidate: () => Promise.resolve(),
      clear: () => Promise.resolve(),
    };
    const cache = cacheOn(broken);
    const { asked, fetch } = subgraph();
    const all = [movie('tt1'), movie('tt2')];
    const answer = await cache.resolve(QUERY, { representations: all }, (r) => fetch(r, all));
    expect(asked).toEqual([['tt1', 'tt2']]);
    expect(answer.body.data).toEqual({
      _entities: [{ ratingSummary: { count: 3 } }, { ratingSummary: { count: 3 } }],
    });
  });

  it('leaves fetches of other types and root fetches to the subgraph', async () => {
    let reads = 0;
    const memory = createMemoryEntityStore({ ttlSeconds: 60 });
    const cache = cacheOn({ ...memory, read: (lookups) => ((reads += 1), memory.read(lookups)) });
    const { asked, fetch } = subgraph();
    const users = [{ __typename: 'User', id: 'u1' }];
    await cache.resolve(QUERY, { representations: users }, (r) => fetch(r, users));
    await cache.resolve('{ movies { id } }', undefined, (r) => fetch(r, []));
    expect(asked).toEqual([['u1'], []]);
    expect(reads).toBe(0);
  });
});
