import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { scrape } from '@marquee/telemetry';
import { SpanKind, withRemoteSpan } from '@marquee/telemetry/tracing';
import {
  acceptRequestId,
  REQUEST_ID_HEADER,
  runInRequestScope,
  type Logger,
} from '@marquee/logger';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down' | 'draining';
  /** Whether to send this process traffic (/health/ready); `status !== 'down'` when absent. */
  ready?: boolean;
  [detail: string]: unknown;
}

export interface HttpHandlerOptions<Context extends BaseContext> {
  server: ApolloServer<Context>;
  /** `operation.query` is the request's GraphQL text (POST body or GET `query` parameter), when it has one. */
  createContext: (request: IncomingMessage, operation: OperationText) => Promise<Context>;
  health: () => Promise<HealthReport>;
  /** True while the process drains before it exits (`Listening.draining`): `/health` answers 503 then. */
  draining?: () => boolean;
  logger: Logger;
  /** Requests with larger bodies get 413 before anything is parsed. */
  maxBodyBytes?: number;
  /** When set, `/metrics` answers only `Authorization: Bearer <it>` (METRICS_TOKEN). */
  metricsToken?: string | undefined;
  /** Extra routes (e.g. the router's landing page assets); return true when handled. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface OperationText {
  query: string | undefined;
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Compares digests, so the time taken says nothing about how much of the token matched. */
function sameSecret(given: string | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

const requestError = (message: string, code: string) => ({
  errors: [{ message, extensions: { code } }],
});

function queryOf(body: unknown, url: URL): string | undefined {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const { query } = body as Record<string, unknown>;
    return typeof query === 'string' ? query : undefined;
  }
  return url.searchParams.get('query') ?? undefined;
}

/**
 * A plain node:http listener around Apollo Server (what `startStandaloneServer` does, plus
 * `/health`, a body-size limit and JSON-parse errors answered as GraphQL errors with HTTP 400).
 */
export function createHttpHandler<Context extends BaseContext>(
  options: HttpHandlerOptions<Context>,
): RequestListener {
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  return (request, response) => {
    void handle(request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request failed');
      if (!response.headersSent)
        sendJson(response, 500, requestError('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else response.end();
    });
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/health' && request.method === 'GET') {
      if (options.draining?.() === true) {
        sendJson(response, 503, { status: 'draining' } satisfies HealthReport);
        return;
      }
      const report = await options.health();
      sendJson(response, report.status === 'down' ? 503 : 200, report);
      return;
    }
    // Liveness: the process answers HTTP. Never looks at dependencies, so an outage elsewhere
    // does not get every replica restarted.
    if (url.pathname === '/health/live' && request.method === 'GET') {
      sendJson(response, 200, { status: 'ok' });
      return;
    }
    // Readiness: not draining, and what the process needs to serve is up.
    if (url.pathname === '/health/ready' && request.method === 'GET') {
      if (options.draining?.() === true) {
        sendJson(response, 503, { ready: false, status: 'draining' });
        return;
      }
      const report = await options.health();
      const ready = report.ready ?? report.status !== 'down';
      sendJson(response, ready ? 200 : 503, { ready, status: report.status });
      return;
    }
    // Prometheus text of this process's registry. Like /health it is outside GraphQL: the
    // subgraphs' ports are not published, and the router's is guarded by METRICS_TOKEN when set
    // (docs/operations.md).
    if (url.pathname === '/metrics' && request.method === 'GET') {
      if (
        options.metricsToken !== undefined &&
        !sameSecret(request.headers.authorization, `Bearer ${options.metricsToken}`)
      ) {
        sendJson(
          response,
          401,
          requestError('/metrics needs its bearer token.', 'UNAUTHENTICATED'),
        );
        return;
      }
      const { contentType, text } = await scrape();
      response.writeHead(200, { 'content-type': contentType });
      response.end(text);
      return;
    }
    if (options.extraRoutes?.(request, response) === true) return;
    if (url.pathname !== '/graphql') {
      sendJson(
        response,
        404,
        requestError('Not found: GraphQL is served at /graphql.', 'NOT_FOUND'),
      );
      return;
    }
    // The router takes the client's id (or makes one) and sends it on to every subgraph fetch,
    // so one id names the request in the logs of every service; the client gets it back.
    const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    // The span joins the caller's trace (`traceparent`); the operation plugin names it.
    await runInRequestScope({ requestId }, () =>
      withRemoteSpan(
        request.headers,
        `${request.method ?? 'GET'} /graphql`,
        { kind: SpanKind.SERVER, attributes: { 'marquee.request_id': requestId } },
        () => serveGraphQL(request, response, url),
      ),
    );
  }

  async function serveGraphQL(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    let body: unknown;
    if (request.method === 'POST') {
      let text: string;
      try {
        text = await readBody(request, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendJson(
            response,
            413,
            requestError(`Request body exceeds ${maxBodyBytes} bytes.`, 'BAD_REQUEST'),
          );
          return;
        }
        throw error;
      }
      const type = request.headers['content-type'] ?? '';
      if (type.includes('application/json')) {
        try {
          body = text === '' ? {} : JSON.parse(text);
        } catch {
          sendJson(
            response,
            400,
            requestError('The request body is not valid JSON.', 'BAD_REQUEST'),
          );
          return;
        }
      } else {
        body = text;
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await options.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: () => options.createContext(request, { query: queryOf(body, url) }),
    });
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }
}
