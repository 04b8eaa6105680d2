import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Identity, TokenService } from '@marquee/auth';
import { createMemorySlotStore, type SlotStore } from '@marquee/cache';
import { ErrorCode, tooComplex, tooManySubscriptions, unauthenticated } from '@marquee/errors';
import type { Logger } from '@marquee/logger';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  parse,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import { CloseCode, type Context as SocketContext, type SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { mapAsyncIterator } from '@marquee/server-kit';
import { operationCost } from '../cost.ts';
import { identityFromRequest, type TokenRevocationCheck } from '../identity.ts';
import type { DocumentJudge } from '../limits.ts';
import { checkRateLimit, clientIp, type RateLimitOptions } from '../rateLimit.ts';
import { executeSubscription, type SubscriptionExecutorOptions } from './execute.ts';

/** Close codes a client may see besides graphql-ws's own (4400 bad request, 4403, 4408, …). */
export const SubscriptionCloseCode = {
  /** No token, an invalid one, or the session expired or was ended (graphql-ws's Unauthorized). */
  UNAUTHORIZED: CloseCode.Unauthorized,
  /** Over the rate limit: retry later (WebSocket's "Try Again Later"; graphql-ws clients do). */
  RATE_LIMITED: 1013,
  /** The client read events more slowly than they came and fell too far behind. */
  SLOW_CONSUMER: 4008,
} as const;

/** The part of @marquee/cache's SlotStore the router uses for its per-user cap. */
export type SubscriptionSlots = Pick<SlotStore, 'claim' | 'release' | 'renew' | 'leaseSeconds'>;

export interface SubscriptionServerOptions {
  server: Server;
  executor: Omit<SubscriptionExecutorOptions, 'maxPendingEvents'>;
  tokens: TokenService;
  revocations?: TokenRevocationCheck;
  rateLimit?: RateLimitOptions;
  logger: Logger;
  /** Shape limits and validation, as HTTP requests get them (limits.ts). */
  judge: DocumentJudge;
  /** Lexical tokens per document. */
  maxTokens: number;
  maxCost: number;
  /** Open subscriptions per user, counted in `slots`. */
  maxPerUser: number;
  /** Per-user slots; shared by every router when they are in Redis. Default: in this process. */
  slots?: SubscriptionSlots;
  /** Events waiting for one slow subscription before its connection is closed. */
  maxPendingEvents: number;
  /** Largest message a client may send, in bytes. */
  maxMessageBytes: number;
  /** How often an open connection's session is checked against logouts. */
  revocationCheckMs: number;
  /** Queries and mutations sent over the socket run through the router's HTTP pipeline. */
  executeOperation(
    request: {
      query: string;
      variables: Record<string, unknown>;
      operationName: string | undefined;
    },
    identity: Identity,
    clientIp: string,
  ): Promise<FormattedExecutionResult>;
  mask(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError;
}

export interface SubscriptionServer {
  /** Open client subscriptions on this router. */
  active(): number;
  connections(): number;
  close(): Promise<void>;
}

interface Connection {
  /** Unique within this router. */
  id: number;
  identity: Identity;
  /** For the per-field rate limits of queries and mutations sent over the socket. */
  clientIp: string;
  socket: WebSocket;
  /** Per operation id, the function that frees its slot under the per-user cap. */
  slots: Map<string, () => void>;
  timers: NodeJS.Timeout[];
}

interface OperationContext {
  connection: Connection;
  operationId: string;
  query: string;
  operation: OperationDefinitionNode;
}

type Ctx = SocketContext<Record<string, unknown> | undefined, Extra>;

const requestError = (message: string, code: string) =>
  new GraphQLError(message, { extensions: { code } });
/** How long a closed slow consumer has to read what was already sent before its socket is cut. */
const SLOW_CONSUMER_GRACE_MS = 10_000;
/** setTimeout's ceiling (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `graphql-ws` on the router's `/graphql` (same port as HTTP). A connection authenticates once in
 * `connection_init` and is closed when its token expires or its session ends; each subscription
 * passes the same parsing, validation, depth, cost and rate limits as an HTTP request, plus a
 * per-user cap, and runs as a federated subscription (execute.ts).
 */
export function serveRouterSubscriptions(options: SubscriptionServerOptions): SubscriptionServer {
  const { logger, executor } = options;
  const wss = new WebSocketServer({
    server: options.server,
    path: '/graphql',
    maxPayload: options.maxMessageBytes,
  });
  const connectionsByCtx = new WeakMap<Ctx, Connection>();
  const open = new Set<Connection>();
  /** Names this router's slot holders apart from other replicas'. */
  const routerId = randomUUID();
  let connectionCount = 0;
  let active = 0;

  const closeWith = (socket: WebSocket, code: number, reason: string) => {
    // A close frame's reason is at most 123 bytes (RFC 6455); `ws` throws on a longer one.
    const fitted = Buffer.from(reason)
      .subarray(0, 123)
      .toString()
      .replace(/\uFFFD$/, '');
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING)
      socket.close(code, fitted);
  };

  const slots = options.slots ?? createMemorySlotStore();
  /** Slots this router holds, renewed a few times per lease so a dead router's slots free themselves. */
  const held = new Map<string, { key: string; holder: string }>();
  const renewal = setInterval(
    () => {
      if (held.size === 0) return;
      slots
        .renew([...held.values()])
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'could not renew subscription slots'),
        );
    },
    (slots.leaseSeconds * 1000) / 3,
  );
  renewal.unref();

  /** Takes one of the user's slots for this operation; false when the user holds them all. */
  async function reserve(connection: Connection, operationId: string): Promise<boolean> {
    const key = `subscriptions:${connection.identity.userId}`;
    const holder = `${routerId}:${connection.id}:${operationId}`;
    let taken: boolean;
    try {
      taken = await slots.claim(key, holder, options.maxPerUser);
    } catch (error) {
      // Like the rate limiter: an unreachable store does not take subscriptions down.
      logger.warn({ err: error }, 'subscription slots unavailable; subscription allowed');
      taken = true;
    }
    if (!taken) return false;
    const free = () => {
      held.delete(holder);
      slots
        .release(key, holder)
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'could not release a subscription slot'),
        );
    };
    if (!open.has(connection)) {
      // The socket closed while the slot was being taken.
      free();
      return false;
    }
    held.set(holder, { key, holder });
    active += 1;
    let released = false;
    connection.slots.set(operationId, () => {
      if (released) return;
      released = true;
      connection.slots.delete(operationId);
      active -= 1;
      free();
    });
    return true;
  }

  async function onConnect(ctx: Ctx): Promise<boolean> {
    const { socket, request } = ctx.extra;
    const authorization = authorizationOf(ctx.connectionParams);
    if (typeof authorization !== 'string' || authorization === '') {
      closeWith(
        socket,
        SubscriptionCloseCode.UNAUTHORIZED,
        'Unauthorized: send { "authorization": "Bearer <token>" } in connection_init',
      );
      return false;
    }
    let identity: Identity | undefined;
    try {
      identity = await identityFromRequest(
        { headers: { authorization } },
        options.tokens,
        options.revocations,
      );
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      closeWith(socket, SubscriptionCloseCode.UNAUTHORIZED, `Unauthorized: ${error.message}`);
      return false;
    }
    if (identity === undefined) {
      closeWith(socket, SubscriptionCloseCode.UNAUTHORIZED, 'Unauthorized');
      return false;
    }
    const limited = await checkRateLimit(options.rateLimit, request, identity, logger);
    if (limited !== undefined) {
      closeWith(socket, SubscriptionCloseCode.RATE_LIMITED, limited.message);
      return false;
    }
    // The socket may have closed while the token and the limit were checked; graphql-ws has
    // already run onClose for it, so nothing registered now would ever be cleaned up.
    if (socket.readyState !== socket.OPEN) return false;
    connectionCount += 1;
    const connection: Connection = {
      id: connectionCount,
      identity,
      clientIp: clientIp(request, options.rateLimit?.trustProxy ?? false),
      socket,
      slots: new Map(),
      timers: [],
    };
    const untilExpiry = identity.expiresAt * 1000 - Date.now();
    connection.timers.push(
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
    const { revocations } = options;
    const tokenId = identity.tokenId;
    if (revocations !== undefined && tokenId !== undefined) {
      connection.timers.push(
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
        }, options.revocationCheckMs),
      );
    }
    for (const timer of connection.timers) timer.unref();
    connectionsByCtx.set(ctx, connection);
    open.add(connection);
    return true;
  }

  async function onSubscribe(ctx: Ctx, id: string, payload: SubscribePayload) {
    const connection = connectionsByCtx.get(ctx);
    if (connection === undefined) return [unauthenticated()];
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: options.maxTokens });
    } catch (error) {
      return [
        requestError(
          error instanceof GraphQLError ? error.message : 'The query could not be parsed.',
          ErrorCode.GRAPHQL_PARSE_FAILED,
        ),
      ];
    }
    const schema = executor.planner.schema;
    const verdict = options.judge(schema, document);
    if ('refused' in verdict)
      return [requestError(verdict.refused.message, String(verdict.refused.extensions['code']))];
    if ('invalid' in verdict)
      return verdict.invalid.map((error) =>
        requestError(error.message, ErrorCode.GRAPHQL_VALIDATION_FAILED),
      );
    const operationName = payload.operationName ?? undefined;
    const operation = getOperationAST(document, operationName);
    if (operation == null)
      return [requestError('Name the operation to run.', ErrorCode.OPERATION_RESOLUTION_FAILURE)];
    const variables = payload.variables ?? {};
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors !== undefined)
      return coerced.errors.map((error) => requestError(error.message, ErrorCode.BAD_USER_INPUT));
    const cost = operationCost(schema, document, operation, variables);
    if (cost > options.maxCost)
      return [
        tooComplex(`The operation's estimated cost is ${cost}; the limit is ${options.maxCost}.`),
      ];
    const limited = await checkRateLimit(
      options.rateLimit,
      ctx.extra.request,
      connection.identity,
      logger,
    );
    if (limited !== undefined) return [limited];
    if (
      operation.operation === OperationTypeNode.SUBSCRIPTION &&
      !(await reserve(connection, id))
    ) {
      return [tooManySubscriptions(options.maxPerUser)];
    }
    const contextValue: OperationContext = {
      connection,
      operationId: id,
      query: payload.query,
      operation,
    };
    return {
      schema,
      document,
      operationName,
      variableValues: variables,
      contextValue,
    } satisfies ExecutionArgs;
  }

  function subscribe(
    args: ExecutionArgs,
  ): AsyncIterableIterator<ExecutionResult, undefined> | ExecutionResult {
    const { connection, operationId, query, operation } = args.contextValue as OperationContext;
    const release = () => connection.slots.get(operationId)?.();
    try {
      const events = executeSubscription(
        { ...executor, maxPendingEvents: options.maxPendingEvents },
        {
          document: args.document,
          operation,
          query,
          operationName: args.operationName ?? undefined,
          variables: args.variableValues ?? {},
          context: { identity: connection.identity },
          requestId: randomUUID(),
          onOverflow: () => {
            logger.warn(
              { userId: connection.identity.userId, pending: options.maxPendingEvents },
              'closing a subscriber that fell behind',
            );
            // The slot and the queued events go now; what is already in the socket's buffer goes
            // with the socket: the close frame follows it, and a client that reads nothing
            // more is cut off after a grace period.
            release();
            closeWith(
              connection.socket,
              SubscriptionCloseCode.SLOW_CONSUMER,
              `Slow consumer: more than ${options.maxPendingEvents} events were waiting`,
            );
            setTimeout(() => connection.socket.terminate(), SLOW_CONSUMER_GRACE_MS).unref();
          },
        },
      );
      return mapAsyncIterator(events, (result) => result, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  async function execute(args: ExecutionArgs): Promise<ExecutionResult> {
    const { connection, query } = args.contextValue as OperationContext;
    const result = await options.executeOperation(
      {
        query,
        variables: args.variableValues ?? {},
        operationName: args.operationName ?? undefined,
      },
      connection.identity,
      connection.clientIp,
    );
    return {
      ...(result.data === undefined ? {} : { data: result.data }),
      ...(result.errors === undefined
        ? {}
        : {
            errors: result.errors.map(
              (error) =>
                new GraphQLError(error.message, {
                  ...(error.extensions ? { extensions: error.extensions } : {}),
                  ...(error.path ? { path: error.path } : {}),
                }),
            ),
          }),
    };
  }

  const maskAll = (errors: readonly GraphQLError[]) =>
    errors.map((error) => options.mask(error.toJSON(), error.originalError ?? error));
  const handle = useServer(
    {
      schema: executor.planner.schema,
      onConnect,
      onSubscribe,
      subscribe,
      execute,
      onNext: (_ctx, _id, _payload, _args, result) => {
        const { data, errors } = result as ExecutionResult;
        if (errors === undefined) return undefined;
        return { errors: maskAll(errors), ...(data === undefined ? {} : { data }) };
      },
      onError: (_ctx, _id, _payload, errors) => maskAll(errors),
      onClose: (ctx) => {
        const connection = connectionsByCtx.get(ctx);
        if (connection === undefined) return;
        open.delete(connection);
        for (const timer of connection.timers) clearTimeout(timer);
        for (const release of [...connection.slots.values()]) release();
      },
    },
    wss,
  );

  return {
    active: () => active,
    connections: () => open.size,
    async close() {
      clearInterval(renewal);
      await handle.dispose();
      for (const client of wss.clients) client.terminate();
    },
  };
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
