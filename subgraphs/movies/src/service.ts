import type { ServiceDefinition } from '@marquee/server-kit/serve';

/** The movies subgraph as a process runs it: alone (`src/index.ts`) or beside the others (`marquee start`). */
export const moviesService: ServiceDefinition = {
  name: 'movies',
  async build(stores, env, logger) {
    const [{ createMoviesSubgraph }, { subgraphServable }] = await Promise.all([
      import('./server.ts'),
      import('@marquee/server-kit/serve'),
    ]);
    return subgraphServable(
      createMoviesSubgraph({
        db: stores.db,
        documents: stores.documents,
        events: stores.stream,
        logger,
        identitySecret: stores.identitySecret,
        health: { checks: stores.healthChecks, intervalMs: env.HEALTH_CHECK_INTERVAL_MS },
      }),
    );
  },
};
