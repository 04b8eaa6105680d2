import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import cors from 'cors';

/**
 * Request headers a browser app may send from another origin: the bearer token, JSON bodies,
 * Apollo's CSRF-prevention header (which lets a GET through) and its client-identification
 * headers, W3C trace context, and a request id of its own to find its request in the logs.
 */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'traceparent',
  'tracestate',
  'x-request-id',
];

/**
 * Response headers a cross-origin page may read beyond the CORS-safelisted ones: the request id
 * to quote in a support request, the ETag to revalidate a public query with `If-None-Match`, and
 * how long to wait after RATE_LIMITED.
 */
const EXPOSED_HEADERS = ['x-request-id', 'etag', 'retry-after'];

/**
 * Wraps the router's listener with CORS for `origins` (exact `scheme://host[:port]` strings).
 *
 * Credentials are not allowed (no `Access-Control-Allow-Credentials`): Marquee authenticates
 * with the `Authorization` header, never with cookies, so a cross-origin page needs no
 * credentialed requests, and a page on another origin can never ride a user's ambient session.
 * A preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered here with 204, for an
 * allowed origin with the allowed methods and headers and for any other origin with none, so the
 * browser refuses it. Apollo's CSRF prevention still runs on every request that gets through.
 */
export function withCors(origins: readonly string[], listener: RequestListener): RequestListener {
  const middleware = cors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    // Browsers cache a preflight for at most this long (Chromium caps it at 2 hours).
    maxAge: 7200,
    optionsSuccessStatus: 204,
  });
  return (request: IncomingMessage, response: ServerResponse) => {
    middleware(request, response, () => listener(request, response));
  };
}
