import type { Logger } from '@marquee/logger';
import { childCache, metrics } from '@marquee/telemetry';
import { GraphQLError } from 'graphql';

/**
 * Counts and logs a request the router refused while building its context (UNAUTHENTICATED for a
 * bad, expired or revoked token; RATE_LIMITED), which Apollo Server answers without running any
 * plugin, so the operation counter and access log would never see it. Refusals are always logged,
 * like failed operations; the token never is.
 */
export function refusalObserver(logger: Logger): (error: unknown) => void {
  const refused = childCache(metrics().requestsRefused);
  return (error) => {
    const code =
      error instanceof GraphQLError && typeof error.extensions['code'] === 'string'
        ? error.extensions['code']
        : 'INTERNAL_SERVER_ERROR';
    refused(code, { service: 'router', code }).inc();
    logger.info({ operation: null, status: 'refused', code, userId: null }, 'operation');
  };
}
