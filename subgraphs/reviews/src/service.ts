import { subgraphUrl } from '@marquee/env';
import type { ServiceDefinition } from '@marquee/server-kit/serve';

/** The reviews subgraph as a process runs it: alone (`src/index.ts`) or beside the others (`marquee start`). */
export const reviewsService: ServiceDefinition = {
  name: 'reviews',
  async build(stores, env, logger) {
    const [{ createReviewsSubgraph }, { subgraphServable }, { createFederatedEntityExistence }] =
      await Promise.all([
        import('./server.ts'),
        import('@marquee/server-kit/serve'),
        import('@marquee/server-kit'),
      ]);
    return subgraphServable(
      createReviewsSubgraph({
        db: stores.db,
        logger,
        identitySecret: stores.identitySecret,
        health: { checks: stores.healthChecks, intervalMs: env.HEALTH_CHECK_INTERVAL_MS },
        stream: stores.stream,
        // Ratings and reviews of a film are checked with the movies subgraph, which owns the catalogue.
        movies: createFederatedEntityExistence({
          url: subgraphUrl(env, 'movies'),
          secret: stores.identitySecret,
          typename: 'Movie',
          noun: 'film',
        }),
      }),
    );
  },
};
