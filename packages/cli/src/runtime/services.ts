import {
  createFederatedEntityExistence,
  createHttpHandler,
  listen,
  serveSubgraphSubscriptions,
  type DrainResult,
  type Listening,
  type Subgraph,
} from '@marquee/server-kit';
import {
  subgraphNames,
  subgraphPort,
  subgraphUrl,
  subgraphUrlVariable,
  type Env,
  type SubgraphName,
} from '@marquee/env';
import type { Logger } from '@marquee/logger';
import { createMoviesSubgraph } from '@marquee/movies';
import { createPeopleSubgraph } from '@marquee/people';
import { createRecommendationsSubgraph } from '@marquee/recommendations';
import { createReviewsSubgraph } from '@marquee/reviews';
import {
  createFederatedAccountCheck,
  createRouter,
  readSupergraph,
  webListener,
} from '@marquee/router';
import { createUsersSubgraph } from '@marquee/users';
import type { Stores } from './stores.ts';

import type { ServiceName } from '../commands/arguments.ts';

export { serviceNames, type ServiceName } from '../commands/arguments.ts';

export function buildSubgraph(
  name: SubgraphName,
  stores: Stores,
  env: Env,
  logger: Logger,
): Subgraph<unknown, unknown> {
  const common = {
    db: stores.db,
    logger: logger.child({ service: name }),
    identitySecret: stores.identitySecret,
    health: { checks: stores.healthChecks, intervalMs: env.HEALTH_CHECK_INTERVAL_MS },
  };
  // Writes that name a film are checked with the movies subgraph, which owns the catalogue.
  const movies = () =>
    createFederatedEntityExistence({
      url: subgraphUrl(env, 'movies'),
      secret: stores.identitySecret,
      typename: 'Movie',
      noun: 'film',
    });
  const built = {
    movies: () =>
      createMoviesSubgraph({ ...common, documents: stores.documents, events: stores.stream }),
    people: () => createPeopleSubgraph(common),
    users: () =>
      createUsersSubgraph({
        ...common,
        tokens: stores.tokens,
        tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
        refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
        revocations: stores.revocations,
        stream: stores.stream,
        movies: movies(),
      }),
    reviews: () =>
      createReviewsSubgraph({
        ...common,
        stream: stores.stream,
        movies: movies(),
      }),
    recommendations: () =>
      createRecommendationsSubgraph({
        ...common,
        pubsub: stores.pubsub,
        stream: stores.stream,
        cache: stores.cache,
        locks: stores.locks,
        training: { lock: stores.trainingLock, intervalMs: env.TRAIN_INTERVAL_SECONDS * 1000 },
      }),
  }[name]();
  return built as unknown as Subgraph<unknown, unknown>;
}

export interface RunningService {
  name: ServiceName;
  url: string;
  /** True once `stop` began: no new connections are accepted and `/health` answers 503. */
  readonly draining: boolean;
  /**
   * Drains, then stops: stops accepting connections, closes WebSockets with 1001 (going away),
   * lets HTTP requests in flight finish for up to `graceMs` (0 cuts them at once), then stops
   * background work and the server.
   */
  stop(graceMs?: number): Promise<void>;
}

export async function serveSubgraph(
  name: SubgraphName,
  stores: Stores,
  env: Env,
  logger: Logger,
  port = subgraphPort(env, name),
): Promise<RunningService> {
  const subgraph = buildSubgraph(name, stores, env, logger);
  await subgraph.server.start();
  const stopBackground = await subgraph.start();
  let listening: Listening | undefined;
  try {
    listening = await listen(
      createHttpHandler({
        server: subgraph.server,
        createContext: subgraph.createContext,
        health: subgraph.health,
        draining: () => listening?.draining ?? false,
        logger,
      }),
      port,
      env.MARQUEE_HOST,
      { setting: subgraphUrlVariable(name) },
    );
  } catch (error) {
    await stopBackground();
    await subgraph.server.stop();
    throw error;
  }
  const http = listening;
  // Subgraphs with a Subscription root also answer graphql-ws, for the router only.
  const sockets =
    subgraph.schema.getSubscriptionType() == null
      ? undefined
      : serveSubgraphSubscriptions({
          server: http.server,
          schema: subgraph.schema,
          identitySecret: subgraph.identitySecret,
          logger: subgraph.logger,
          contextFor: subgraph.contextFor,
        });
  return {
    name,
    url: `${http.url}/graphql`,
    get draining() {
      return http.draining;
    },
    async stop(graceMs = 0) {
      const [drained] = await Promise.all([http.drain(graceMs), sockets?.close()]);
      reportCut(subgraph.logger, drained);
      await stopBackground();
      await subgraph.server.stop();
    },
  };
}

function reportCut(logger: Logger, drained: DrainResult): void {
  if (drained.cutRequests > 0) {
    logger.warn(
      { requests: drained.cutRequests },
      'requests still running when the shutdown grace period ended were cut (SHUTDOWN_GRACE_SECONDS)',
    );
  }
}

export async function serveRouter(
  stores: Pick<
    Stores,
    | 'tokens'
    | 'identitySecret'
    | 'rateLimiter'
    | 'revocations'
    | 'subscriptionSlots'
    | 'healthChecks'
  >,
  env: Env,
  logger: Logger,
  port = env.ROUTER_PORT,
): Promise<RunningService> {
  const routerLogger = logger.child({ service: 'router' });
  const router = createRouter({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(env, name)])),
    tokens: stores.tokens,
    identitySecret: stores.identitySecret,
    logger: routerLogger,
    production: env.NODE_ENV === 'production',
    explorer: env.EXPLORER_ENABLED,
    maxDepth: env.MAX_QUERY_DEPTH,
    maxCost: env.MAX_QUERY_COST,
    maxAliases: env.MAX_QUERY_ALIASES,
    maxTokens: env.MAX_QUERY_TOKENS,
    revocations: stores.revocations,
    accounts: createFederatedAccountCheck(subgraphUrl(env, 'users'), stores.identitySecret),
    rateLimit: {
      limiter: stores.rateLimiter,
      userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
      ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE,
      authPerMinute: env.RATE_LIMIT_AUTH_PER_MINUTE,
      writesPerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE,
      trustProxy: env.TRUST_PROXY,
    },
    subscriptions: {
      maxPerUser: env.MAX_SUBSCRIPTIONS_PER_USER,
      slots: stores.subscriptionSlots,
      maxPendingEvents: env.SUBSCRIPTION_BUFFER_EVENTS,
    },
    upstream: {
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      failureThreshold: env.SUBGRAPH_CIRCUIT_FAILURES,
      openMs: env.SUBGRAPH_CIRCUIT_OPEN_MS,
    },
    health: { checks: stores.healthChecks, intervalMs: env.HEALTH_CHECK_INTERVAL_MS },
  });
  await router.server.start();
  let listening: Listening | undefined;
  try {
    listening = await listen(
      webListener(
        { corsOrigins: env.CORS_ORIGINS, appDir: env.WEB_APP_DIR, explorer: env.EXPLORER_ENABLED },
        createHttpHandler({
          server: router.server,
          createContext: router.createContext,
          health: () => router.health(),
          draining: () => listening?.draining ?? false,
          logger,
          maxBodyBytes: 100_000,
        }),
      ),
      port,
      env.MARQUEE_HOST,
      { setting: 'ROUTER_PORT' },
    );
  } catch (error) {
    await router.server.stop();
    router.close();
    throw error;
  }
  const http = listening;
  const stopSubscriptions = router.serveSubscriptions(http.server);
  return {
    name: 'router',
    url: `${http.url}/graphql`,
    get draining() {
      return http.draining;
    },
    async stop(graceMs = 0) {
      const [drained] = await Promise.all([http.drain(graceMs), stopSubscriptions()]);
      reportCut(routerLogger, drained);
      await router.server.stop();
      router.close();
    },
  };
}
