import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving one request carries. */
export interface RequestScope {
  readonly requestId: string;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` as part of the request `requestId`: every log line it writes, awaited or not, names it. */
export function runInRequestScope<Result>(scope: RequestScope, work: () => Result): Result {
  return scopes.run(scope, work);
}

/** The request being served in this async context, if any. */
export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

/**
 * A request id travels in logs, response headers and subgraph requests, so only a short,
 * printable one is taken from a client: 1 to 64 characters of letters, digits and `._:-`
 * (a UUID, a ULID, a load balancer's trace id). Anything else is replaced, never echoed.
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's `x-request-id` when it passes the rule above, else a fresh UUID. */
export function acceptRequestId(value: unknown): string {
  return typeof value === 'string' && ACCEPTED_REQUEST_ID.test(value) ? value : randomUUID();
}

export const REQUEST_ID_HEADER = 'x-request-id';
