import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';

import { IDENTITY_HEADER, verifyIdentity, type Identity } from '@marquee/auth';
import { maskError } from '@marquee/errors';
import type { Logger } from '@marquee/logger';
import type { DocumentNode } from 'graphql';

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
}

/** Builds (never listens) a subgraph's Apollo Server: federation schema, masked errors, no landing page. */
export function createSubgraphServer<Context extends BaseContext>(
  options: SubgraphServerOptions<Context>,
): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]),
    // Subgraphs are reachable only by the router: no landing page. Inline traces (ftv1) feed
    // Apollo Studio usage reporting, which Marquee does not use.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown order (router, subgraphs, then stores); Apollo's own signal
    // handlers would re-raise the signal and end the process before the stores are closed.
    stopOnTerminationSignals: false,
    formatError: maskError((formatted, original) =>
      options.logger.error({ err: original, path: formatted.path }, 'unexpected resolver error'),
    ),
  });
}

/** The identity part of a subgraph request context, from the router's signed header. */
export function requestIdentity(request: Pick<IncomingMessage, 'headers'>, secret: string): RequestContext {
  const header = request.headers[IDENTITY_HEADER];
  const requestIdHeader = request.headers['x-request-id'];
  return {
    identity: verifyIdentity(typeof header === 'string' ? header : undefined, secret),
    requestId: typeof requestIdHeader === 'string' && requestIdHeader.length <= 64 ? requestIdHeader : randomUUID(),
  };
}
