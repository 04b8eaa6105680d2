import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document, DocumentStore } from '../src/index.ts';

export interface DocumentStoreFixture {
  store: DocumentStore;
  /** Database round trips so far, for stores that make them. */
  roundTrips: (() => number) | undefined;
  /** Closes the store and whatever it needed (a database, a client). */
  dispose(): Promise<void>;
}

interface Movie extends Document {
  title: string;
  year?: number | null;
  overview?: string;
  details?: unknown;
}

/** The behaviour every DocumentStore implementation shares. Each test uses collections of its
 * own, so tests may run in any order against one store. */
export function describeDocumentStoreContract(
  name: string,
  open: () => Promise<DocumentStoreFixture>,
): void {
  describe(`${name} (DocumentStore contract)`, () => {
    let fixture: DocumentStoreFixture;
    beforeAll(async () => {
      fixture = await open();
    });
    afterAll(() => fixture.dispose());

    const freshCollection = <T extends Document = Movie>() =>
      fixture.store.collection<T>(`c${randomUUID().replaceAll('-', '')}`);
    /** Runs `work` and returns how many round trips it made, or undefined if the store has none. */
    const countRoundTrips = async (work: () => Promise<unknown>): Promise<number | undefined> => {
      const { roundTrips } = fixture;
      const before = roundTrips?.();
      await work();
      return before === undefined ? undefined : roundTrips!() - before;
    };
    const expectRoundTrips = (counted: number | undefined, expected: number) => {
      if (fixture.roundTrips !== undefined) expect(counted).toBe(expected);
      else expect(counted).toBeUndefined();
    };

    it('answers ping', async () => {
      await expect(fixture.store.ping()).resolves.toBeUndefined();
    });

    it('gets what was put, and null for an id never put', async () => {
      const movies = freshCollection();
      await movies.put({ _id: 'tt0111161', title: 'The Shawshank Redemption', year: 1994 });

      await expect(movies.get('tt0111161')).resolves.toEqual({
        _id: 'tt0111161',
        title: 'The Shawshank Redemption',
        year: 1994,
      });
      await expect(movies.get('tt0000000')).resolves.toBeNull();
    });

    it('put replaces the whole document', async () => {
      const movies = freshCollection();
      await movies.put({ _id: 'm1', title: 'Draft', overview: 'to be dropped', year: 1999 });

      await movies.put({ _id: 'm1', title: 'Final' });

      await expect(movies.get('m1')).resolves.toEqual({ _id: 'm1', title: 'Final' });
      await expect(movies.count()).resolves.toBe(1);
    });

    it('merge sets only the given fields and keeps the others', async () => {
      const movies = freshCollection();
      await movies.put({
        _id: 'm1',
        title: 'Heat',
        year: 1995,
        details: { runtime: 170, tags: ['crime'] },
      });

      await movies.merge('m1', { overview: 'A group of professional bank robbers…', year: null });

      await expect(movies.get('m1')).resolves.toEqual({
        _id: 'm1',
        title: 'Heat',
        year: null,
        overview: 'A group of professional bank robbers…',
        details: { runtime: 170, tags: ['crime'] },
      });
    });

    it('merge replaces a nested value whole, at the top level', async () => {
      const movies = freshCollection();
      await movies.put({ _id: 'm1', title: 'Heat', details: { runtime: 170, tags: ['crime'] } });

      await movies.merge('m1', { details: { runtime: 171 } });

      await expect(movies.get('m1')).resolves.toEqual({
        _id: 'm1',
        title: 'Heat',
        details: { runtime: 171 },
      });
    });

    it('merge creates a missing document from the given fields', async () => {
      const movies = freshCollection();

      await movies.merge('new', { title: 'Created by merge' });
      await movies.merge('empty', {});

      await expect(movies.getMany(['new', 'empty'])).resolves.toEqual([
        { _id: 'new', title: 'Created by merge' },
        { _id: 'empty' },
      ]);
    });

    it('getMany returns documents in the order asked, null where missing, in one round trip', async () => {
      const movies = freshCollection();
      await movies.putMany([
        { _id: 'a', title: 'A' },
        { _id: 'b', title: 'B' },
        { _id: 'c', title: 'C' },
      ]);

      let result: (Movie | null)[] = [];
      const trips = await countRoundTrips(async () => {
        result = await movies.getMany(['c', 'missing', 'a', 'c', 'b']);
      });

      expect(result).toEqual([
        { _id: 'c', title: 'C' },
        null,
        { _id: 'a', title: 'A' },
        { _id: 'c', title: 'C' },
        { _id: 'b', title: 'B' },
      ]);
      expectRoundTrips(trips, 1);
    });

    it('getMany of no ids returns [] without a round trip', async () => {
      const movies = freshCollection();
      let result: (Movie | null)[] | undefined;

      const trips = await countRoundTrips(async () => {
        result = await movies.getMany([]);
      });

      expect(result).toEqual([]);
      expectRoundTrips(trips, 0);
    });

    it('putMany upserts every document, is idempotent, and lets the last of a repeated id win', async () => {
      const movies = freshCollection();
      await movies.put({ _id: 'm2', title: 'Old title', overview: 'dropped on replace' });
      const docs: Movie[] = [
        { _id: 'm1', title: 'One' },
        { _id: 'm2', title: 'Two' },
        { _id: 'm3', title: 'Three (draft)' },
        { _id: 'm3', title: 'Three' },
      ];

      await movies.putMany(docs);
      await movies.putMany(docs);

      await expect(movies.count()).resolves.toBe(3);
      await expect(movies.getMany(['m1', 'm2', 'm3'])).resolves.toEqual([
        { _id: 'm1', title: 'One' },
        { _id: 'm2', title: 'Two' },
        { _id: 'm3', title: 'Three' },
      ]);
    });

    it('putMany writes in batches of 500, one round trip each', async () => {
      const movies = freshCollection();
      const docs = Array.from({ length: 1_001 }, (_, index): Movie => ({
        _id: `m${index}`,
        title: `Movie ${index}`,
      }));

      const trips = await countRoundTrips(() => movies.putMany(docs));

      expectRoundTrips(trips, 3);
      await expect(movies.count()).resolves.toBe(1_001);
      await expect(movies.get('m1000')).resolves.toEqual({ _id: 'm1000', title: 'Movie 1000' });
      await expect(movies.putMany([])).resolves.toBeUndefined();
    });

    it('mergeMany merges each entry like merge, creating missing documents and applying repeats in order', async () => {
      const movies = freshCollection();
      await movies.put({ _id: 'm1', title: 'Heat', year: 1995, overview: 'kept' });
      const entries = [
        { id: 'm1', fields: { year: 1996, details: { runtime: 170 } } },
        { id: 'm2', fields: { title: 'Created by mergeMany' } },
        { id: 'm1', fields: { year: null } },
      ];

      await movies.mergeMany(entries);
      await movies.mergeMany(entries);

      await expect(movies.count()).resolves.toBe(2);
      await expect(movies.getMany(['m1', 'm2'])).resolves.toEqual([
        { _id: 'm1', title: 'Heat', year: null, overview: 'kept', details: { runtime: 170 } },
        { _id: 'm2', title: 'Created by mergeMany' },
      ]);
    });

    it('mergeMany writes in batches of 500, one round trip each, and refuses bad entries before writing', async () => {
      const movies = freshCollection();
      const entries = Array.from({ length: 1_001 }, (_, index) => ({
        id: `m${index}`,
        fields: { title: `Movie ${index}` },
      }));

      const trips = await countRoundTrips(() => movies.mergeMany(entries));

      expectRoundTrips(trips, 3);
      await expect(movies.count()).resolves.toBe(1_001);
      await expect(movies.mergeMany([])).resolves.toBeUndefined();
      await expect(
        movies.mergeMany([
          { id: 'fine', fields: { title: 'never written' } },
          { id: 'bad', fields: { _id: 'other' } },
        ]),
      ).rejects.toThrow(TypeError);
      await expect(
        movies.mergeMany([{ id: { $gt: '' } as unknown as string, fields: {} }]),
      ).rejects.toThrow(TypeError);
      await expect(movies.get('fine')).resolves.toBeNull();
    });

    it('delete removes a document and says whether there was one', async () => {
      const movies = freshCollection();
      await movies.putMany([
        { _id: 'keep', title: 'Keep' },
        { _id: 'drop', title: 'Drop' },
      ]);

      await expect(movies.delete('drop')).resolves.toBe(true);
      await expect(movies.delete('drop')).resolves.toBe(false);
      await expect(movies.get('drop')).resolves.toBeNull();
      await expect(movies.get('keep')).resolves.toEqual({ _id: 'keep', title: 'Keep' });
    });

    it('counts the documents of one collection only', async () => {
      const movies = freshCollection();
      const people = freshCollection();
      await movies.putMany([
        { _id: 'shared-id', title: 'A movie' },
        { _id: 'm2', title: 'Another' },
      ]);
      await people.put({ _id: 'shared-id', title: 'A person' });

      await expect(movies.count()).resolves.toBe(2);
      await expect(people.count()).resolves.toBe(1);
      await expect(freshCollection().count()).resolves.toBe(0);
      await expect(people.get('shared-id')).resolves.toEqual({
        _id: 'shared-id',
        title: 'A person',
      });
    });

    it('round-trips unicode and nested values', async () => {
      const movies = freshCollection<Document>();
      const doc: Document = {
        _id: 'tt0211915 / 天使',
        title: 'Le Fabuleux Destin d’Amélie Poulain',
        akas: ['千と千尋の神隠し', 'Крёстный отец', 'الرسالة', 'e\u0301', '🎬🍿👩‍👩‍👧'],
        quoted: 'she said "hi" \\ bye\n\ttab',
        numbers: {
          int: 42,
          negative: -7,
          float: 0.1,
          tiny: 1e-7,
          big: 9_007_199_254_740_991,
          zero: 0,
        },
        flags: [true, false, null],
        deep: { a: { b: { c: { d: [[1, [2, [3]]], { e: 'f' }] } } } },
        empty: { object: {}, array: [], string: '' },
        'ключ 🔑': 'unicode key',
      };

      await movies.put(doc);

      await expect(movies.get(doc._id)).resolves.toEqual(doc);
      await expect(movies.getMany([doc._id])).resolves.toEqual([doc]);
    });

    it('stores operator-looking values and field names as inert data', async () => {
      const movies = freshCollection<Document>();
      const doc: Document = {
        _id: 'm1',
        filter: { $gt: '' },
        $where: 'sleep(1000)',
        'dotted.name': { 'a.b': 1 },
        '%percent': '%2E',
        '': 'empty name',
        list: [{ $ne: null }, { $in: ['x'] }],
        wrapperLookalike: { '%[]': [1, 2] },
      };

      await movies.put(doc);
      await movies.put({ _id: 'm2' });
      await movies.merge('m2', { filter: { $exists: true }, 'x.y': { $set: { z: 1 } } });

      await expect(movies.get('m1')).resolves.toEqual(doc);
      await expect(movies.get('m2')).resolves.toEqual({
        _id: 'm2',
        filter: { $exists: true },
        'x.y': { $set: { z: 1 } },
      });
      await expect(movies.count()).resolves.toBe(2);
    });

    it('refuses ids that are not strings, so an operator object never reaches a query', async () => {
      const movies = freshCollection();
      await movies.put({ _id: 'm1', title: 'Secret' });
      const injected = { $gt: '' } as unknown as string;

      await expect(movies.get(injected)).rejects.toThrow(TypeError);
      await expect(movies.getMany([injected])).rejects.toThrow(TypeError);
      await expect(movies.delete(injected)).rejects.toThrow(TypeError);
      await expect(movies.merge(injected, { title: 'x' })).rejects.toThrow(TypeError);
      await expect(movies.put({ _id: injected, title: 'x' })).rejects.toThrow(TypeError);
      await expect(movies.get('')).rejects.toThrow(TypeError);
      await expect(movies.count()).resolves.toBe(1);
    });

    it('keeps what JSON keeps: dates become ISO strings, undefined fields disappear', async () => {
      const movies = freshCollection<Document>();

      await movies.put({
        _id: 'm1',
        released: new Date(Date.UTC(1994, 8, 23)),
        gone: undefined,
        list: [undefined],
      });
      await movies.merge('m1', { gone: undefined, added: new Date(0) });

      await expect(movies.get('m1')).resolves.toEqual({
        _id: 'm1',
        released: '1994-09-23T00:00:00.000Z',
        list: [null],
        added: '1970-01-01T00:00:00.000Z',
      });
    });

    it('replaces lone surrogates with U+FFFD and refuses NUL characters', async () => {
      const movies = freshCollection<Document>();

      await movies.put({ _id: 'm1', broken: 'a\ud800b' });

      await expect(movies.get('m1')).resolves.toEqual({ _id: 'm1', broken: 'a\ufffdb' });
      await expect(movies.put({ _id: 'm2', text: 'a\u0000b' })).rejects.toThrow(/NUL/);
      await expect(movies.merge('m2', { ['a\u0000b']: 1 })).rejects.toThrow(/NUL/);
      await expect(movies.get('m2')).resolves.toBeNull();
    });

    it('returns copies: changing a returned document changes nothing stored', async () => {
      const movies = freshCollection<Document>();
      await movies.put({ _id: 'm1', tags: ['a'] });
      const first = await movies.get('m1');
      (first?.['tags'] as string[]).push('b');

      await expect(movies.get('m1')).resolves.toEqual({ _id: 'm1', tags: ['a'] });
    });

    it('refuses bad collection names, merges that change _id, and documents that are not objects', async () => {
      const movies = freshCollection();

      expect(() => fixture.store.collection('')).toThrow(TypeError);
      expect(() => fixture.store.collection('system.users')).toThrow(TypeError);
      expect(() => fixture.store.collection('a$b')).toThrow(TypeError);
      await expect(movies.merge('m1', { _id: 'other' })).rejects.toThrow(/_id/);
      await expect(movies.put(null as never)).rejects.toThrow(TypeError);
      await expect(
        movies.putMany([{ _id: 'ok', title: 'fine' }, [] as unknown as Movie]),
      ).rejects.toThrow(TypeError);
      await expect(movies.count()).resolves.toBe(0);
    });

    it('refuses to work after close', async () => {
      const other = await open();
      const movies = other.store.collection<Movie>('movies');
      await other.store.close();
      try {
        await expect(movies.get('m1')).rejects.toThrow(/closed/);
        await expect(other.store.ping()).rejects.toThrow(/closed/);
        await expect(other.store.close()).resolves.toBeUndefined();
      } finally {
        await other.dispose();
      }
    });
  });
}
