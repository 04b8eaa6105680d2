import DataLoader from 'dataloader';
import { ROUTER_SIGNATURE_HEADER, signRouterRequest } from '@marquee/auth';
import { notFound, upstreamUnavailable } from '@marquee/errors';

/**
 * Federated lookups: a subgraph asks the subgraph that owns an entity type for some of its
 * entities through the federation `_entities` field, exactly as the router does. This is how a
 * subgraph learns whether an entity exists without reading another subgraph's tables.
 */
export interface EntityFetchOptions {
  /** The owning subgraph's GraphQL URL. */
  url: string;
  /**
   * The internal identity secret: subgraphs answer only operations signed with it (the router's
   * request signature), and every service that looks entities up holds it anyway.
   */
  secret: string;
  typename: string;
  /** The fields to read, e.g. `id` or `id role`. */
  selection: string;
  /**
   * Default 10 000 ms. It guards against an owner that does not answer at all; a slow one under
   * load (1,000 concurrent writes on a busy 2-core machine took over 2 s) should still answer.
   */
  timeoutMs?: number;
}

/** The entities by key, `null` where the owner holds none; UPSTREAM_UNAVAILABLE when the owner cannot answer. */
export async function fetchEntities<T extends Record<string, unknown>>(
  options: EntityFetchOptions,
  ids: readonly string[],
): Promise<(T | null)[]> {
  const { url, secret, typename, selection, timeoutMs = 10_000 } = options;
  const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
  let body:
    | {
        data?: { _entities?: unknown } | null;
        errors?: { extensions?: { code?: unknown } }[];
      }
    | undefined;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [ROUTER_SIGNATURE_HEADER]: signRouterRequest(query, secret),
      },
      body: JSON.stringify({
        query,
        variables: { r: ids.map((id) => ({ __typename: typename, id })) },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const entities = body?.data?._entities;
  // An owner that answers but could not read its store (its database is down) nulls the entities
  // with an error of another code than NOT_FOUND: that is "cannot tell", never "does not exist".
  const failed = (body?.errors ?? []).some((error) => error.extensions?.code !== 'NOT_FOUND');
  if (!Array.isArray(entities) || entities.length !== ids.length || failed) {
    throw upstreamUnavailable(`The ${typename} lookup cannot be answered right now; try again.`);
  }
  return entities.map((entity) =>
    typeof entity === 'object' && entity !== null ? (entity as T) : null,
  );
}

/**
 * One entity at a time for callers, batched and shared for the owner: lookups asked in the same
 * tick go in one `_entities` request (up to 100 ids), and a caller asking for an id already being
 * looked up shares that lookup. Nothing is kept once a lookup has answered, so every new request
 * sees the owner's current data; under a burst of writes by the same users or of the same films
 * the owner answers a handful of requests instead of one per write.
 */
export function createEntityLoader<T extends Record<string, unknown>>(
  options: EntityFetchOptions,
): (id: string) => Promise<T | null> {
  const loader = new DataLoader<string, T | null>((ids) => fetchEntities<T>(options, ids), {
    maxBatchSize: 100,
  });
  return async (id) => {
    try {
      return await loader.load(id);
    } finally {
      loader.clear(id);
    }
  };
}

/** Whether entities of one type exist, asked of their owner. */
export interface EntityExistence {
  /** Resolves when the owner holds `id`; NOT_FOUND when it does not; UPSTREAM_UNAVAILABLE when it cannot be asked. */
  require(id: string): Promise<void>;
}

const missing = (noun: string, id: string) => notFound(`There is no ${noun} with the id "${id}".`);

/**
 * Existence through a federated lookup. Ids found are remembered (up to `rememberAtMost`, oldest
 * forgotten first): catalogue entries are added, not removed, in normal operation, and a write of
 * a popular film then costs no lookup. Ids not found are asked again each time, since ingestion
 * may add them at any moment.
 */
export function createFederatedEntityExistence(options: {
  url: string;
  /** The internal identity secret (see `EntityFetchOptions.secret`). */
  secret: string;
  typename: string;
  /** How errors name the entity, e.g. `film`. */
  noun: string;
  timeoutMs?: number;
  rememberAtMost?: number;
}): EntityExistence {
  const { noun, rememberAtMost = 10_000 } = options;
  const known = new Set<string>();
  const lookup = createEntityLoader({
    url: options.url,
    secret: options.secret,
    typename: options.typename,
    selection: '__typename',
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return {
    async require(id) {
      if (known.has(id)) return;
      if ((await lookup(id)) === null) throw missing(noun, id);
      known.add(id);
      if (known.size > rememberAtMost) known.delete(known.values().next().value as string);
    },
  };
}

/** A fixed set of ids, for unit tests that run a subgraph without its neighbours. */
export function createFixedEntityExistence(ids: Iterable<string>, noun: string): EntityExistence {
  const known = new Set(ids);
  return {
    require: (id) => (known.has(id) ? Promise.resolve() : Promise.reject(missing(noun, id))),
  };
}
