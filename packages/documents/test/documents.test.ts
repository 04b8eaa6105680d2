import { describe, expect, it } from 'vitest';
import { openDatabase, type SqlExecutor } from '@marquee/db';
import {
  createMemoryDocumentStore,
  createMongoDocumentStore,
  createSqlDocumentStore,
  DocumentStoreError,
} from '../src/index.ts';
import { databaseNameFromUrl } from '../src/mongoDocumentStore.ts';
import { decodeKey, decodeValue, encodeKey, encodeValue } from '../src/mongoEncoding.ts';
import { countingExecutor } from './countingExecutor.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';

describeDocumentStoreContract('memory document store', () => {
  const store = createMemoryDocumentStore();
  return Promise.resolve({ store, roundTrips: undefined, dispose: () => store.close() });
});

describeDocumentStoreContract('SQL document store on PGlite', async () => {
  const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  try {
    const counting = countingExecutor(db.sql);
    const store = await createSqlDocumentStore(counting.sql);
    return {
      store,
      roundTrips: counting.count,
      async dispose() {
        await store.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
});

describe('SQL document store', () => {
  it('creates its schema once and leaves the shared executor open on close', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: undefined }, { migrate: false });
    try {
      const first = await createSqlDocumentStore(db.sql);
      await first.collection('movies').put({ _id: 'm1', title: 'Kept' });
      const second = await createSqlDocumentStore(db.sql);

      await first.close();

      await expect(second.collection('movies').get('m1')).resolves.toEqual({
        _id: 'm1',
        title: 'Kept',
      });
      await expect(
        db.sql.query('SELECT count(*)::int AS n FROM documents.document'),
      ).resolves.toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('translates driver errors into DocumentStoreErrors without connection strings', async () => {
    const failing: SqlExecutor = {
      query: () =>
        Promise.reject(
          Object.assign(new Error('could not reach postgresql://marquee:hunter2@db:5432/marquee'), {
            code: '08006',
          }),
        ),
      exec: () => Promise.resolve(),
      copyFrom: () => Promise.resolve(),
      transaction: (work) => work(failing),
      close: () => Promise.resolve(),
    };

    const failure: unknown = await createSqlDocumentStore(failing).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DocumentStoreError);
    expect(failure).toMatchObject({ operation: 'create schema', code: '08006' });
    expect(String((failure as Error).message)).not.toMatch(/hunter2|marquee@|postgresql:/);
  });
});

describe('MongoDB document store', () => {
  it('reports an unreachable server without the connection string or its password', async () => {
    const failure: unknown = await createMongoDocumentStore({
      url: 'mongodb://marquee:hunter2@127.0.0.1:1/marquee?serverSelectionTimeoutMS=200&connectTimeoutMS=200',
    }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DocumentStoreError);
    expect((failure as Error).message).toMatch(/^Document store connect failed/);
    expect((failure as Error).message).not.toMatch(/hunter2|mongodb:/);
  });

  it('takes the database name from the URL path, else none', () => {
    expect(databaseNameFromUrl('mongodb://localhost:27017/movies')).toBe('movies');
    expect(
      databaseNameFromUrl('mongodb://u:p%40ss@h1:1,h2:2/catalog?replicaSet=rs&appName=a@b'),
    ).toBe('catalog');
    expect(databaseNameFromUrl('mongodb+srv://cluster.example.net/my%20db?retryWrites=true')).toBe(
      'my db',
    );
    expect(databaseNameFromUrl('mongodb://localhost:27017/?directConnection=true')).toBeUndefined();
    expect(databaseNameFromUrl('mongodb://localhost')).toBeUndefined();
  });

  it('escapes field names MongoDB refuses, reversibly, and leaves ordinary ones alone', () => {
    const names = ['title', '$gt', 'a.b', '%', '%2E', '%24x', '$', '.', '', 'x$y', 'α.β', '%25'];

    expect(names.map(encodeKey)).toEqual([
      'title',
      '%24gt',
      'a%2Eb',
      '%25',
      '%252E',
      '%2524x',
      '%24',
      '%2E',
      '%',
      'x$y',
      'α%2Eβ',
      '%2525',
    ]);
    expect(names.map(encodeKey).map(decodeKey)).toEqual(names);
    expect(
      names.map(encodeKey).filter((name) => name.startsWith('$') || name.includes('.')),
    ).toEqual([]);
  });

  it('wraps arrays inside arrays, which FerretDB refuses, and unwraps them on read', () => {
    const value = {
      polygon: [
        [
          [0, 0],
          [1, 1],
        ],
      ],
      flat: [1, 2],
      looksLikeWrapper: { '%[]': [1] },
    };

    const encoded = encodeValue(value);

    expect(encoded).toEqual({
      polygon: [{ '%[]': [{ '%[]': [0, 0] }, { '%[]': [1, 1] }] }],
      flat: [1, 2],
      looksLikeWrapper: { '%25[]': [1] },
    });
    expect(decodeValue(encoded)).toEqual(value);
  });
});
