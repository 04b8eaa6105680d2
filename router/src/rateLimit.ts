import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { Identity } from '@marquee/auth';
import type { Logger } from '@marquee/logger';
import { rateLimited } from '@marquee/errors';
import { GraphQLError } from 'graphql';

/** The part of @marquee/cache's RateLimiter the router uses. */
export interface RouterRateLimiter {
  hit(
    key: string,
    limit: number,
    windowSeconds: number,
    weight?: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export interface RateLimitOptions {
  limiter: RouterRateLimiter;
  /** Requests per minute per signed-in user. */
  userPerMinute: number;
  /** Requests per minute per client IP, for requests without a token. */
  ipPerMinute: number;
  /** Take the client IP from `X-Forwarded-For` (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Per root field: sign-ups, log-ins and refreshes per minute per client IP (see fieldRateLimit.ts). */
  authPerMinute?: number;
  /** Per root field: other mutations per minute per signed-in user, or per IP without a token. */
  writesPerMinute?: number;
}

export type ClientRequest = Pick<IncomingMessage, 'headers'> & {
  socket?: { remoteAddress?: string | undefined };
};

/**
 * The client's address: the socket's peer, or — behind a trusted proxy — the first address in
 * X-Forwarded-For (the client as the outermost proxy saw it). Without the flag the header is
 * ignored, since any client can send it.
 */
export function clientIp(request: ClientRequest, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (first !== undefined && first !== '') return first;
  }
  return request.socket?.remoteAddress ?? 'unknown';
}

/**
 * Counts the request against its user (signed in) or its IP (anonymous) and refuses it with
 * HTTP 429, RATE_LIMITED, `retryAfterSeconds` and a Retry-After header once over the limit.
 */
export async function enforceRateLimit(
  options: RateLimitOptions,
  request: ClientRequest,
  identity: Identity | undefined,
): Promise<void> {
  const decision =
    identity === undefined
      ? await options.limiter.hit(
          `ip:${clientIp(request, options.trustProxy)}`,
          options.ipPerMinute,
          60,
        )
      : await options.limiter.hit(`user:${identity.userId}`, options.userPerMinute, 60);
  if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds);
}

/** RATE_LIMITED with HTTP 429, `retryAfterSeconds` and a Retry-After header. */
export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  const error = rateLimited(retryAfterSeconds);
  const headers = new HeaderMap([['retry-after', String(retryAfterSeconds)]]);
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status: 429, headers } },
  });
}

/**
 * `enforceRateLimit` as HTTP requests and subscriptions apply it: over the limit comes back as the
 * error to answer with; a counter store that cannot be reached is not a reason to refuse
 * everyone, so the router fails open and says so in the log.
 */
export async function checkRateLimit(
  options: RateLimitOptions | undefined,
  request: ClientRequest,
  identity: Identity | undefined,
  logger: Logger,
): Promise<GraphQLError | undefined> {
  if (options === undefined) return undefined;
  return failOpen(() => enforceRateLimit(options, request, identity), logger);
}

/** Runs a limit check: a GraphQLError is the answer; a counter store that fails lets the request through. */
export async function failOpen(
  check: () => Promise<void>,
  logger: Logger,
): Promise<GraphQLError | undefined> {
  try {
    await check();
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    logger.warn({ err: error }, 'rate limiter unavailable; request allowed');
    return undefined;
  }
}
