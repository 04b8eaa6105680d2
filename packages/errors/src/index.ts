import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unavailableDependency } from './unavailable.ts';

export { DependencyUnavailableError, unavailableDependency } from './unavailable.ts';

/** The closed set of error codes clients can rely on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Codes Apollo Server itself produces for malformed requests.
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  // The router runs only safelisted operations (PERSISTED_QUERIES=safelist) and this is not one.
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const publicCodes = new Set<string>(Object.values(ErrorCode));

function error(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string, field?: string) =>
  error(ErrorCode.BAD_USER_INPUT, message, field === undefined ? {} : { field });
export const notFound = (message: string) => error(ErrorCode.NOT_FOUND, message);
export const unauthenticated = (message = 'You must be signed in.') =>
  error(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this.') =>
  error(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string) => error(ErrorCode.CONFLICT, message);
export const rateLimited = (retryAfterSeconds: number) =>
  error(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
export const tooManySubscriptions = (limit: number) =>
  error(
    ErrorCode.TOO_MANY_SUBSCRIPTIONS,
    `You already have ${limit} open subscriptions; end one first.`,
    { limit },
  );
export const tooComplex = (message: string) => error(ErrorCode.QUERY_TOO_COMPLEX, message);
/**
 * A service this request needs did not answer in time or is down. `subgraph` or `dependency`
 * names it; `retryAfterSeconds` is when trying again is worth it (a hint, not a promise).
 */
export const upstreamUnavailable = (
  message = 'A service this request needs is unavailable.',
  details: { subgraph?: string; dependency?: string; retryAfterSeconds?: number } = {},
) => error(ErrorCode.UPSTREAM_UNAVAILABLE, message, { ...details });

export function errorCode(formatted: GraphQLFormattedError): string | undefined {
  const code = formatted.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
}

/** Seconds a client should wait before retrying a request that failed on an unreachable store. */
const STORE_RETRY_SECONDS = 1;

/**
 * Apollo Server `formatError`: errors carrying a public code pass through (without stack traces);
 * a store that is down or too slow becomes UPSTREAM_UNAVAILABLE naming it (handed to
 * `reportUnavailable`, a warning rather than a bug); anything else — a bug, a driver error with
 * SQL in it — becomes a generic internal error, and the original is handed to `report` for the logs.
 */
export function maskError(
  report: (formatted: GraphQLFormattedError, original: unknown) => void,
  reportUnavailable: (
    formatted: GraphQLFormattedError,
    original: unknown,
    dependency: string,
  ) => void = report,
) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    const code = errorCode(formatted);
    if (code !== undefined && publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const dependency = unavailableDependency(original);
    if (dependency !== undefined) {
      reportUnavailable(formatted, original, dependency);
      return {
        message: `A service this request needs (${dependency}) is unavailable; retry shortly.`,
        ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
        ...(formatted.path === undefined ? {} : { path: formatted.path }),
        extensions: {
          code: ErrorCode.UPSTREAM_UNAVAILABLE,
          dependency,
          retryAfterSeconds: STORE_RETRY_SECONDS,
        },
      };
    }
    report(formatted, original);
    return {
      message: 'Internal server error',
      ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
      ...(formatted.path === undefined ? {} : { path: formatted.path }),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

export { UserError } from './userError.ts';
