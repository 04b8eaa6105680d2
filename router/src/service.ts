import { subgraphNames, subgraphUrl } from '@marquee/env';
import type { ServiceDefinition } from '@marquee/server-kit/serve';

/** Largest request body the router reads; larger ones get 413 before anything is parsed. */
const MAX_BODY_BYTES = 100_000;

/** The router as a process runs it: alone (`src/index.ts`) or in front of the subgraphs (`marquee start`). */
export const routerService: ServiceDefinition = {
  name: 'router',
  async build(stores, env, logger) {
    const [
      { createRouter },
      { readSupergraph },
      { createFederatedAccountCheck },
      { webListener },
      { manifestFor },
      { invalidateEntitiesOnEvents },
    ] = await Promise.all([
      import('./router.ts'),
      import('./compose.ts'),
      import('./accounts.ts'),
      import('./http/web.ts'),
      import('./persistedQueries/manifest.ts'),
      import('./upstream/entityInvalidation.ts'),
    ]);
    const entityCache =
      env.ENTITY_CACHE_SECONDS === 0
        ? undefined
        : { store: stores.entities, maxAgeSeconds: env.ENTITY_CACHE_SECONDS };
    const stopInvalidating =
      entityCache === undefined || stores.stream === undefined
        ? undefined
        : await invalidateEntitiesOnEvents({
            stream: stores.stream,
            store: entityCache.store,
            subgraphs: subgraphNames,
            logger,
          });
    const router = createRouter({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(env, name)])),
      tokens: stores.tokens,
      identitySecret: stores.identitySecret,
      logger,
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
      persistedQueries: {
        mode: env.PERSISTED_QUERIES,
        list: await manifestFor(env.PERSISTED_QUERIES, env.PERSISTED_QUERIES_MANIFEST),
        store: stores.persistedQueries,
      },
      ...(entityCache === undefined ? {} : { entityCache }),
    });
    return {
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger,
      maxBodyBytes: MAX_BODY_BYTES,
      wrapListener: (listener) =>
        webListener(
          {
            corsOrigins: env.CORS_ORIGINS,
            appDir: env.WEB_APP_DIR,
            explorer: env.EXPLORER_ENABLED,
          },
          listener,
        ),
      serveSockets: (server) => router.serveSubscriptions(server),
      close: () => {
        router.close();
        void stopInvalidating?.();
      },
    };
  },
};
