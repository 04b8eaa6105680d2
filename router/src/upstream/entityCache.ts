import { createHash } from 'node:crypto';
import type { EntityStore } from '@marquee/cache';
import type { Logger } from '@marquee/logger';
import type { CacheHint } from './cacheHint.ts';

/**
 * The catalogue's entity types: invalidated by `rating.changed` (a film's rating summary and
 * reviews) and by every ingestion run (`catalog.changed`; see entityInvalidation.ts). Nothing
 * else is cached, whatever its hint: no event says when it changes.
 */
export const CATALOGUE_TYPES: ReadonlySet<string> = new Set(['Movie', 'Person']);

/** The key of one entity in one subgraph; what an invalidation names. */
export const entityKey = (subgraph: string, type: string, id: string) =>
  `${subgraph}:${type}:${id}`;

/** Query texts whose answers were not public, remembered so their fetches skip the lookup. */
const MAX_UNCACHEABLE = 1_000;

/** What a subgraph answered (parsed) and the cache hint of its `Cache-Control`. */
export interface FetchedEntities<Body extends FetchedBody = FetchedBody> {
  body: Body;
  hint: CacheHint;
}

export interface FetchedBody {
  data?: unknown;
  errors?: readonly unknown[];
}

interface StoredEntity {
  /** Expiry in the store's clock (µs). */
  x: number;
  /** The max-age the subgraph gave it, for the client's Cache-Control. */
  a: number;
  d: unknown;
}

type Representation = { __typename?: unknown; id?: unknown } & Record<string, unknown>;

/**
 * The router's entity cache (docs/caching.md): an `_entities` fetch for catalogue entities asks
 * the store first for each representation, sends only the misses, and stores what the subgraph
 * answered when the answer was public, error-free and cacheable for a while. An entity is stored
 * per selection: the field is a hash of the fetch's operation text and the representation.
 *
 * What keeps it from serving one caller's data to another: only answers the subgraph marked
 * `public` are stored (a field that depends on the caller has no public hint, and any such field
 * in a selection makes the whole answer private or uncacheable), and a selection with such a
 * field has a text of its own, so it never finds an entry.
 */
export function createEntityCache(options: {
  subgraph: string;
  store: EntityStore;
  /** The longest an entity is kept, whatever its hint (ENTITY_CACHE_SECONDS). */
  maxAgeSeconds: number;
  logger: Logger;
}) {
  const { subgraph, store, maxAgeSeconds, logger } = options;
  const uncacheable = new Set<string>();
  let failing = false;
  const storeFailed = (error: unknown) => {
    // Logged once per outage: the fetch goes on without the cache.
    if (!failing) logger.warn({ err: error, subgraph }, 'entity cache unavailable');
    failing = true;
  };

  return {
    /**
     * Answers an entity fetch from the store and `fetch` (called with the representations the
     * store missed, if any); any other fetch goes straight to `fetch`.
     */
    async resolve<Body extends FetchedBody>(
      query: string,
      variables: Record<string, unknown> | undefined,
      fetch: (representations: unknown[] | undefined) => Promise<FetchedEntities<Body>>,
    ): Promise<FetchedEntities<Body>> {
      const asked = variables?.['representations'];
      if (!Array.isArray(asked) || uncacheable.has(query)) return fetch(undefined);
      const representations: unknown[] = asked;
      const lookups = [];
      for (const representation of representations as Representation[]) {
        const type = representation.__typename;
        const id = representation.id;
        if (typeof type !== 'string' || !CATALOGUE_TYPES.has(type) || typeof id !== 'string')
          return fetch(undefined);
        lookups.push({
          entity: entityKey(subgraph, type, id),
          field: createHash('sha256')
            .update(query)
            .update('\u0000')
            .update(JSON.stringify(representation))
            .digest('base64url')
            .slice(0, 22),
        });
      }

      let read: Awaited<ReturnType<EntityStore['read']>>;
      try {
        read = await store.read(lookups);
        failing = false;
      } catch (error) {
        storeFailed(error);
        return fetch(undefined);
      }
      const entities: unknown[] = new Array(representations.length);
      const missing: number[] = [];
      let hitAge = Number.POSITIVE_INFINITY;
      read.values.forEach((value, index) => {
        const stored = value === undefined ? undefined : parseStored(value);
        if (stored === undefined || stored.x <= read.stamp) missing.push(index);
        else {
          entities[index] = stored.d;
          hitAge = Math.min(hitAge, stored.a);
        }
      });
      const hitHint: CacheHint = { maxAge: hitAge, scope: 'PUBLIC' };
      if (missing.length === 0)
        return { body: { data: { _entities: entities } } as Body, hint: hitHint };

      const fetched = await fetch(
        missing.length === representations.length
          ? undefined
          : missing.map((index) => representations[index]),
      );
      const answer = (fetched.body.data as { _entities?: unknown } | null | undefined)?._entities;
      const answered: unknown[] = Array.isArray(answer) ? answer : [];
      const { errors } = fetched.body;
      const complete = Array.isArray(answer) && answered.length === missing.length;
      if (complete && errors === undefined)
        await remember(lookups, missing, answered, fetched.hint, read.stamp, query);
      if (missing.length === representations.length) return fetched;
      // The misses' answers (or nulls, if the fetch failed) go where their representations were.
      missing.forEach(
        (index, position) => (entities[index] = complete ? answered[position] : null),
      );
      return {
        body: {
          ...fetched.body,
          data: { _entities: entities },
          ...(Array.isArray(errors)
            ? { errors: errors.map((error: unknown) => atOriginalIndex(error, missing)) }
            : {}),
        },
        hint: narrowest(fetched.hint, hitHint),
      };
    },
  };

  /** Stores a public, error-free answer; remembers a query whose answer was not public. */
  async function remember(
    lookups: { entity: string; field: string }[],
    missing: number[],
    answered: unknown[],
    hint: CacheHint,
    stamp: number,
    query: string,
  ): Promise<void> {
    if (hint.scope !== 'PUBLIC') {
      if (uncacheable.size >= MAX_UNCACHEABLE) uncacheable.clear();
      uncacheable.add(query);
      return;
    }
    const ttl = Math.min(hint.maxAge, maxAgeSeconds);
    if (ttl <= 0) return;
    const entries = missing.map((index, position) => ({
      entity: lookups[index]?.entity ?? '',
      field: lookups[index]?.field ?? '',
      value: JSON.stringify({
        x: stamp + ttl * 1_000_000,
        a: ttl,
        d: answered[position],
      } satisfies StoredEntity),
    }));
    // Awaited, so a response leaves after its entities are stored (or the store failed).
    await store.write(entries, stamp).catch(storeFailed);
  }
}

function parseStored(value: string): StoredEntity | undefined {
  try {
    const stored = JSON.parse(value) as Partial<StoredEntity>;
    return typeof stored.x === 'number' && typeof stored.a === 'number' && 'd' in stored
      ? (stored as StoredEntity)
      : undefined;
  } catch {
    return undefined;
  }
}

/** An error of the misses' fetch at `_entities.<i>` points at the representation it was for. */
function atOriginalIndex(error: unknown, missing: number[]): unknown {
  const found = (error as { path?: unknown } | null)?.path;
  const path: unknown[] = Array.isArray(found) ? found : [];
  if (path[0] !== '_entities' || typeof path[1] !== 'number') return error;
  return {
    ...(error as object),
    path: ['_entities', missing[path[1]] ?? path[1], ...path.slice(2)],
  };
}

function narrowest(hint: CacheHint, other: CacheHint | undefined): CacheHint {
  if (other === undefined) return hint;
  return {
    maxAge: Math.min(hint.maxAge, other.maxAge),
    ...(hint.scope === 'PRIVATE' || other.scope === 'PRIVATE'
      ? { scope: 'PRIVATE' as const }
      : hint.scope === undefined
        ? {}
        : { scope: hint.scope }),
  };
}
