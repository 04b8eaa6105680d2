import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  IDENTITY_HEADER,
  ROUTER_SIGNATURE_HEADER,
  signIdentity,
  signRouterRequest,
} from '@marquee/auth';
import { ErrorCode } from '@marquee/errors';
import type { Logger } from '@marquee/logger';
import { parse, type GraphQLFormattedError } from 'graphql';
import type { RouterContext } from '../types.ts';
import { CircuitOpenError, createCircuitBreaker, type CircuitBreaker } from './circuitBreaker.ts';
import { failedFieldPaths } from './failedFields.ts';

export interface UpstreamOptions {
  /** Longest a subgraph fetch may take, response body included. */
  timeoutMs: number;
  /** Failures in a row that open a subgraph's circuit. */
  failureThreshold: number;
  /** How long an open circuit fails calls at once before one probe goes through. */
  openMs: number;
}

type GatewayGraphQLResponse = Awaited<
  ReturnType<RemoteGraphQLDataSource<RouterContext>['process']>
>;

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
 * verified identity goes in a signed header (client headers are never passed through), every fetch has a deadline, a circuit breaker stops calling
 * a subgraph that keeps failing, and a failed fetch becomes UPSTREAM_UNAVAILABLE errors at the
 * path of each field it was to provide — so the rest of the response is still served.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly #secret: string;
  readonly #logger: Logger;
  readonly breaker: CircuitBreaker;
  readonly subgraph: string;

  constructor(
    subgraph: string,
    url: string,
    secret: string,
    logger: Logger,
    upstream: UpstreamOptions,
  ) {
    const breaker = createCircuitBreaker({
      failureThreshold: upstream.failureThreshold,
      openMs: upstream.openMs,
      onStateChange: (state, previous) =>
        (state === 'open' ? logger.warn.bind(logger) : logger.info.bind(logger))(
          { subgraph, state, previous },
          `subgraph circuit ${state}`,
        ),
    });
    // Node's fetch (undici) pools keep-alive connections per subgraph origin. The deadline covers
    // the body too: undici aborts the body stream when the signal fires.
    const fetcher: typeof globalThis.fetch = (input, init) =>
      breaker.run(
        () => globalThis.fetch(input, { ...init, signal: AbortSignal.timeout(upstream.timeoutMs) }),
        (response) => response.status >= 500,
      );
    super({ url, fetcher: fetcher });
    this.subgraph = subgraph;
    this.#secret = secret;
    this.#logger = logger;
    this.breaker = breaker;
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const { identity } = context as Partial<RouterContext>;
    // Subgraphs answer only operations the router signed.
    request.http?.headers.set(
      ROUTER_SIGNATURE_HEADER,
      signRouterRequest(request.query ?? '', this.#secret),
    );
    if (identity !== undefined)
      request.http?.headers.set(IDENTITY_HEADER, signIdentity(identity, this.#secret));
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      return this.#unavailable(options, error);
    }
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
