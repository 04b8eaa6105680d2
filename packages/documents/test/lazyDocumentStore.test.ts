import { describe, expect, it } from 'vitest';
import {
  createLazyDocumentStore,
  createMemoryDocumentStore,
  type DocumentStore,
} from '../src/index.ts';

function counted() {
  const state = { opens: 0, closes: 0 };
  const open = () => {
    state.opens += 1;
    const inner = createMemoryDocumentStore();
    const store: DocumentStore = {
      collection: (name) => inner.collection(name),
      ping: () => inner.ping(),
      close: async () => {
        state.closes += 1;
        await inner.close();
      },
    };
    return Promise.resolve(store);
  };
  return { state, open };
}

describe('lazy document store', () => {
  it('does not open the underlying store until a document is touched, then opens it once', async () => {
    const { state, open } = counted();
    const store = createLazyDocumentStore(open);
    const movies = store.collection<{ _id: string; overview: string }>('movies');
    expect(state.opens).toBe(0);
    await Promise.all([
      movies.put({ _id: 'm1', overview: 'A' }),
      movies.put({ _id: 'm2', overview: 'B' }),
    ]);
    expect(await movies.getMany(['m2', 'nope', 'm1'])).toEqual([
      { _id: 'm2', overview: 'B' },
      null,
      { _id: 'm1', overview: 'A' },
    ]);
    expect(await movies.count()).toBe(2);
    expect(state.opens).toBe(1);
    await store.close();
    expect(state.closes).toBe(1);
  });

  it('closes without ever connecting when nothing used it, and refuses use after close', async () => {
    const { state, open } = counted();
    const store = createLazyDocumentStore(open);
    await store.close();
    expect(state).toEqual({ opens: 0, closes: 0 });
    await expect(store.collection('movies').get('m1')).rejects.toThrow(/closed/);
  });
});
