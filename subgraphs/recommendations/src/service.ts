import type { ServiceDefinition } from '@marquee/server-kit/serve';

/** The recommendations subgraph as a process runs it: alone (`src/index.ts`) or beside the others (`marquee start`). */
export const recommendationsService: ServiceDefinition = {
  name: 'recommendations',
  async build(stores, env, logger) {
    const [{ createRecommendationsSubgraph }, { openTrainingLock }, { subgraphServable }] =
      await Promise.all([
        import('./server.ts'),
        import('./training/sharedLock.ts'),
        import('@marquee/server-kit/serve'),
      ]);
    return subgraphServable(
      createRecommendationsSubgraph({
        db: stores.db,
        logger,
        identitySecret: stores.identitySecret,
        health: { checks: stores.healthChecks, intervalMs: env.HEALTH_CHECK_INTERVAL_MS },
        pubsub: stores.pubsub,
        stream: stores.stream,
        cache: stores.cache,
        locks: stores.locks,
        training: {
          lock: openTrainingLock(stores.redis, env.REDIS_PREFIX),
          intervalMs: env.TRAIN_INTERVAL_SECONDS * 1000,
        },
      }),
    );
  },
};
