import type { IncomingMessage } from 'node:http';
import type { Identity, TokenService } from '@marquee/auth';
import type { Logger } from '@marquee/logger';
import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';
import { identityFromRequest, type TokenRevocationCheck } from '../identity.ts';
import { checkRateLimit, type RateLimitOptions } from '../rateLimit.ts';

/** Close codes a client may see besides graphql-ws's own (4400 bad request, 4403, 4408, …). */
export const SubscriptionCloseCode = {
  /** No token, an invalid one, or the session expired or was ended (graphql-ws's Unauthorized). */
  UNAUTHORIZED: CloseCode.Unauthorized,
  /** Over the rate limit: retry later (WebSocket's "Try Again Later"; graphql-ws clients do). */
  RATE_LIMITED: 1013,
  /** The client read events more slowly than they came and fell too far behind. */
  SLOW_CONSUMER: 4008,
} as const;

/** setTimeout's ceiling (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function closeWith(socket: WebSocket, code: number, reason: string): void {
  // A close frame's reason is at most 123 bytes (RFC 6455); `ws` throws on a longer one.
  const fitted = Buffer.from(reason)
    .subarray(0, 123)
    .toString()
    .replace(/\uFFFD$/, '');
  if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING)
    socket.close(code, fitted);
}

export interface ConnectionChecks {
  tokens: TokenService;
  revocations?: TokenRevocationCheck | undefined;
  rateLimit?: RateLimitOptions | undefined;
  logger: Logger;
  /** How often an open connection's session is checked against logouts. */
  revocationCheckMs: number;
}

/**
 * Authenticates `connection_init` once for the whole connection: the bearer token, its session
 * (not logged out) and the caller's rate limit, as an HTTP request is checked. On refusal the
 * socket is closed with the reason and undefined returned.
 */
export async function authenticateConnection(
  socket: WebSocket,
  request: IncomingMessage,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  checks: ConnectionChecks,
): Promise<Identity | undefined> {
  const authorization = authorizationOf(connectionParams);
  if (typeof authorization !== 'string' || authorization === '') {
    closeWith(
      socket,
      SubscriptionCloseCode.UNAUTHORIZED,
      'Unauthorized: send { "authorization": "Bearer <token>" } in connection_init',
    );
    return undefined;
  }
  let identity: Identity | undefined;
  try {
    identity = await identityFromRequest(
      { headers: { authorization } },
      checks.tokens,
      checks.revocations,
    );
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    closeWith(socket, SubscriptionCloseCode.UNAUTHORIZED, `Unauthorized: ${error.message}`);
    return undefined;
  }
  if (identity === undefined) {
    closeWith(socket, SubscriptionCloseCode.UNAUTHORIZED, 'Unauthorized');
    return undefined;
  }
  const limited = await checkRateLimit(checks.rateLimit, request, identity, checks.logger);
  if (limited !== undefined) {
    closeWith(socket, SubscriptionCloseCode.RATE_LIMITED, limited.message);
    return undefined;
  }
  return identity;
}

/**
 * The connection's session lease: the socket is closed when the token expires, and when a
 * periodic check finds its session logged out. Returns the timers, unref'd, for the caller to
 * clear when the socket closes.
 */
export function watchSession(
  socket: WebSocket,
  identity: Identity,
  checks: ConnectionChecks,
): NodeJS.Timeout[] {
  const timers: NodeJS.Timeout[] = [];
  const untilExpiry = identity.expiresAt * 1000 - Date.now();
  timers.push(
    setTimeout(
      () =>
        closeWith(
          socket,
          SubscriptionCloseCode.UNAUTHORIZED,
          'Unauthorized: your session has expired; reconnect with a new token',
        ),
      Math.min(Math.max(untilExpiry, 0), MAX_TIMER_MS),
    ),
  );
  const { revocations, logger } = checks;
  const tokenId = identity.tokenId;
  if (revocations !== undefined && tokenId !== undefined) {
    timers.push(
      setInterval(() => {
        revocations.isRevoked(tokenId).then(
          (revoked) =>
            revoked &&
            closeWith(
              socket,
              SubscriptionCloseCode.UNAUTHORIZED,
              'Unauthorized: this session has ended',
            ),
          (error: unknown) =>
            logger.warn({ err: error }, 'could not check a subscription session against logouts'),
        );
      }, checks.revocationCheckMs),
    );
  }
  for (const timer of timers) timer.unref();
  return timers;
}

/**
 * The bearer token of a `connection_init` payload: `authorization` in any letter case, at the top
 * level (`{ "authorization": "Bearer …" }`, the documented form) or inside `headers`, where Apollo
 * clients and the Explorer's connection settings often put it.
 */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): unknown {
  const find = (from: unknown): unknown => {
    if (typeof from !== 'object' || from === null) return undefined;
    const key = Object.keys(from).find((name) => name.toLowerCase() === 'authorization');
    return key === undefined ? undefined : (from as Record<string, unknown>)[key];
  };
  return find(params) ?? find(params?.['headers']);
}
