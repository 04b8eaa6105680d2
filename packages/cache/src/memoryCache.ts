/* eslint-disable @typescript-eslint/require-await --
   The interface is asynchronous and this implementation is not: `async` turns a thrown
   validation error into a rejected promise, as the networked implementation behaves. */
import { assertTtl, closedError, deserialize, serialize, type Cache } from './cache.ts';

export interface MemoryCacheOptions {
  /** Least-recently-used entries are evicted beyond this many. Default 10 000. */
  maxEntries?: number;
  /** Clock in milliseconds; tests may pass a fake one. Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  json: string;
  expiresAt: number;
}

/**
 * The in-process cache for the embedded single-process mode and unit tests. A `Map` keeps
 * insertion order, so re-inserting on every hit makes its first key the least recently used.
 */
export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const { maxEntries = 10_000, now = Date.now } = options;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(
      `createMemoryCache: maxEntries must be a whole number >= 1 (got ${maxEntries})`,
    );
  }
  const entries = new Map<string, Entry>();
  let closed = false;
  const assertOpen = () => {
    if (closed) throw closedError();
  };

  function read<T>(key: string): T | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    entries.delete(key);
    if (entry.expiresAt <= now()) return undefined;
    entries.set(key, entry);
    return deserialize<T>(entry.json);
  }

  function write(key: string, json: string, ttlSeconds: number): void {
    entries.delete(key);
    entries.set(key, { json, expiresAt: now() + ttlSeconds * 1000 });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      entries.delete(oldest.value);
    }
  }

  return {
    async get<T>(key: string) {
      assertOpen();
      return read<T>(key);
    },

    async getMany<T>(keys: readonly string[]) {
      assertOpen();
      return keys.map((key) => read<T>(key));
    },

    async set<T>(key: string, value: T, ttlSeconds: number) {
      assertOpen();
      assertTtl(ttlSeconds);
      write(key, serialize(key, value), ttlSeconds);
    },

    async delete(...keys: string[]) {
      assertOpen();
      for (const key of keys) entries.delete(key);
    },

    async close() {
      closed = true;
      entries.clear();
    },
  };
}
