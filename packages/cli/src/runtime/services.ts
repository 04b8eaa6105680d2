import {
  createHttpHandler,
  listen,
  serveSubgraphSubscriptions,
  type Listening,
  type Subgraph,
} from '@marquee/server-kit';
import {
  subgraphNames,
  subgraphPort,
  subgraphUrl,
  type Env,
  type SubgraphName,
} from '@marquee/env';
import type { Logger } from '@marquee/logger';
import { createMoviesSubgraph } from '@marquee/movies';
import { createPeopleSubgraph } from '@marquee/people';
import { createRecommendationsSubgraph } from '@marquee/recommendations';
import { createReviewsSubgraph } from '@marquee/reviews';
import { createRouter, readSupergraph } from '@marquee/router';
import { createUsersSubgraph } from '@marquee/users';
import type { Stores } from './stores.ts';

export type ServiceName = SubgraphName | 'router';
export const serviceNames: readonly ServiceName[] = [...subgraphNames, 'router'];

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
  };
  const built = {
    movies: () => createMoviesSubgraph({ ...common, documents: stores.documents }),
    people: () => createPeopleSubgraph(common),
    users: () =>
      createUsersSubgraph({
        ...common,
        tokens: stores.tokens,
        tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
        refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
        revocations: stores.revocations,
      }),
    reviews: () => createReviewsSubgraph({ ...common, pubsub: stores.pubsub }),
    recommendations: () =>
      createRecommendationsSubgraph({
        ...common,
        pubsub: stores.pubsub,
        cache: stores.cache,
        training: { lock: stores.trainingLock, intervalMs: env.TRAIN_INTERVAL_SECONDS * 1000 },
      }),
  }[name]();
  return built as unknown as Subgraph<unknown, unknown>;
}

export interface RunningService {
  name: ServiceName;
  url: string;
  stop(): Promise<void>;
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
  const listening: Listening = await listen(
    createHttpHandler({
      server: subgraph.server,
      createContext: subgraph.createContext,
      health: subgraph.health,
      logger,
    }),
    port,
    env.MARQUEE_HOST,
  );
  // Subgraphs with a Subscription root also answer graphql-ws, for the router only.
  const sockets =
    subgraph.schema.getSubscriptionType() == null
      ? undefined
      : serveSubgraphSubscriptions({
          server: listening.server,
          schema: subgraph.schema,
          identitySecret: subgraph.identitySecret,
          logger: subgraph.logger,
          contextFor: subgraph.contextFor,
        });
  return {
    name,
    url: `${listening.url}/graphql`,
    async stop() {
      await sockets?.close();
      await listening.close();
      await stopBackground();
      await subgraph.server.stop();
    },
  };
}

export async function serveRouter(
  stores: Pick<
    Stores,
    'tokens' | 'identitySecret' | 'rateLimiter' | 'revocations' | 'subscriptionSlots'
  >,
  env: Env,
  logger: Logger,
  port = env.ROUTER_PORT,
): Promise<RunningService> {
  const router = createRouter({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(env, name)])),
    tokens: stores.tokens,
    identitySecret: stores.identitySecret,
    logger: logger.child({ service: 'router' }),
    production: env.NODE_ENV === 'production',
    maxDepth: env.MAX_QUERY_DEPTH,
    maxCost: env.MAX_QUERY_COST,
    maxAliases: env.MAX_QUERY_ALIASES,
    maxTokens: env.MAX_QUERY_TOKENS,
    revocations: stores.revocations,
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
  });
  await router.server.start();
  const listening = await listen(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger,
      maxBodyBytes: 100_000,
    }),
    port,
    env.MARQUEE_HOST,
  );
  const stopSubscriptions = router.serveSubscriptions(listening.server);
  return {
    name: 'router',
    url: `${listening.url}/graphql`,
    async stop() {
      await stopSubscriptions();
      await listening.close();
      await router.server.stop();
    },
  };
}
