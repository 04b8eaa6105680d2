import { MongoClient, type Collection, type Db, type MongoClientOptions } from 'mongodb';
import {
  assertCollectionName,
  assertId,
  assertIds,
  BATCH_SIZE,
  chunks,
  closedError,
  lastPerId,
  mergeEntries,
  mergeFields,
  splitDocument,
  translateError,
  type Document,
  type DocumentCollection,
  type DocumentStore,
} from './documentStore.ts';
import { decodeValue, encodeValue } from './mongoEncoding.ts';

export type MongoDocumentStoreOptions =
  /** The store opens (and `close()` closes) its own client. `dbName` defaults to the URL's path,
   * else `marquee`. */
  | {
      url: string;
      dbName?: string;
      /** Server selection and connect timeout; the socket timeout is ten times this. Default 2 s. */
      timeoutMs?: number;
    }
  /** A client created once per process and passed in, as it holds the connection pool; `close()` leaves it open. */
  | { client: MongoClient; dbName: string };

interface Stored {
  _id: string;
  [field: string]: unknown;
}

const DEFAULT_TIMEOUT_MS = 2_000;

/**
 * Fail fast when the server is away: the driver otherwise waits 30 s to select a server and
 * never times out a socket, so a stopped server held every request that needed a document.
 * Server selection and connecting get `timeoutMs`; an operation on an open socket that stops
 * answering (a hung server) gets ten times that — long enough for a large bulk write during
 * ingestion, and the router's subgraph timeout bounds what a client waits anyway.
 */
export function mongoClientOptions(timeoutMs: number): MongoClientOptions {
  return {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs * 10,
  };
}

/** The database named in a MongoDB connection string's path, if any. */
export function databaseNameFromUrl(url: string): string | undefined {
  const scheme = /^mongodb(\+srv)?:\/\//i.exec(url);
  if (scheme === null) return undefined;
  const rest = url.slice(scheme[0].length).split('?')[0] ?? '';
  // Credentials must be percent-encoded in a MongoDB URL, so the last '@' ends them.
  const hostsAndPath = rest.slice(rest.lastIndexOf('@') + 1);
  const slash = hostsAndPath.indexOf('/');
  if (slash === -1) return undefined;
  const name = decodeURIComponent(hostsAndPath.slice(slash + 1));
  return name === '' ? undefined : name;
}

/**
 * Documents in MongoDB, limited to what FerretDB 1.x also implements (no transactions, `$text` or
 * change streams): `findOne`/`find` with `$in`, `replaceOne`/`bulkWrite` upserts, `updateOne` with
 * `$set` and upsert, `deleteOne`, `countDocuments`.
 */
export async function createMongoDocumentStore(
  options: MongoDocumentStoreOptions,
): Promise<DocumentStore> {
  let client: MongoClient;
  let ownsClient: boolean;
  let dbName: string;
  if ('client' in options) {
    client = options.client;
    ownsClient = false;
    dbName = options.dbName;
  } else {
    ownsClient = true;
    dbName = options.dbName ?? databaseNameFromUrl(options.url) ?? 'marquee';
    let opened: MongoClient | undefined;
    try {
      opened = new MongoClient(
        options.url,
        mongoClientOptions(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      );
      await opened.connect();
    } catch (error) {
      // Stops the driver's monitors, which would otherwise keep retrying in the background.
      await opened?.close().catch(() => {});
      throw translateError('connect', undefined, error);
    }
    client = opened;
  }
  const db: Db = client.db(dbName);
  let closed = false;

  async function run<R>(
    operation: string,
    collection: string | undefined,
    work: () => Promise<R>,
  ): Promise<R> {
    if (closed) throw closedError();
    try {
      return await work();
    } catch (error) {
      throw translateError(operation, collection, error);
    }
  }

  const toDocument = <T extends Document>(stored: Stored): T => {
    const { _id, ...fields } = stored;
    return { _id, ...(decodeValue(fields) as object) } as T;
  };
  const toStored = (id: string, body: Record<string, unknown>): Stored => ({
    _id: id,
    ...(encodeValue(body) as object),
  });

  return {
    collection<T extends Document>(name: string): DocumentCollection<T> {
      assertCollectionName(name);
      const collection: Collection<Stored> = db.collection<Stored>(name);
      return {
        async get(id) {
          assertId(id);
          const stored = await run('get', name, () => collection.findOne({ _id: id }));
          return stored === null ? null : toDocument<T>(stored);
        },
        async getMany(ids) {
          assertIds(ids);
          if (ids.length === 0) return [];
          const found = await run('getMany', name, () =>
            collection.find({ _id: { $in: [...new Set(ids)] } }).toArray(),
          );
          const byId = new Map(found.map((stored) => [stored._id, stored]));
          return ids.map((id) => {
            const stored = byId.get(id);
            return stored === undefined ? null : toDocument<T>(stored);
          });
        },
        async put(doc) {
          const { id, body } = splitDocument(doc);
          await run('put', name, () =>
            collection.replaceOne({ _id: id }, toStored(id, body), { upsert: true }),
          );
        },
        async putMany(docs) {
          const entries = lastPerId(docs.map(splitDocument), (entry) => entry.id);
          for (const batch of chunks(entries, BATCH_SIZE)) {
            await run('putMany', name, () =>
              collection.bulkWrite(
                batch.map(({ id, body }) => ({
                  replaceOne: {
                    filter: { _id: id },
                    replacement: toStored(id, body),
                    upsert: true,
                  },
                })),
                // Ids are unique within a batch, so order does not matter and the server may
                // apply the writes in parallel.
                { ordered: false },
              ),
            );
          }
        },
        async merge(id, fields) {
          assertId(id);
          const changes = mergeFields(id, fields);
          const set = encodeValue(changes) as Record<string, unknown>;
          await run('merge', name, () =>
            collection.updateOne({ _id: id }, { $set: set }, { upsert: true }),
          );
        },
        async mergeMany(entries) {
          for (const batch of chunks(mergeEntries(entries), BATCH_SIZE)) {
            await run('mergeMany', name, () =>
              collection.bulkWrite(
                batch.map(({ id, fields }) => ({
                  updateOne: {
                    filter: { _id: id },
                    update: { $set: encodeValue(fields) as Record<string, unknown> },
                    upsert: true,
                  },
                })),
                { ordered: false },
              ),
            );
          }
        },
        async delete(id) {
          assertId(id);
          const result = await run('delete', name, () => collection.deleteOne({ _id: id }));
          return result.deletedCount > 0;
        },
        async count() {
          return run('count', name, () => collection.countDocuments({}));
        },
      };
    },
    async ping() {
      await run('ping', undefined, () => db.command({ ping: 1 }));
    },
    async close() {
      if (closed) return;
      closed = true;
      if (ownsClient) await client.close();
    },
  };
}
