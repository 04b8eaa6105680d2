import type { Document, DocumentCollection, DocumentStore } from './documentStore.ts';

/**
 * A document store that connects on first use. Every Marquee process gets the same stores, but
 * only the movies subgraph (and the seed) reads or writes documents: the others should not hold
 * a MongoDB pool, or run the JSONB store's schema check, that nothing uses.
 */
export function createLazyDocumentStore(open: () => Promise<DocumentStore>): DocumentStore {
  let opened: Promise<DocumentStore> | undefined;
  let closed = false;
  const store = () => {
    if (closed) return Promise.reject(new Error('The document store is closed.'));
    // A failed open (the server was down) is not remembered: the next use tries again.
    opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };
  return {
    collection<T extends Document>(name: string): DocumentCollection<T> {
      const target = async () => (await store()).collection<T>(name);
      return {
        get: async (id) => (await target()).get(id),
        getMany: async (ids) => (await target()).getMany(ids),
        put: async (doc) => (await target()).put(doc),
        putMany: async (docs) => (await target()).putMany(docs),
        merge: async (id, fields) => (await target()).merge(id, fields),
        mergeMany: async (entries) => (await target()).mergeMany(entries),
        delete: async (id) => (await target()).delete(id),
        count: async () => (await target()).count(),
      };
    },
    ping: async () => (await store()).ping(),
    async close() {
      closed = true;
      if (opened !== undefined) await (await opened).close();
    },
  };
}
