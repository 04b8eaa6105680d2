import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@marquee/db';
import { DisposalStack, createTestDatabase, createTestMongoDatabase } from '@marquee/testing';
import { createMongoDocumentStore, createSqlDocumentStore } from '../src/index.ts';
import { countingExecutor } from './countingExecutor.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

/** Commands that read or write documents; connection handshakes and heartbeats are not counted. */
const dataCommands = new Set([
  'find',
  'getMore',
  'insert',
  'update',
  'delete',
  'aggregate',
  'count',
]);

describeDocumentStoreContract('MongoDB document store on FerretDB', async () => {
  const database = await createTestMongoDatabase();
  let commands = 0;
  const client = new MongoClient(database.url, { monitorCommands: true });
  client.on('commandStarted', (event) => {
    if (dataCommands.has(event.commandName)) commands += 1;
  });
  await client.connect();
  const store = await createMongoDocumentStore({ client, dbName: database.dbName });
  return {
    store,
    roundTrips: () => commands,
    async dispose() {
      await store.close();
      await client.close();
      await database.dispose();
    },
  };
});

describeDocumentStoreContract('SQL document store on PostgreSQL', async () => {
  const database = await createTestDatabase({ migrate: false });
  const db = await openDatabase({ kind: 'postgres', url: database.url });
  const counting = countingExecutor(db.sql);
  const store = await createSqlDocumentStore(counting.sql);
  return {
    store,
    roundTrips: counting.count,
    async dispose() {
      await store.close();
      await db.close();
      await database.dispose();
    },
  };
});

describe('MongoDB document store', () => {
  it('opens its own client from a URL, using the database in its path, and closes it', async () => {
    const database = await createTestMongoDatabase();
    stack.defer(() => database.dispose());
    const store = await createMongoDocumentStore({ url: database.url });
    await store.collection('movies').put({ _id: 'm1', title: 'Alien' });
    await store.close();

    const client = stack.adopt(new MongoClient(database.url), (opened) => opened.close());
    await expect(
      client
        .db(database.dbName)
        .collection('movies')
        .findOne({ _id: 'm1' as never }),
    ).resolves.toEqual({
      _id: 'm1',
      title: 'Alien',
    });
  });

  it('stores escaped field names, so other MongoDB tools can read the documents', async () => {
    const database = await createTestMongoDatabase();
    stack.defer(() => database.dispose());
    const client = stack.adopt(new MongoClient(database.url), (opened) => opened.close());
    const store = await createMongoDocumentStore({ client, dbName: database.dbName });

    await store.collection('raw').put({ _id: 'p1', payload: { $gt: '', 'a.b': 1, plain: true } });

    await expect(
      client
        .db(database.dbName)
        .collection('raw')
        .findOne({ _id: 'p1' as never }),
    ).resolves.toEqual({
      _id: 'p1',
      payload: { '%24gt': '', 'a%2Eb': 1, plain: true },
    });
  });

  it('leaves a client it was given open on close', async () => {
    const database = await createTestMongoDatabase();
    stack.defer(() => database.dispose());
    const client = stack.adopt(new MongoClient(database.url), (opened) => opened.close());
    const store = await createMongoDocumentStore({ client, dbName: database.dbName });

    await store.close();

    await expect(client.db(database.dbName).command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });
});

describe('SQL document store on PostgreSQL', () => {
  it('creates its schema safely when several processes start at once', async () => {
    const database = await createTestDatabase({ migrate: false });
    stack.defer(() => database.dispose());
    const dbs = await Promise.all(
      Array.from({ length: 4 }, () =>
        openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }),
      ),
    );
    for (const db of dbs) stack.defer(() => db.close());

    const stores = await Promise.all(dbs.map((db) => createSqlDocumentStore(db.sql)));
    await stores[0]?.collection('movies').put({ _id: 'm1', title: 'Once' });

    await expect(stores[3]?.collection('movies').get('m1')).resolves.toEqual({
      _id: 'm1',
      title: 'Once',
    });
  });
});
