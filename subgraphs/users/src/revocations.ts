import type { Logger } from '@marquee/logger';
import type { RevokedTokenStore } from './stores/revokedTokenStore.ts';

/**
 * The fast copy of the revocations that the router checks on every request (a `RevocationStore`
 * from @marquee/cache: Redis, or in process in the embedded default).
 */
export interface RevocationCache {
  revoke(tokenId: string, expiresAt: number): Promise<void>;
  isLoaded(): Promise<boolean>;
  markLoaded(): Promise<void>;
}

export interface TokenRevocations {
  /** Records the token durably, then in the router's copy; `expiresAt` in Unix seconds. */
  revoke(token: { tokenId: string; userId: string; expiresAt: number }): Promise<void>;
}

export interface DurableRevocations extends TokenRevocations {
  /** Loads the durable record into the router's copy when that copy says it was not loaded; returns how many tokens it loaded. */
  restoreIfLost(): Promise<number>;
  /** Restores at once, then checks the copy (and forgets expired records) every `intervalMs`; returns the stop function. */
  start(intervalMs?: number): Promise<() => Promise<void>>;
}

const STARTUP_ATTEMPTS = 10;

/**
 * Revocations kept in PostgreSQL (users schema) with the router's copy in front. A logout writes
 * both; a new process, or a Redis that lost its data, gets the copy reloaded from the record, so
 * a logged-out token stays refused across restarts until it expires.
 */
export function createDurableRevocations(options: {
  record: RevokedTokenStore;
  cache: RevocationCache;
  logger: Logger;
}): DurableRevocations {
  const { record, cache, logger } = options;
  const restoreIfLost = async () => {
    if (await cache.isLoaded()) return 0;
    const tokens = await record.unexpired(new Date());
    for (const token of tokens)
      await cache.revoke(token.tokenId, Math.floor(token.expiresAt.getTime() / 1000));
    await cache.markLoaded();
    if (tokens.length > 0)
      logger.info({ tokens: tokens.length }, 'revoked tokens loaded into the revocation cache');
    return tokens.length;
  };
  return {
    async revoke({ tokenId, userId, expiresAt }) {
      await record.save({ tokenId, userId, expiresAt: new Date(expiresAt * 1000) });
      await cache.revoke(tokenId, expiresAt);
    },
    restoreIfLost,
    async start(intervalMs = 30_000) {
      // A Redis that is slow or still starting when this process starts is waited for (about 15 s
      // in all) rather than failing the start: serving before the copy is loaded would accept
      // logged-out tokens, so the subgraph does not serve until it is.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await restoreIfLost();
          break;
        } catch (error) {
          if (attempt >= STARTUP_ATTEMPTS) throw error;
          logger.warn({ err: error, attempt }, 'revocation cache not reachable at start; retrying');
          await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 2_000)));
        }
      }
      let running: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        running = Promise.all([restoreIfLost(), record.purgeExpired(new Date())]).catch(
          (error: unknown) =>
            logger.warn({ err: error }, 'revocation upkeep failed; retrying at the next interval'),
        );
      }, intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
  };
}
