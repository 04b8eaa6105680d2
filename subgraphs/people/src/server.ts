import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import { defineSubgraph, type SubgraphHealthOptions } from '@marquee/server-kit';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createPeopleStore } from './stores/peopleStore.ts';
import { typeDefs } from './typeDefs.ts';

export interface PeopleDependencies {
  db: Database;
  logger: Logger;
  identitySecret: string;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
}

/** Builds the people subgraph; it never listens, so tests run it in-process (src/index.ts serves it). */
export function createPeopleSubgraph(deps: PeopleDependencies) {
  return defineSubgraph({
    name: 'people',
    typeDefs,
    resolvers,
    stores: { people: createPeopleStore(deps.db) },
    services: {},
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checks: {
      postgresql: {
        run: () => deps.db.sql.query('SELECT 1').then(() => undefined),
        required: true,
      },
    },
    health: deps.health,
  });
}
