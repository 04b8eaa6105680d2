import { subgraphUrl } from '@marquee/env';
import type { ServiceDefinition } from '@marquee/server-kit/serve';

/** The users subgraph as a process runs it: alone (`src/index.ts`) or beside the others (`marquee start`). */
export const usersService: ServiceDefinition = {
  name: 'users',
  // The one service that issues tokens.
  signs: true,
  async build(stores, env, logger) {
    const [{ createUsersSubgraph }, { subgraphServable }, { createFederatedEntityExistence }] =
      await Promise.all([
        import('./server.ts'),
        import('@marquee/server-kit/serve'),
        import('@marquee/server-kit'),
      ]);
    return subgraphServable(
      createUsersSubgraph({
        db: stores.db,
        logger,
        identitySecret: stores.identitySecret,
        health: { checks: stores.healthChecks, intervalMs: env.HEALTH_CHECK_INTERVAL_MS },
        tokens: stores.tokens,
        tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
        refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
        revocations: stores.revocations,
        stream: stores.stream,
        // Watchlist and list writes that name a film are checked with the movies subgraph, which owns the catalogue.
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
