import type { Server } from 'node:http';
import type { Identity } from '@marquee/auth';
import { verifyIdentity, verifyRouterCredential } from '@marquee/auth';
import { maskError } from '@marquee/errors';
import { runInRequestScope, type Logger } from '@marquee/logger';
import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { SpanKind, withRemoteSpan } from '@marquee/telemetry/tracing';
import { mapAsyncIterator } from './iterators.ts';
import { requestIdFrom } from './subgraph.ts';

/** `connection_init` payload key carrying the router's socket credential. */
export const ROUTER_CREDENTIAL_PARAM = 'routerCredential';
/** Subscribe-message `extensions` keys: the caller's signed identity and the request id. */
export const IDENTITY_EXTENSION = 'marqueeIdentity';
export const REQUEST_ID_EXTENSION = 'requestId';

export interface SubgraphSubscriptionsOptions<Context> {
  /** The subgraph's HTTP server; sockets upgrade on `path` of the same port. */
  server: Server;
  schema: GraphQLSchema;
  identitySecret: string;
  logger: Logger;
  contextFor: (identity: Identity | undefined, requestId: string) => Context;
  path?: string;
}

export interface SubgraphSubscriptions {
  /** Ends every socket (clients see 1001 "going away" and reconnect elsewhere) and stops accepting. */
  close(): Promise<void>;
}

/**
 * `graphql-ws` on a subgraph, for the router alone: a socket is accepted only with a fresh router
 * credential in `connection_init` (else 4403), and each operation runs as the identity the router
 * signed into its `extensions`. Errors are masked as on HTTP.
 */
export function serveSubgraphSubscriptions<Context>(
  options: SubgraphSubscriptionsOptions<Context>,
): SubgraphSubscriptions {
  const { schema, identitySecret, logger } = options;
  const wss = new WebSocketServer({
    server: options.server,
    path: options.path ?? '/graphql',
    maxPayload: 1_000_000,
  });
  const mask = maskError(
    (formatted, original) =>
      logger.error({ err: original, path: formatted.path }, 'unexpected subscription error'),
    (formatted, original, dependency) =>
      logger.warn({ err: original, path: formatted.path, dependency }, 'a store is unavailable'),
  );
  // Per subscription, how to make a fresh context: each event gets new DataLoaders, so values
  // cached while resolving one event never answer the next.
  const renewals = new WeakMap<object, () => unknown>();
  const traceCarriers = new WeakMap<object, Record<string, unknown>>();
  const maskAll = (errors: readonly GraphQLError[]) =>
    errors.map((error) => mask(error.toJSON(), error.originalError ?? error));
  const handle = useServer(
    {
      schema,
      onConnect: (ctx) =>
        verifyRouterCredential(ctx.connectionParams?.[ROUTER_CREDENTIAL_PARAM], identitySecret),
      context: (_ctx, _id, payload) => {
        const signed = payload.extensions?.[IDENTITY_EXTENSION];
        const identity = verifyIdentity(
          typeof signed === 'string' ? signed : undefined,
          identitySecret,
          Date.now(),
          {
            maxAgeSeconds: Infinity,
          },
        );
        const requestId = requestIdFrom(payload.extensions?.[REQUEST_ID_EXTENSION]);
        const context = options.contextFor(identity, requestId) as Record<string, unknown>;
        renewals.set(context, () => options.contextFor(identity, requestId));
        // The router's `traceparent` rides in the same extensions.
        if (payload.extensions != null) traceCarriers.set(context, payload.extensions);
        return context;
      },
      subscribe: async (args) => {
        const stream = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in stream)) return stream;
        const renew = renewals.get(args.contextValue as object);
        const { requestId } = args.contextValue as { requestId: string };
        return perEvent(
          stream,
          args,
          renew ?? (() => args.contextValue),
          requestId,
          traceCarriers.get(args.contextValue as object),
        );
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        const { errors, data, extensions } = result as ExecutionResult;
        if (errors === undefined) return undefined;
        return {
          errors: maskAll(errors),
          ...(data === undefined ? {} : { data }),
          ...(extensions === undefined ? {} : { extensions }),
        };
      },
      onError: (_ctx, _id, _payload, errors) => maskAll(errors),
    },
    wss,
  );
  return {
    async close() {
      await handle.dispose();
      for (const client of wss.clients) client.terminate();
    },
  };
}

/** graphql-js's own mapping of source events to results, with a fresh context per event. */
function perEvent(
  stream: AsyncIterable<unknown>,
  args: ExecutionArgs,
  freshContext: () => unknown,
  requestId: string,
  traceCarrier: Record<string, unknown> | undefined,
): AsyncIterableIterator<ExecutionResult, undefined> {
  // Each event is resolved in the subscription's request scope, so its log lines name the
  // router's request id like those of an HTTP request, and as a span of the router's trace.
  return mapAsyncIterator(stream[Symbol.asyncIterator](), (event) =>
    runInRequestScope({ requestId }, () =>
      withRemoteSpan(traceCarrier, 'subscription event', { kind: SpanKind.SERVER }, () =>
        Promise.resolve(execute({ ...args, rootValue: event, contextValue: freshContext() })),
      ),
    ),
  );
}
