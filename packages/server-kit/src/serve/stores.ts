import { countedCache } from './countedCache.ts';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { loadOrCreateLocalSecrets, TokenService } from '@marquee/auth';
import {
  createMemoryCache,
  createMemoryEntityStore,
  createMemoryLockStore,
  createMemoryRateLimiter,
  createMemorySlotStore,
  createMemoryRevocationStore,
  createRedisCache,
  createRedisClient,
  createRedisEntityStore,
  createRedisLockStore,
  pingRedis,
  createRedisRateLimiter,
  createRedisRevocationStore,
  createRedisSlotStore,
  type Cache,
  type EntityStore,
  type LockStore,
  type RateLimiter,
  type RevocationStore,
  type SlotStore,
} from '@marquee/cache';
import {
  openDatabase,
  openEmbeddedDatabase,
  type Database,
  type EmbeddedDatabase,
} from '@marquee/db';
import {
  createLazyDocumentStore,
  createMongoDocumentStore,
  createSqlDocumentStore,
  type DocumentStore,
} from '@marquee/documents';
import { EnvError, type Env } from '@marquee/env';
import type { Logger } from '@marquee/logger';
import type { HealthCheck } from '../healthMonitor.ts';
import {
  createMemoryEventStream,
  createMemoryPubSub,
  createRedisEventStream,
  createRedisPubSub,
  type EventStream,
  type MarqueeTopics,
  type PubSub,
} from '@marquee/pubsub';
import { deliverRelayed, relayToOwner } from './relayPubSub.ts';
import { checkBackends } from './startupChecks.ts';

/**
 * Every process-wide client, opened once and handed to the services that need them: connections
 * (and PGlite, which one process owns) are per process, never per request or per service.
 */
export interface Stores {
  db: Database;
  documents: DocumentStore;
  pubsub: PubSub<MarqueeTopics>;
  /** Durable events between services (delivered at least once): Redis streams, or in process. */
  stream: EventStream<MarqueeTopics>;
  cache: Cache;
  /** Claims on events and short locks between replicas (shared on Redis). */
  locks: LockStore;
  /** Router rate-limit counters (shared by every router replica on Redis). */
  rateLimiter: RateLimiter;
  /** Logged-out access tokens: the users subgraph writes, the router checks every request. */
  revocations: RevocationStore;
  /** The router's per-user subscription slots (shared by every router replica on Redis). */
  subscriptionSlots: SlotStore;
  /** Automatic persisted queries the router registered (shared by every router replica on Redis). */
  persistedQueries: Cache;
  /** The router's entity cache (shared by every router replica on Redis); used only when ENTITY_CACHE_SECONDS is set. */
  entities: EntityStore;
  /**
   * The Redis connection caches and counters use (services mode), for a service that
   * coordinates its replicas through Redis (the recommendations training lock); undefined in
   * the embedded default, where one process runs everything.
   */
  redis: Redis | undefined;
  tokens: TokenService;
  identitySecret: string;
  /** Checks of the shared servers for /health (Redis in services mode). */
  healthChecks: Record<string, HealthCheck>;
  /** Which backends are in use, for logs and health. */
  backends: {
    relational: 'postgres' | 'pglite';
    documents: 'mongodb' | 'postgres-jsonb';
    redis: 'redis' | 'in-process';
  };
  close(): Promise<void>;
}

/** Token keys and the identity secret; `signs` for the one service that issues tokens. */
export async function loadSecrets(
  env: Env,
  options: { signs: boolean },
): Promise<{ tokens: TokenService; identitySecret: string }> {
  if (env.TOKEN_PUBLIC_KEY !== undefined && env.INTERNAL_IDENTITY_SECRET !== undefined) {
    if (options.signs && env.TOKEN_SECRET_KEY === undefined) {
      throw new EnvError('TOKEN_SECRET_KEY is required by the service that issues tokens (users).');
    }
    return {
      tokens: await TokenService.fromKeys({
        publicKey: env.TOKEN_PUBLIC_KEY,
        ...(env.TOKEN_SECRET_KEY === undefined ? {} : { secretKey: env.TOKEN_SECRET_KEY }),
      }),
      identitySecret: env.INTERNAL_IDENTITY_SECRET,
    };
  }
  if (env.NODE_ENV === 'production') {
    throw new EnvError(
      'TOKEN_PUBLIC_KEY and INTERNAL_IDENTITY_SECRET (and TOKEN_SECRET_KEY for the users subgraph) are required in production (generate them with `npx marquee keys`).',
    );
  }
  const local = await loadOrCreateLocalSecrets(resolve(env.MARQUEE_DATA_DIR));
  return {
    tokens: await TokenService.fromKeys(local),
    identitySecret: env.INTERNAL_IDENTITY_SECRET ?? local.internalIdentitySecret,
  };
}

/**
 * What the router needs besides its keys: rate-limit counters and the revocation list. On Redis
 * they are shared with every router replica and with the users subgraph (which revokes on log
 * out); without REDIS_URL they are in-process, which is right only when the users subgraph runs in
 * the same process (embedded mode).
 */
export function openEdgeStores(
  env: Env,
): Pick<Stores, EdgeStore | 'close' | 'healthChecks'> & Partial<Pick<Stores, 'stream'>> {
  // The entity cache's invalidations arrive on the event stream, opened only when it is on.
  const durable = env.ENTITY_CACHE_SECONDS > 0 ? openEventStream(env) : undefined;
  const stream = durable === undefined ? {} : { stream: durable.stream };
  if (env.REDIS_URL === undefined)
    return {
      ...edgeStores(undefined, env.REDIS_PREFIX, env.ENTITY_CACHE_SECONDS),
      ...stream,
      healthChecks: {},
      close: async () => {
        await durable?.close();
      },
    };
  const redis = createRedisClient(env.REDIS_URL, {
    commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
  });
  return {
    ...edgeStores(redis, env.REDIS_PREFIX, env.ENTITY_CACHE_SECONDS),
    ...stream,
    healthChecks: redisHealthCheck(redis),
    close: async () => {
      await durable?.close();
      await redis.quit();
    },
  };
}

/** REDIS_COMMAND_TIMEOUT_MS's default, for callers that pass only the Redis URL and prefix. */
const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 500;

/** Redis is never required to serve: rate limits fail open, caches miss, events wait in the outbox. */
const redisHealthCheck = (redis: Redis): Record<string, HealthCheck> => ({
  redis: { run: () => pingRedis(redis), required: false },
});

type EdgeStore =
  'rateLimiter' | 'revocations' | 'subscriptionSlots' | 'persistedQueries' | 'entities';

/** Rate-limit counters, revocations and subscription slots on the given Redis connection, or in process without one. */
function edgeStores(
  redis: Redis | undefined,
  prefix: string,
  entitySeconds: number,
): Pick<Stores, EdgeStore> {
  // An entity's hash outlives none of its values; invalidation marks live as long.
  const ttlSeconds = Math.max(entitySeconds, 1);
  if (redis === undefined) {
    return {
      rateLimiter: createMemoryRateLimiter(),
      revocations: createMemoryRevocationStore(),
      subscriptionSlots: createMemorySlotStore(),
      persistedQueries: createMemoryCache(),
      entities: createMemoryEntityStore({ ttlSeconds }),
    };
  }
  return {
    rateLimiter: createRedisRateLimiter({ redis, prefix: `${prefix}ratelimit:` }),
    revocations: createRedisRevocationStore({ redis, prefix: `${prefix}revoked:` }),
    subscriptionSlots: createRedisSlotStore({ redis, prefix: `${prefix}slots:` }),
    persistedQueries: createRedisCache({ redis, prefix: `${prefix}persisted:` }),
    entities: createRedisEntityStore({ redis, prefix: `${prefix}entities:`, ttlSeconds }),
  };
}

/** The document store the environment names (MongoDB at MONGO_URL, else JSONB on `db`), opened on first use. */
export function documentStoreFor(
  env: Pick<Env, 'MONGO_URL' | 'MONGO_TIMEOUT_MS'>,
  db: Database,
): DocumentStore {
  const mongoUrl = env.MONGO_URL;
  return createLazyDocumentStore(() =>
    mongoUrl === undefined
      ? createSqlDocumentStore(db.sql)
      : createMongoDocumentStore({ url: mongoUrl, timeoutMs: env.MONGO_TIMEOUT_MS }),
  );
}

export interface OpenRelationalOptions {
  /** What this process runs (`marquee start`, `marquee ingest`), named in the embedded lock file. */
  command: string;
  /** Apply pending migrations (the embedded owner always does). */
  migrate?: boolean;
  /** A server: on an embedded data directory another process owns, fail instead of going through it. */
  exclusive?: boolean;
}

/**
 * PostgreSQL at DATABASE_URL, or the embedded database in MARQUEE_DATA_DIR: owned by this
 * process if no other holds it, else reached through the owner's socket (see openEmbeddedDatabase).
 */
export async function openRelationalDatabase(
  env: Pick<Env, 'DATABASE_URL' | 'MARQUEE_DATA_DIR'>,
  options: OpenRelationalOptions,
): Promise<Database> {
  if (env.DATABASE_URL !== undefined)
    return openDatabase(
      { kind: 'postgres', url: env.DATABASE_URL },
      { migrate: options.migrate ?? false },
    );
  return openEmbeddedDatabase(resolve(env.MARQUEE_DATA_DIR), {
    command: options.command,
    exclusive: options.exclusive ?? false,
    ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
  });
}

const isEmbedded = (db: Database | undefined): db is EmbeddedDatabase =>
  db !== undefined && 'embedded' in db;

/**
 * Pub/sub at REDIS_URL (a publisher and a subscriber connection of its own: a subscribed Redis
 * connection can do nothing else), or in process without it. On the embedded database `db`, the
 * in-process pub/sub reaches across processes through the data directory's owner: a command
 * relays what it publishes to the owner, and the owner republishes what commands relay (see
 * relayPubSub.ts). `close` ends the pub/sub and its connections.
 */
export function openPubSub(
  env: Pick<Env, 'REDIS_URL' | 'REDIS_PREFIX'> & Partial<Pick<Env, 'REDIS_COMMAND_TIMEOUT_MS'>>,
  onHandlerError?: (error: unknown, topic: string) => void,
  db?: Database,
): { pubsub: PubSub<MarqueeTopics>; close(): Promise<void> } {
  const handlers = onHandlerError === undefined ? {} : { onHandlerError };
  if (env.REDIS_URL === undefined) {
    const local = createMemoryPubSub<MarqueeTopics>(handlers);
    if (!isEmbedded(db)) return { pubsub: local, close: () => local.close() };
    if (db.embedded.role === 'client')
      return { pubsub: relayToOwner(local, db), close: () => local.close() };
    const stop = deliverRelayed(db, local, (error) =>
      (onHandlerError ?? (() => undefined))(error, 'relayed event'),
    );
    return {
      pubsub: local,
      async close() {
        stop();
        await local.close();
      },
    };
  }
  const commandTimeoutMs = env.REDIS_COMMAND_TIMEOUT_MS ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
  const publisher = createRedisClient(env.REDIS_URL, { commandTimeoutMs });
  const subscriber = createRedisClient(env.REDIS_URL, { commandTimeoutMs, role: 'subscriber' });
  const pubsub = createRedisPubSub<MarqueeTopics>({
    publisher,
    subscriber,
    prefix: env.REDIS_PREFIX,
    ...handlers,
  });
  return {
    pubsub,
    async close() {
      await pubsub.close();
      await Promise.all([publisher.quit(), subscriber.quit()]);
    },
  };
}

/**
 * The durable event stream at REDIS_URL (Redis streams; each consumer blocks on a connection of
 * its own), or in process without it — where producer and consumer share the process, so
 * nothing outlives it that needs to.
 */
export function openEventStream(
  env: Pick<Env, 'REDIS_URL' | 'REDIS_PREFIX' | 'REDIS_COMMAND_TIMEOUT_MS'>,
): {
  stream: EventStream<MarqueeTopics>;
  close(): Promise<void>;
} {
  const redisUrl = env.REDIS_URL;
  if (redisUrl === undefined) {
    const stream = createMemoryEventStream<MarqueeTopics>();
    return { stream, close: () => stream.close() };
  }
  const redis = createRedisClient(redisUrl, { commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS });
  const blocking: Redis[] = [];
  const stream = createRedisEventStream<MarqueeTopics>({
    redis,
    prefix: env.REDIS_PREFIX,
    blockingConnection: () => {
      const connection = createRedisClient(redisUrl, {
        commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
        role: 'blocking',
      });
      blocking.push(connection);
      return connection;
    },
  });
  return {
    stream,
    async close() {
      await stream.close();
      for (const connection of blocking) connection.disconnect();
      await redis.quit();
    },
  };
}

/** Opens real servers where their URL is set and the embedded stand-ins where it is not. */
export async function openStores(
  env: Env,
  options: {
    /** What this process runs, named in the embedded lock file (`marquee` when not given). */
    command?: string;
    /** A server: refuse an embedded data directory another process owns (see openRelationalDatabase). */
    exclusive?: boolean;
    migrate?: boolean;
    signs?: boolean;
    logger?: Logger;
  } = {},
): Promise<Stores> {
  const onHandlerError = (error: unknown, topic: string) =>
    options.logger?.error({ err: error, topic }, 'event handler failed');
  // A server that is not there stops the command here, naming its variable.
  await checkBackends(env);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const db = await openRelationalDatabase(env, {
      command: options.command ?? 'marquee',
      ...(options.exclusive === undefined ? {} : { exclusive: options.exclusive }),
      ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
    });
    closers.push(() => db.close());

    const documents = documentStoreFor(env, db);
    closers.push(() => documents.close());

    const events = openPubSub(env, onHandlerError, db);
    const { pubsub } = events;
    closers.push(() => events.close());
    const durable = openEventStream(env);
    closers.push(() => durable.close());
    let cache: Cache;
    let locks: LockStore;
    let rateLimiter: RateLimiter;
    let revocations: RevocationStore;
    let subscriptionSlots: SlotStore;
    let persistedQueries: Cache;
    let entities: EntityStore;
    let redis: Redis | undefined;
    let healthChecks: Record<string, HealthCheck> = {};
    if (env.REDIS_URL === undefined) {
      cache = countedCache(createMemoryCache());
      locks = createMemoryLockStore();
      ({ rateLimiter, revocations, subscriptionSlots, persistedQueries, entities } = edgeStores(
        undefined,
        env.REDIS_PREFIX,
        env.ENTITY_CACHE_SECONDS,
      ));
    } else {
      const cacheClient = createRedisClient(env.REDIS_URL, {
        commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
      });
      closers.push(() => cacheClient.quit());
      healthChecks = redisHealthCheck(cacheClient);
      cache = countedCache(
        createRedisCache({ redis: cacheClient, prefix: `${env.REDIS_PREFIX}cache:` }),
      );
      // The cache's prefix: these keys were the cache's before locks had a store of their own,
      // so replicas of either release exclude each other during a rolling deploy.
      locks = createRedisLockStore({ redis: cacheClient, prefix: `${env.REDIS_PREFIX}cache:` });
      ({ rateLimiter, revocations, subscriptionSlots, persistedQueries, entities } = edgeStores(
        cacheClient,
        env.REDIS_PREFIX,
        env.ENTITY_CACHE_SECONDS,
      ));
      redis = cacheClient;
    }
    closers.push(
      () => cache.close(),
      () => locks.close(),
      () => rateLimiter.close(),
      () => revocations.close(),
      () => subscriptionSlots.close(),
      () => persistedQueries.close(),
    );

    return {
      db,
      documents,
      pubsub,
      stream: durable.stream,
      cache,
      locks,
      redis,
      rateLimiter,
      revocations,
      subscriptionSlots,
      persistedQueries,
      entities,
      healthChecks,
      ...(await loadSecrets(env, { signs: options.signs ?? true })),
      backends: {
        relational: db.kind,
        documents: env.MONGO_URL === undefined ? 'postgres-jsonb' : 'mongodb',
        redis: env.REDIS_URL === undefined ? 'in-process' : 'redis',
      },
      async close() {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
