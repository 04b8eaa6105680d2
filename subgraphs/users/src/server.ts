import type { TokenService } from '@marquee/auth';
import { relayOutbox, type Database, type OutboxRelay } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import {
  defineSubgraph,
  type EntityExistence,
  type SubgraphHealthOptions,
} from '@marquee/server-kit';
import { createAccounts } from './accounts.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createDurableRevocations, type RevocationCache } from './revocations.ts';
import { createPersonalStore } from './stores/personalStore.ts';
import { createRefreshTokenStore } from './stores/refreshTokenStore.ts';
import { createRevokedTokenStore } from './stores/revokedTokenStore.ts';
import { createUserStore, USERS_OUTBOX } from './stores/userStore.ts';
import { typeDefs } from './typeDefs.ts';

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
  /**
   * The copy of the logged-out tokens that the router checks (Redis, or in process); the users
   * subgraph keeps the durable record in PostgreSQL and reloads this copy when it is lost.
   */
  revocations: RevocationCache;
  /**
   * Where `account.deleted` is relayed from the outbox (Redis streams in services mode), for the
   * reviews and recommendations subgraphs' consumer groups.
   */
  stream: EventStream<MarqueeTopics>;
  /** The catalogue's films (a federated lookup to the movies subgraph); watchlist and list writes of unknown films are NOT_FOUND. */
  movies: EntityExistence;
}

/** Builds the users subgraph; it never listens, so tests run it in-process (src/index.ts serves it). */
export function createUsersSubgraph(deps: UsersDependencies) {
  let relay: OutboxRelay | undefined;
  const users = createUserStore(deps.db, () => relay?.wake());
  const revocations = createDurableRevocations({
    record: createRevokedTokenStore(deps.db),
    cache: deps.revocations,
    logger: deps.logger,
  });
  return defineSubgraph({
    name: 'users',
    typeDefs,
    resolvers,
    stores: { users, personal: createPersonalStore(deps.db) },
    services: {
      movies: deps.movies,
      accounts: createAccounts({
        users,
        refreshTokens: createRefreshTokenStore(deps.db),
        revocations,
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
    async start() {
      // Before the subgraph serves, a restarted process has every unexpired logout back in the router's copy.
      const stopRevocations = await revocations.start();
      const running = relayOutbox({
        sql: deps.db.sql,
        table: USERS_OUTBOX,
        stream: deps.stream,
        logger: deps.logger,
      });
      relay = running;
      return async () => {
        await running.stop();
        await stopRevocations();
      };
    },
  });
}
