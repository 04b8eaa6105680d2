import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { Identity } from '@marquee/auth';
import type { Logger } from '@marquee/logger';
import { rateLimited } from '@marquee/errors';
import { GraphQLError } from 'graphql';

/** The part of @marquee/cache's RateLimiter the router uses. */
export interface RouterRateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export interface RateLimitOptions {
  limiter: RouterRateLimiter;
  /** Requests per minute per signed-in user. */
  userPerMinute: number;
  /** Requests per minute per client IP, for requests without a token. */
  ipPerMinute: number;
  /** Take the client IP from `X-Forwarded-For` (only behind a proxy that sets it). */
  trustProxy: boolean;
}

export type ClientRequest = Pick<IncomingMessage, 'headers'> & { socket?: { remoteAddress?: string | undefined } };

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
export async function enforceRateLimit(options: RateLimitOptions, request: ClientRequest, identity: Identity | undefined): Promise<void> {
  const decision =
    identity === undefined
      ? await options.limiter.hit(`ip:${clientIp(request, options.trustProxy)}`, options.ipPerMinute, 60)
      : await options.limiter.hit(`user:${identity.userId}`, options.userPerMinute, 60);
  if (decision.allowed) return;
  const error = rateLimited(decision.retryAfterSeconds);
  const headers = new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]]);
  throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 429, headers } } });
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
  try {
    await enforceRateLimit(options, request, identity);
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    logger.warn({ err: error }, 'rate limiter unavailable; request allowed');
    return undefined;
  }
}
