import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { STATUS_CODES } from 'node:http';
import { IDENTITY_HEADER, ROUTER_SIGNATURE_HEADER, type Identity } from '@marquee/auth';
import type { EntityStore } from '@marquee/cache';
import { ErrorCode } from '@marquee/errors';
import { currentRequestScope, REQUEST_ID_HEADER, type Logger } from '@marquee/logger';
import { metrics } from '@marquee/telemetry';
import { SpanKind, withSpan } from '@marquee/telemetry/tracing';
import { GraphQLError, OperationTypeNode, parse, type GraphQLFormattedError } from 'graphql';
import type { RouterContext } from '../types.ts';
import { cacheHintOf, type CacheHint } from './cacheHint.ts';
import { CircuitOpenError, createCircuitBreaker, type CircuitBreaker } from './circuitBreaker.ts';
import { failedFieldPaths } from './failedFields.ts';
import { createEntityCache, type FetchedEntities } from './entityCache.ts';
import { createInFlight } from './inFlight.ts';
import type { UpstreamSigner } from './signing.ts';
import {
  createSubgraphClient,
  type SubgraphAnswer,
  type SubgraphClient,
} from './subgraphClient.ts';

export interface UpstreamOptions {
  /** Longest a subgraph fetch may take, response body included. */
  timeoutMs: number;
  /** Failures in a row that open a subgraph's circuit. */
  failureThreshold: number;
  /** How long an open circuit fails calls at once before one probe goes through. */
  openMs: number;
}

/** The router's entity cache (entityCache.ts), when ENTITY_CACHE_SECONDS is set. */
export interface EntityCacheOptions {
  store: EntityStore;
  maxAgeSeconds: number;
}

type GatewayGraphQLResponse = Awaited<
  ReturnType<RemoteGraphQLDataSource<RouterContext>['process']>
>;

/** A fetch for a client's query (not a mutation's, nor a subscription event's): safe to share. */
function isRead(options: GraphQLDataSourceProcessOptions<RouterContext>): boolean {
  return (
    'incomingRequestContext' in options &&
    options.incomingRequestContext.operation?.operation === OperationTypeNode.QUERY
  );
}

/**
 * Narrows the client's response cache policy by what one subgraph answer allows (Apollo Server's
 * cache-control plugin turns the result into the router's `Cache-Control`; see docs/http.md).
 */
function restrictCachePolicy(
  options: GraphQLDataSourceProcessOptions<RouterContext>,
  hint: CacheHint,
): void {
  if (!('incomingRequestContext' in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy as
    { restrict?: (hint: CacheHint) => void } | undefined;
  policy?.restrict?.(hint);
}

/** Everything of the caller's identity a subgraph can see (its session too), never its signature's time. */
const identityKey = (identity: Identity) =>
  `${identity.userId}\u0000${identity.role}\u0000${identity.tokenId ?? ''}\u0000${identity.expiresAt}`;

/** Why a fetch failed, for the log line and the message clients see. */
function reasonOf(error: unknown): { reason: string; message: string } {
  if (error instanceof CircuitOpenError)
    return { reason: 'circuit open', message: 'is unavailable' };
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return { reason: 'timeout', message: 'did not answer in time' };
  const status = (error as { extensions?: { response?: { status?: unknown } } } | null)?.extensions
    ?.response?.status;
  if (typeof status === 'number') return { reason: `HTTP ${status}`, message: 'is unavailable' };
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return {
    reason: typeof code === 'string' ? code : String((error as Error | null)?.message ?? error),
    message: 'is unavailable',
  };
}

/**
 * One subgraph as the gateway calls it: every operation is signed for the subgraph and the
 * verified identity goes in a signed header (client headers are never passed through), every
 * fetch has a deadline, a circuit breaker stops calling a subgraph that keeps failing, and a
 * failed fetch becomes UPSTREAM_UNAVAILABLE errors at the path of each field it was to provide —
 * so the rest of the response is still served. Identical reads in flight at once are sent once
 * (inFlight.ts).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly #logger: Logger;
  readonly #client: SubgraphClient;
  readonly #signer: UpstreamSigner;
  readonly #timeoutMs: number;
  readonly #inFlight = createInFlight<SubgraphAnswer>();
  readonly breaker: CircuitBreaker;
  readonly subgraph: string;
  readonly #fetchDuration: { observe(seconds: number): void };
  readonly #fetchErrors: { inc(): void };
  readonly #spanName: string;
  readonly #entities: ReturnType<typeof createEntityCache> | undefined;

  constructor(
    subgraph: string,
    url: string,
    signer: UpstreamSigner,
    logger: Logger,
    upstream: UpstreamOptions,
    entityCache?: EntityCacheOptions,
  ) {
    super({ url });
    this.#entities =
      entityCache === undefined
        ? undefined
        : createEntityCache({ subgraph, logger, ...entityCache });
    this.breaker = createCircuitBreaker({
      failureThreshold: upstream.failureThreshold,
      openMs: upstream.openMs,
      onStateChange: (state, previous) =>
        (state === 'open' ? logger.warn.bind(logger) : logger.info.bind(logger))(
          { subgraph, state, previous },
          `subgraph circuit ${state}`,
        ),
    });
    this.subgraph = subgraph;
    // Label children made once per subgraph: a fetch allocates no metric objects.
    const { subgraphFetchDuration, subgraphFetchErrors } = metrics();
    this.#fetchDuration = subgraphFetchDuration.labels({ service: 'router', subgraph });
    this.#fetchErrors = subgraphFetchErrors.labels({ service: 'router', subgraph });
    this.#spanName = `fetch ${subgraph}`;
    this.#client = createSubgraphClient(url);
    this.#signer = signer;
    this.#logger = logger;
    this.#timeoutMs = upstream.timeoutMs;
  }

  /**
   * Replaces RemoteGraphQLDataSource's request path (node-fetch Headers and Request objects
   * around the global fetch) with a direct pooled POST; the body is the one it sent.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    // The fetch's span is the parent of undici's client span, which carries `traceparent`.
    return withSpan(
      this.#spanName,
      { kind: SpanKind.INTERNAL, attributes: { 'marquee.subgraph': this.subgraph } },
      async () => {
        try {
          return await this.#send(options);
        } catch (error) {
          this.#fetchErrors.inc();
          restrictCachePolicy(options, { maxAge: 0 });
          return this.#unavailable(options, error);
        } finally {
          this.#fetchDuration.observe((performance.now() - started) / 1000);
        }
      },
    );
  }

  async #send(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const { query } = request;
    if (query === undefined) throw new Error('Missing query');
    const { identity } = options.context as Partial<RouterContext>;
    const { http: _http, ...payload } = request;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      // Subgraphs answer only operations the router signed.
      [ROUTER_SIGNATURE_HEADER]: this.#signer.routerSignature(query),
      ...(identity === undefined ? {} : { [IDENTITY_HEADER]: this.#signer.identity(identity) }),
    };
    // Identical reads shared in flight (inFlight.ts) go out with the first request's id.
    const scope = currentRequestScope();
    if (scope !== undefined) headers[REQUEST_ID_HEADER] = scope.requestId;
    const read = isRead(options);
    const fetchBody = async (
      representations: unknown[] | undefined,
    ): Promise<FetchedEntities<GatewayGraphQLResponse>> => {
      const body = JSON.stringify(
        representations === undefined
          ? payload
          : { ...payload, variables: { ...payload.variables, representations } },
      );
      const fetch = () =>
        this.breaker.run(
          () => this.#client.post(body, headers, AbortSignal.timeout(this.#timeoutMs)),
          (answer) => answer.status >= 500,
        );
      const answer = read
        ? await this.#inFlight.share(
            `${identity === undefined ? '' : identityKey(identity)}\u0000${body}`,
            fetch,
          )
        : await fetch();
      return { body: this.#parse(answer), hint: cacheHintOf(answer.cacheControl) };
    };
    const { body, hint } =
      read && this.#entities !== undefined
        ? await this.#entities.resolve(query, request.variables, fetchBody)
        : await fetchBody(undefined);
    restrictCachePolicy(options, hint);
    return body;
  }

  /** A subgraph's answer as the gateway takes it; a non-2xx status or a body that is not a JSON object throws. */
  #parse(answer: SubgraphAnswer): GatewayGraphQLResponse {
    const parsed: unknown =
      answer.contentType?.startsWith('application/json') === true ||
      answer.contentType?.startsWith('application/graphql-response+json') === true
        ? JSON.parse(answer.text)
        : answer.text;
    if (answer.status < 200 || answer.status >= 300) {
      throw new GraphQLError(`${answer.status}: ${STATUS_CODES[answer.status] ?? ''}`, {
        extensions: {
          response: { url: this.url, status: answer.status, body: parsed },
          ...(answer.status === 401 ? { code: 'UNAUTHENTICATED' } : {}),
          ...(answer.status === 403 ? { code: 'FORBIDDEN' } : {}),
        },
      });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(`Expected JSON response body, but received: ${answer.text.slice(0, 200)}`);
    return parsed;
  }

  /** Closes the pooled connections. */
  close(): Promise<void> {
    return this.#client.close();
  }

  #unavailable(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
    error: unknown,
  ): GatewayGraphQLResponse {
    const { reason, message } = reasonOf(error);
    const retryAfterSeconds = Math.max(1, Math.ceil(this.breaker.retryAfterMs() / 1000));
    const { request } = options;
    const representations = (request.variables as { representations?: unknown } | undefined)
      ?.representations;
    let paths: (string | number)[][] = [];
    try {
      const fetched = 'document' in options ? options.document : undefined;
      const document = fetched ?? (request.query === undefined ? undefined : parse(request.query));
      if (document !== undefined)
        paths = failedFieldPaths(
          document,
          Array.isArray(representations) ? representations.length : undefined,
        );
    } catch {
      // An unparsable query cannot have been sent; fall back to one error without a path.
    }
    const logFields = {
      subgraph: this.subgraph,
      reason,
      operation: request.operationName,
      fields: paths.length,
      retryAfterSeconds,
    };
    // An open circuit fails every request at once; its opening was already logged at warn.
    if (error instanceof CircuitOpenError) this.#logger.debug(logFields, 'upstream failure');
    else this.#logger.warn({ ...logFields, err: error }, 'upstream failure');
    const formatted = (path?: (string | number)[]): GraphQLFormattedError => ({
      message: `The ${this.subgraph} service ${message}; retry in ${retryAfterSeconds} s.`,
      ...(path === undefined ? {} : { path }),
      extensions: {
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        subgraph: this.subgraph,
        retryAfterSeconds,
      },
    });
    return { errors: paths.length === 0 ? [formatted()] : paths.map((path) => formatted(path)) };
  }
}
