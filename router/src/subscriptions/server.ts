import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Identity, TokenService } from '@marquee/auth';
import { tooManySubscriptions, unauthenticated } from '@marquee/errors';
import type { Logger } from '@marquee/logger';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context as SocketContext, SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { mapAsyncIterator } from '@marquee/server-kit';
import { childCache, metrics } from '@marquee/telemetry';
import type { OperationGate } from '../admission.ts';
import type { TokenRevocationCheck } from '../identity.ts';
import { checkRateLimit, clientIp, type RateLimitOptions } from '../rateLimit.ts';
import { admitOperation } from './admit.ts';
import {
  authenticateConnection,
  closeWith,
  SubscriptionCloseCode,
  watchSession,
} from './connection.ts';
import { executeSubscription, type SubscriptionExecutorOptions } from './execute.ts';
import { createSubscriptionLeases, type LeaseHolder, type SubscriptionSlots } from './leases.ts';

import { admitPersisted, type PersistedQueryPolicy } from '../persistedQueries/admit.ts';

export { SubscriptionCloseCode } from './connection.ts';
export type { SubscriptionSlots } from './leases.ts';

export interface SubscriptionServerOptions {
  server: Server;
  executor: Omit<SubscriptionExecutorOptions, 'maxPendingEvents'>;
  tokens: TokenService;
  revocations?: TokenRevocationCheck;
  rateLimit?: RateLimitOptions;
  logger: Logger;
  /** Shape limits, validation and cost, as HTTP requests get them (admission.ts). */
  gate: OperationGate;
  /** The manifest and the safelist, as HTTP requests get them (persistedQueries/admit.ts). */
  persistedQueries?: PersistedQueryPolicy;
  /** Lexical tokens per document. */
  maxTokens: number;
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

interface Connection extends LeaseHolder {
  /** For the per-field rate limits of queries and mutations sent over the socket. */
  clientIp: string;
  socket: WebSocket;
  timers: NodeJS.Timeout[];
}

interface OperationContext {
  connection: Connection;
  operationId: string;
  query: string;
  operation: OperationDefinitionNode;
}

type Ctx = SocketContext<Record<string, unknown> | undefined, Extra>;

const eventsDelivered = childCache(metrics().subscriptionEventsDelivered);

/** The events counter of a subscription's topic: its root field (one per subscription, after validation). */
function deliveredCounter(operation: OperationDefinitionNode): { inc(): void } {
  const [root] = operation.selectionSet.selections;
  const topic = root?.kind === Kind.FIELD ? root.name.value : 'other';
  return eventsDelivered(topic, { service: 'router', topic });
}

/** How long a closed slow consumer has to read what was already sent before its socket is cut. */
const SLOW_CONSUMER_GRACE_MS = 10_000;

/**
 * `graphql-ws` on the router's `/graphql` (same port as HTTP). A connection authenticates once in
 * `connection_init` and is closed when its token expires or its session ends (connection.ts);
 * each subscription passes the same checks as an HTTP request (admit.ts) plus a per-user cap
 * (leases.ts), and runs as a federated subscription (execute.ts).
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
  const leases = createSubscriptionLeases({
    slots: options.slots,
    maxPerUser: options.maxPerUser,
    logger,
  });
  let connectionCount = 0;

  async function onConnect(ctx: Ctx): Promise<boolean> {
    const { socket, request } = ctx.extra;
    const identity = await authenticateConnection(socket, request, ctx.connectionParams, options);
    if (identity === undefined) return false;
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
      timers: watchSession(socket, identity, options),
    };
    connectionsByCtx.set(ctx, connection);
    open.add(connection);
    return true;
  }

  async function onSubscribe(ctx: Ctx, id: string, received: SubscribePayload) {
    const connection = connectionsByCtx.get(ctx);
    if (connection === undefined) return [unauthenticated()];
    const persisted =
      options.persistedQueries === undefined
        ? ({ kind: 'unchanged' } as const)
        : admitPersisted(options.persistedQueries, received.query, received.extensions);
    if (persisted.kind === 'refused') return [persisted.error];
    const payload =
      persisted.kind === 'listed'
        ? { ...received, query: persisted.query, extensions: persisted.extensions ?? null }
        : received;
    const schema = executor.planner.schema;
    const admitted = admitOperation(options.gate, schema, payload, options.maxTokens);
    if (!('document' in admitted)) return [...admitted];
    const limited = await checkRateLimit(
      options.rateLimit,
      ctx.extra.request,
      connection.identity,
      logger,
    );
    if (limited !== undefined) return [limited];
    if (
      admitted.operation.operation === OperationTypeNode.SUBSCRIPTION &&
      !(await leases.reserve(connection, id, () => open.has(connection)))
    ) {
      return [tooManySubscriptions(options.maxPerUser)];
    }
    const contextValue: OperationContext = {
      connection,
      operationId: id,
      query: payload.query,
      operation: admitted.operation,
    };
    return {
      schema,
      document: admitted.document,
      operationName: admitted.operationName,
      variableValues: admitted.variables,
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
      const delivered = deliveredCounter(operation);
      return mapAsyncIterator(
        events,
        (result) => {
          delivered.inc();
          return result;
        },
        release,
      );
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
    active: () => leases.active(),
    connections: () => open.size,
    async close() {
      leases.close();
      await handle.dispose();
      for (const client of wss.clients) client.terminate();
    },
  };
}
