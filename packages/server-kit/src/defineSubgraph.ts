import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { Logger } from '@marquee/logger';
import type { Identity } from '@marquee/auth';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { HealthReport, OperationText } from './http.ts';
import {
  assertSignedByRouter,
  buildSchema,
  createSubgraphServer,
  requestIdentity,
  type RequestContext,
} from './subgraph.ts';

/** A subgraph's request context: identity, the process-wide stores, and per-request loaders. */
export type SubgraphContext<Stores, Loaders> = RequestContext & {
  stores: Stores;
  loaders: Loaders;
};

export interface SubgraphDefinition<Stores, Loaders> {
  name: string;
  typeDefs: DocumentNode;
  // Codegen's resolver types are stricter than Apollo's map type; each subgraph passes its typed map.
  resolvers: unknown;
  stores: Stores;
  createLoaders: (stores: Stores) => Loaders;
  identitySecret: string;
  logger: Logger;
  /** Throws (or rejects) when a backing store is unreachable. */
  checkHealth: () => Promise<unknown>;
  /** Figures worth showing on /health besides the status (e.g. open subscriptions). */
  healthDetails?: () => Record<string, unknown>;
  /** Background work started with the server (event consumers); returns its stop function. */
  start?: () => Promise<() => Promise<void>>;
}

export interface Subgraph<Stores, Loaders> {
  name: string;
  server: ApolloServer<SubgraphContext<Stores, Loaders>>;
  /** The executable federation schema (what subscriptions run on). */
  schema: GraphQLSchema;
  identitySecret: string;
  logger: Logger;
  stores: Stores;
  /** Refuses (401) an operation the router did not sign. */
  createContext: (
    request: Pick<IncomingMessage, 'headers'>,
    operation: OperationText,
  ) => Promise<SubgraphContext<Stores, Loaders>>;
  /** A context for an already verified identity (a subscription operation over the router's socket). */
  contextFor: (
    identity: Identity | undefined,
    requestId: string,
  ) => SubgraphContext<Stores, Loaders>;
  health: () => Promise<HealthReport>;
  start: () => Promise<() => Promise<void>>;
}

/** Builds a subgraph (schema, context per request, health); it never listens, so tests run it in-process. */
export function defineSubgraph<Stores, Loaders>(
  definition: SubgraphDefinition<Stores, Loaders>,
): Subgraph<Stores, Loaders> {
  const { stores, createLoaders, identitySecret, logger } = definition;
  const resolvers = definition.resolvers as GraphQLResolverMap<SubgraphContext<Stores, Loaders>>;
  const schema = buildSchema(definition.typeDefs, resolvers);
  return {
    name: definition.name,
    stores,
    schema,
    identitySecret,
    logger,
    server: createSubgraphServer<SubgraphContext<Stores, Loaders>>({
      name: definition.name,
      typeDefs: definition.typeDefs,
      resolvers,
      logger,
      schema,
    }),
    createContext: (request, operation) => {
      assertSignedByRouter(request, operation.query, identitySecret);
      return Promise.resolve({
        ...requestIdentity(request, identitySecret),
        stores,
        loaders: createLoaders(stores),
      });
    },
    contextFor: (identity, requestId) => ({
      identity,
      requestId,
      stores,
      loaders: createLoaders(stores),
    }),
    async health() {
      try {
        await definition.checkHealth();
        return { status: 'ok', ...definition.healthDetails?.() };
      } catch (error) {
        logger.warn({ err: error }, 'health check failed');
        return { status: 'down' };
      }
    },
    start: definition.start ?? (() => Promise.resolve(() => Promise.resolve())),
  };
}
