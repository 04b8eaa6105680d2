import type { TokenService } from '@marquee/auth';
import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import { defineSubgraph } from '@marquee/server-kit';
import { createAccounts } from './accounts.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createUserStore } from './stores/userStore.ts';
import { typeDefs } from './typeDefs.ts';

export { typeDefs };
export { IMPORTED_USER_PREFIX } from './accounts.ts';
export { createUserImportStore, type ImportedUser, type UserImportStore } from './stores/userImport.ts';
export type { UsersContext, UsersStores } from './context.ts';
export type { NewUser, UserRecord, UserStore } from './stores/userStore.ts';
export { createUserStore };

export interface UsersDependencies {
  db: Database;
  logger: Logger;
  identitySecret: string;
  tokens: TokenService;
  tokenTtlSeconds: number;
}

/** Builds the users subgraph; it never listens (STYLE §2). */
export function createUsersSubgraph(deps: UsersDependencies) {
  const users = createUserStore(deps.db);
  return defineSubgraph({
    name: 'users',
    typeDefs,
    resolvers,
    stores: { users, accounts: createAccounts(users, deps.tokens, deps.tokenTtlSeconds) },
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checkHealth: () => deps.db.sql.query('SELECT 1'),
  });
}
