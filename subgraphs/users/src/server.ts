import type { TokenService } from '@marquee/auth';
import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import { defineSubgraph, type SubgraphHealthOptions } from '@marquee/server-kit';
import { createAccounts, type TokenRevocations } from './accounts.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createPersonalStore } from './stores/personalStore.ts';
import { createRefreshTokenStore } from './stores/refreshTokenStore.ts';
import { createUserStore } from './stores/userStore.ts';
import { typeDefs } from './typeDefs.ts';

export { typeDefs };
export { IMPORTED_USER_PREFIX } from './accounts.ts';
export type { TokenRevocations } from './accounts.ts';
export {
  createUserImportStore,
  type ImportedUser,
  type UserImportStore,
} from './stores/userImport.ts';
export type { UsersContext, UsersStores } from './context.ts';
export type { NewUser, UserRecord, UserStore } from './stores/userStore.ts';
export { createUserStore };

export interface UsersDependencies {
  db: Database;
  logger: Logger;
  identitySecret: string;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
  tokens: TokenService;
  tokenTtlSeconds: number;
  /** How long a refresh token stays valid. Default 30 days. */
  refreshTtlSeconds?: number;
  /** Where logged-out access tokens are recorded; the router reads the same store. */
  revocations: TokenRevocations;
}

/** Builds the users subgraph; it never listens (STYLE §2). */
export function createUsersSubgraph(deps: UsersDependencies) {
  const users = createUserStore(deps.db);
  return defineSubgraph({
    name: 'users',
    typeDefs,
    resolvers,
    stores: {
      users,
      personal: createPersonalStore(deps.db),
      accounts: createAccounts({
        users,
        refreshTokens: createRefreshTokenStore(deps.db),
        revocations: deps.revocations,
        tokens: deps.tokens,
        ttlSeconds: deps.tokenTtlSeconds,
        refreshTtlSeconds: deps.refreshTtlSeconds ?? 30 * 24 * 3600,
      }),
    },
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
