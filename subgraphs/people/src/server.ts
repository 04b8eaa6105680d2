import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import { defineSubgraph } from '@marquee/server-kit';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createPeopleStore } from './stores/peopleStore.ts';
import { typeDefs } from './typeDefs.ts';

export { typeDefs };
export { createPeopleStore } from './stores/peopleStore.ts';
export { createPeopleImportStore, type ImportedCredit, type ImportedPerson, type PeopleImportStore } from './stores/peopleImport.ts';
export type { PeopleContext, PeopleStores } from './context.ts';
export type { CreditRecord, PeopleStore, PersonRecord } from './stores/peopleStore.ts';

export interface PeopleDependencies {
  db: Database;
  logger: Logger;
  identitySecret: string;
}

/** Builds the people subgraph; it never listens (STYLE §2). */
export function createPeopleSubgraph(deps: PeopleDependencies) {
  return defineSubgraph({
    name: 'people',
    typeDefs,
    resolvers,
    stores: { people: createPeopleStore(deps.db) },
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checkHealth: () => deps.db.sql.query('SELECT 1'),
  });
}
