import { createHash } from 'node:crypto';
import type { HTTPGraphQLRequest, HTTPGraphQLResponse } from '@apollo/server';

const PUBLIC_POLICY = /^max-age=(\d+), public$/;

/** A strong validator for a response body: its SHA-256, shortened (collisions need 2^64 work). */
export const etagOf = (body: string): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

/** If-None-Match's list holds `etag` (weak comparison, as RFC 9110 §13.1.2 asks for it), or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * What HTTP caches see of a GraphQL response (docs/http.md). Apollo Server has set
 * `Cache-Control` from the policy its subgraphs' answers allowed (`max-age=N, public|private`, or
 * `no-store`); on top of that:
 * - a request with an `Authorization` header never gets `public`: a shared cache must not keep
 *   what a signed-in caller was answered (RFC 9111 §3.5 lets it when `public` says so), so a
 *   mistaken hint can never hand one user's data to another;
 * - a successful GET gets an `ETag`, and one whose `If-None-Match` names it a 304 with no body.
 *   The operation still runs (the router keeps no responses): what a 304 saves is the transfer.
 */
export function forHttpCaches(
  request: HTTPGraphQLRequest,
  response: HTTPGraphQLResponse,
): HTTPGraphQLResponse {
  const policy = response.headers.get('cache-control');
  const publicPolicy = policy === undefined ? null : PUBLIC_POLICY.exec(policy);
  if (publicPolicy !== null && request.headers.get('authorization') !== undefined)
    response.headers.set('cache-control', `max-age=${publicPolicy[1]}, private`);
  if (
    request.method !== 'GET' ||
    (response.status ?? 200) !== 200 ||
    response.body.kind !== 'complete'
  )
    return response;
  const etag = etagOf(response.body.string);
  response.headers.set('etag', etag);
  if (!matches(request.headers.get('if-none-match'), etag)) return response;
  response.headers.delete('content-type');
  return { ...response, status: 304, body: { kind: 'complete', string: '' } };
}
