/* eslint-disable @typescript-eslint/require-await --
   The interface is asynchronous and this implementation is not: `async` turns a thrown
   validation error into a rejected promise, as the networked implementation behaves. */
import {
  assertCollectionName,
  assertId,
  assertIds,
  closedError,
  lastPerId,
  mergeEntries,
  mergeFields,
  splitDocument,
  type Document,
  type DocumentCollection,
  type DocumentStore,
} from './documentStore.ts';

/** Documents in process memory, for unit tests. Bodies are kept as JSON text, so callers never
 * share objects with the store. */
export function createMemoryDocumentStore(): DocumentStore {
  const collections = new Map<string, Map<string, string>>();
  let closed = false;
  const assertOpen = () => {
    if (closed) throw closedError();
  };

  const read = <T extends Document>(id: string, json: string | undefined): T | null =>
    json === undefined ? null : ({ _id: id, ...(JSON.parse(json) as object) } as T);

  return {
    collection<T extends Document>(name: string): DocumentCollection<T> {
      assertCollectionName(name);
      const documents = (): Map<string, string> => {
        let existing = collections.get(name);
        if (existing === undefined) {
          existing = new Map();
          collections.set(name, existing);
        }
        return existing;
      };
      return {
        async get(id) {
          assertOpen();
          assertId(id);
          return read<T>(id, documents().get(id));
        },
        async getMany(ids) {
          assertOpen();
          assertIds(ids);
          const stored = documents();
          return ids.map((id) => read<T>(id, stored.get(id)));
        },
        async put(doc) {
          assertOpen();
          const { id, body } = splitDocument(doc);
          documents().set(id, JSON.stringify(body));
        },
        async putMany(docs) {
          assertOpen();
          const split = lastPerId(docs.map(splitDocument), (entry) => entry.id);
          const stored = documents();
          for (const { id, body } of split) stored.set(id, JSON.stringify(body));
        },
        async merge(id, fields) {
          assertOpen();
          assertId(id);
          const changes = mergeFields(id, fields);
          const stored = documents();
          const current = stored.get(id);
          const body = current === undefined ? {} : (JSON.parse(current) as object);
          stored.set(id, JSON.stringify({ ...body, ...changes }));
        },
        async mergeMany(entries) {
          assertOpen();
          const stored = documents();
          for (const { id, fields } of mergeEntries(entries)) {
            const current = stored.get(id);
            const body = current === undefined ? {} : (JSON.parse(current) as object);
            stored.set(id, JSON.stringify({ ...body, ...fields }));
          }
        },
        async delete(id) {
          assertOpen();
          assertId(id);
          return documents().delete(id);
        },
        async count() {
          assertOpen();
          return documents().size;
        },
      };
    },
    async ping() {
      assertOpen();
    },
    async close() {
      closed = true;
      collections.clear();
    },
  };
}
