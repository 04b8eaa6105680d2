/**
 * The shared cache tier. The request tier is DataLoader; this tier outlives a request and, on
 * Redis, is shared by every replica. Nothing here coordinates replicas (a cache may lose what it
 * holds): locks and claims are a LockStore (coordination/locks.ts). Values are JSON, so every
 * implementation returns a fresh copy (never an alias of what was stored) and `Date`s come back
 * as ISO strings.
 */
export interface Cache {
  /** The cached value, or `undefined` on a miss. A cached `null` is a hit (negative caching). */
  get<T>(key: string): Promise<T | undefined>;
  /** One round trip; the result has the same length and order as `keys`. */
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  /** Stores `value` as JSON for `ttlSeconds` (a positive whole number; there is no "forever"). */
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  close(): Promise<void>;
}

/** `<service>:<entity>:<id>`, the one key shape every subgraph uses, so an invalidation knows every key it must clear. */
export function cacheKey(service: string, entity: string, id: string): string {
  for (const [name, part] of [
    ['service', service],
    ['entity', entity],
  ] as const) {
    // A colon here would make two different (service, entity, id) triples share a key.
    if (part === '' || part.includes(':')) {
      throw new TypeError(
        `cacheKey: ${name} must be non-empty and contain no ':' (got ${JSON.stringify(part)})`,
      );
    }
  }
  return `${service}:${entity}:${id}`;
}

export function assertTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new RangeError(`Cache TTL must be a whole number of seconds >= 1 (got ${ttlSeconds})`);
  }
}

/** JSON text for `value`; values JSON cannot represent (`undefined`, functions) are refused. */
export function serialize(key: string, value: unknown): string {
  const json: string | undefined = JSON.stringify(value);
  if (json === undefined) {
    throw new TypeError(
      `Cannot cache ${typeof value} under ${JSON.stringify(key)}: not representable as JSON`,
    );
  }
  return json;
}

/** Parses a stored value; anything unparseable (written by something else, truncated) is a miss. */
export function deserialize<T>(json: string | null | undefined): T | undefined {
  if (json === null || json === undefined) return undefined;
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined;
  }
}

export function closedError(): Error {
  return new Error('The cache is closed');
}
