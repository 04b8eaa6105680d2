import type { IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';

import {
  IDENTITY_HEADER,
  ROUTER_SIGNATURE_HEADER,
  verifyIdentity,
  verifyRouterRequest,
  type Identity,
} from '@marquee/auth';
import { maskError, unauthenticated } from '@marquee/errors';
import { acceptRequestId, currentRequestScope, type Logger } from '@marquee/logger';
import { operationObserverPlugin } from './operationObserver.ts';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';

/** What every subgraph's context carries; each subgraph adds its stores and loaders. */
export interface RequestContext extends BaseContext {
  /** Set only when the router vouched for the caller with a valid signed header. */
  identity: Identity | undefined;
  requestId: string;
}

export interface SubgraphServerOptions<Context extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Context>;
  logger: Logger;
  /** The subgraph schema when the caller already built it (to serve subscriptions from it too). */
  schema?: GraphQLSchema;
}

/** A subgraph's federation schema (entities, `_service`) from its SDL and resolvers. */
export function buildSchema<Context>(
  typeDefs: DocumentNode,
  resolvers: GraphQLResolverMap<Context>,
): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }]);
}

/** Builds (never listens) a subgraph's Apollo Server: federation schema, masked errors, no landing page. */
export function createSubgraphServer<Context extends BaseContext>(
  options: SubgraphServerOptions<Context>,
): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: options.schema ?? buildSchema(options.typeDefs, options.resolvers),
    // Subgraphs are reachable only by the router: no landing page. Inline traces (ftv1) feed
    // Apollo Studio usage reporting, which Marquee does not use.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      operationObserverPlugin<Context>({ service: options.name, logger: options.logger }),
    ],
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown order (router, subgraphs, then stores); Apollo's own signal
    // handlers would re-raise the signal and end the process before the stores are closed.
    stopOnTerminationSignals: false,
    formatError: maskError(
      (formatted, original) =>
        options.logger.error({ err: original, path: formatted.path }, 'unexpected resolver error'),
      (formatted, original, dependency) =>
        options.logger.warn(
          { err: original, path: formatted.path, dependency },
          'a store is unavailable',
        ),
    ),
  });
}

/** The identity part of a subgraph request context, from the router's signed header. */
export function requestIdentity(
  request: Pick<IncomingMessage, 'headers'>,
  secret: string,
): RequestContext {
  const header = request.headers[IDENTITY_HEADER];
  return {
    identity: verifyIdentity(typeof header === 'string' ? header : undefined, secret),
    // The HTTP handler already took the router's id for this request (http.ts).
    requestId: currentRequestScope()?.requestId ?? acceptRequestId(request.headers['x-request-id']),
  };
}

/**
 * Subgraphs answer only operations the router signed (see `signRouterRequest`), anonymous ones
 * included; `/health` is outside GraphQL and stays open. Refused with 401 UNAUTHENTICATED before
 * the operation is parsed, so a caller who reaches a subgraph's port directly gets neither data,
 * nor `_service { sdl }`, nor any of the work the router's limits would have refused.
 */
export function assertSignedByRouter(
  request: Pick<IncomingMessage, 'headers'>,
  query: string | undefined,
  secret: string,
): void {
  if (
    query !== undefined &&
    verifyRouterRequest(request.headers[ROUTER_SIGNATURE_HEADER], query, secret)
  )
    return;
  const error = unauthenticated(
    'This service answers only the Marquee router; send operations to the router.',
  );
  throw new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status: 401 } },
  });
}

/** The caller's request id when it is a sensible one, else a fresh one (the rule: @marquee/logger). */
export const requestIdFrom = acceptRequestId;
