import type { ServiceDefinition } from '@marquee/server-kit/serve';

/** The people subgraph as a process runs it: alone (`src/index.ts`) or beside the others (`marquee start`). */
export const peopleService: ServiceDefinition = {
  name: 'people',
  async build(stores, env, logger) {
    const [{ createPeopleSubgraph }, { subgraphServable }] = await Promise.all([
      import('./server.ts'),
      import('@marquee/server-kit/serve'),
    ]);
    return subgraphServable(
      createPeopleSubgraph({
        db: stores.db,
        logger,
        identitySecret: stores.identitySecret,
        stream: stores.stream,
        health: { checks: stores.healthChecks, intervalMs: env.HEALTH_CHECK_INTERVAL_MS },
      }),
    );
  },
};
