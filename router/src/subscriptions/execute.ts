import {
  buildOperationContext,
  executeQueryPlan,
  type GraphQLDataSource,
  type ServiceMap,
} from '@apollo/gateway';
import type { FetchNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import { signIdentity } from '@marquee/auth';
import { upstreamUnavailable } from '@marquee/errors';
import { runInRequestScope, type Logger } from '@marquee/logger';
import { SpanKind, startedSpanCarrier, withRemoteSpan } from '@marquee/telemetry/tracing';
import {
  createPushIterator,
  IDENTITY_EXTENSION,
  mapAsyncIterator,
  REQUEST_ID_EXTENSION,
} from '@marquee/server-kit';
import {
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import type { RouterContext } from '../types.ts';
import type { SubscriptionPlanner } from './planner.ts';
import type { UpstreamSockets } from './upstream.ts';

/** The service name the per-event plan reads the subscription event from. */
const EVENT_SOURCE = '__subscription_event';

export interface SubscriptionExecutorOptions {
  planner: SubscriptionPlanner;
  upstream: UpstreamSockets;
  /** The gateway's data sources by subgraph name (identity forwarding, keep-alive pools). */
  dataSources: ReadonlyMap<string, GraphQLDataSource<RouterContext>>;
  identitySecret: string;
  logger: Logger;
  /** Events one subscription may have waiting for its client before the client counts as too slow. */
  maxPendingEvents: number;
}

export interface SubscriptionRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The operation text, which keys the plan cache. */
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  context: RouterContext;
  requestId: string;
  /** The client fell `maxPendingEvents` behind; the caller ends its connection. */
  onOverflow(): void;
}

type Item = { kind: 'event'; result: FormattedExecutionResult } | { kind: 'error'; error: unknown };

/**
 * Runs one federated subscription (ARCHITECTURE §5): the plan's primary fetch as a `graphql-ws`
 * subscription to the subgraph that owns the root field and, per event, the rest of the plan
 * through the gateway's own executor — whose first step is the primary fetch re-pointed at the
 * event — so entity fetches, merging and result shaping are exactly those of a query. An error in
 * one event's fetches is reported in that event and the stream goes on.
 */
export function executeSubscription(
  options: SubscriptionExecutorOptions,
  request: SubscriptionRequest,
): AsyncIterableIterator<ExecutionResult, undefined> {
  const plan = options.planner.plan(request.document, request.operationName, request.query);
  const node = plan.node;
  if (node?.kind !== 'Subscription')
    throw new Error(`Expected a subscription plan, got ${node?.kind ?? 'none'}.`);
  const execution = eventExecution(options, request, perEventPlan(node));
  const traceCarrier = startedSpanCarrier(`subscribe ${request.operationName ?? 'anonymous'}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'marquee.request_id': request.requestId },
  });
  const identity = request.context.identity;

  // Upstream events wait here while the client's socket is busy; past the bound the client is
  // too slow and is let go at once (the consumer is likely parked behind that very socket).
  const items = createPushIterator<Item>(() => end());
  let overflowed = false;
  const end = options.upstream.subscribe(
    node.primary.serviceName,
    {
      query: node.primary.operation,
      variables: pick(request.variables, node.primary.variableUsages),
      ...(node.primary.operationName === undefined
        ? {}
        : { operationName: node.primary.operationName }),
      extensions: {
        // The subgraph's event spans and the router's per-event fetches share this trace.
        ...traceCarrier,
        [REQUEST_ID_EXTENSION]: request.requestId,
        ...(identity === undefined
          ? {}
          : { [IDENTITY_EXTENSION]: signIdentity(identity, options.identitySecret) }),
      },
    },
    {
      next: (result) => {
        if (overflowed) return;
        if (items.pending < options.maxPendingEvents) {
          items.push({ kind: 'event', result });
          return;
        }
        overflowed = true;
        void items.return();
        request.onOverflow();
      },
      error: (error) => {
        items.push({ kind: 'error', error });
        items.end();
      },
      complete: () => items.end(),
    },
  );
  // Each event's fetches run in the subscription's request scope: they carry its request id.
  const scope = { requestId: request.requestId };
  return mapAsyncIterator(items, (item) =>
    runInRequestScope(scope, () =>
      item.kind === 'event'
        ? withRemoteSpan(traceCarrier, 'subscription event', { kind: SpanKind.INTERNAL }, () =>
            runEvent(options, execution, item.result),
          )
        : { errors: upstreamErrors(item.error, options.logger) },
    ),
  );
}

function perEventPlan(node: SubscriptionNode): QueryPlan {
  const primary: FetchNode = { ...node.primary, serviceName: EVENT_SOURCE };
  return {
    kind: 'QueryPlan',
    node: node.rest === undefined ? primary : { kind: 'Sequence', nodes: [primary, node.rest] },
  };
}

/** What every event of one subscription shares: the data sources and the gateway's contexts. */
interface EventExecution {
  plan: QueryPlan;
  dataSources: Record<string, GraphQLDataSource<RouterContext>>;
  requestContext: Parameters<typeof executeQueryPlan>[2];
  operationContext: ReturnType<typeof buildOperationContext>;
}

function eventExecution(
  options: SubscriptionExecutorOptions,
  request: SubscriptionRequest,
  plan: QueryPlan,
): EventExecution {
  // The fields of a request context the executor and the data sources read; the rest serve
  // Apollo Server's pipeline (caching, tracing), which subscription events do not go through.
  const requestContext = {
    request: {
      query: request.query,
      variables: request.variables,
      ...(request.operationName === undefined ? {} : { operationName: request.operationName }),
    },
    context: request.context,
    logger: options.logger,
    metrics: {},
    overallCachePolicy: undefined,
    operation: request.operation,
    operationName: request.operationName ?? null,
    document: request.document,
    source: request.query,
  } as unknown as Parameters<typeof executeQueryPlan>[2];
  const operationContext = buildOperationContext({
    schema: options.planner.schema,
    operationDocument: request.document,
    ...(request.operationName === undefined ? {} : { operationName: request.operationName }),
  });
  return {
    plan,
    dataSources: Object.fromEntries(options.dataSources),
    requestContext,
    operationContext,
  };
}

async function runEvent(
  options: SubscriptionExecutorOptions,
  execution: EventExecution,
  event: FormattedExecutionResult,
): Promise<ExecutionResult> {
  const source: GraphQLDataSource<RouterContext> = {
    process: () =>
      Promise.resolve({
        ...(event.data == null ? {} : { data: event.data }),
        ...(event.errors === undefined ? {} : { errors: event.errors }),
      }),
  };
  const serviceMap: ServiceMap = { ...execution.dataSources, [EVENT_SOURCE]: source };
  const result = await executeQueryPlan(
    execution.plan,
    serviceMap,
    execution.requestContext,
    execution.operationContext,
    options.planner.supergraphSchema,
    options.planner.apiSchema,
  );
  if (result.errors === undefined) return result;
  return { ...result, errors: result.errors.map((error) => asGraphQLError(error, options.logger)) };
}

function pick(
  variables: Record<string, unknown>,
  names: readonly string[] | undefined,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names ?? []) if (name in variables) picked[name] = variables[name];
  return picked;
}

/** Subgraph errors keep their code and message (the subgraph masked them); a failed fetch is UPSTREAM_UNAVAILABLE. */
function asGraphQLError(error: unknown, logger: Logger): GraphQLError {
  if (error instanceof GraphQLError) {
    if (
      error.extensions['code'] !== undefined &&
      error.extensions['code'] !== 'DOWNSTREAM_SERVICE_ERROR'
    )
      return error;
    // The gateway's wrapper around a subgraph error: keep the subgraph's public code if it had one.
    const downstream = error.originalError;
    if (downstream instanceof GraphQLError && downstream.extensions['code'] !== undefined)
      return error;
  }
  logger.warn({ err: error }, 'a subscription event could not be completed');
  const unavailable = upstreamUnavailable();
  return new GraphQLError(unavailable.message, {
    extensions: unavailable.extensions,
    ...(error instanceof GraphQLError && error.path !== undefined ? { path: error.path } : {}),
  });
}

function upstreamErrors(error: unknown, logger: Logger): GraphQLError[] {
  if (Array.isArray(error) && error.length > 0) {
    return (error as GraphQLFormattedError[]).map(
      (formatted) =>
        new GraphQLError(formatted.message, {
          ...(formatted.extensions ? { extensions: formatted.extensions } : {}),
        }),
    );
  }
  logger.warn({ err: error }, 'a subscription ended upstream');
  return [upstreamUnavailable()];
}
