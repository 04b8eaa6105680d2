import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import { defineSubgraph, type SubgraphHealthOptions } from '@marquee/server-kit';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createPeopleStore } from './stores/peopleStore.ts';
import { typeDefs } from './typeDefs.ts';

export { typeDefs };
export { createPeopleStore } from './stores/peopleStore.ts';
export {
  createPeopleImportStore,
  type ImportedCredit,
  type ImportedPerson,
  type PeopleImportStore,
} from './stores/peopleImport.ts';
export type { PeopleContext } from './context.ts';
export type { PeopleStores } from './types.ts';
export type { CreditRecord, PeopleStore, PersonRecord } from './stores/peopleStore.ts';

export interface PeopleDependencies {
  db: Database;
  logger: Logger;
  identitySecret: string;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
}

/** Builds the people subgraph; it never listens (STYLE §2). */
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
