import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { Logger } from '@marquee/logger';
import type { Identity } from '@marquee/auth';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { createHealthMonitor, type HealthCheck, type HealthMonitor } from './healthMonitor.ts';
import type { HealthReport, OperationText } from './http.ts';
import {
  assertSignedByRouter,
  buildSchema,
  createSubgraphServer,
  requestIdentity,
  type RequestContext,
} from './subgraph.ts';

/** What the process adds to a subgraph's health checks. */
export interface SubgraphHealthOptions {
  checks?: Record<string, HealthCheck>;
  /** Default 2 s. */
  intervalMs?: number;
}

/** /health waits this long at most for the first round of checks, then answers with what it has. */
const FIRST_ROUND_WAIT_MS = 100;

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
  /** The subgraph's own stores, each checked in the background (see healthMonitor.ts). */
  checks: Record<string, HealthCheck>;
  /** Checks the process adds (Redis in services mode) and how often to run them. */
  health?: SubgraphHealthOptions | undefined;
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
  let monitor: HealthMonitor | undefined;
  const startMonitor = () =>
    createHealthMonitor({
      checks: { ...definition.checks, ...definition.health?.checks },
      intervalMs: definition.health?.intervalMs ?? 2_000,
    });
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
      monitor ??= startMonitor();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        monitor.ready,
        new Promise((resolve) => (timer = setTimeout(resolve, FIRST_ROUND_WAIT_MS))),
      ]);
      clearTimeout(timer);
      const report = monitor.report();
      const down = Object.entries(report.dependencies).filter(
        ([, dependency]) => dependency.status !== 'ok',
      );
      if (down.length > 0)
        logger.debug({ down: down.map(([name]) => name) }, 'health check failed');
      return { ...report, ...(report.status === 'down' ? {} : definition.healthDetails?.()) };
    },
    async start() {
      monitor ??= startMonitor();
      const stopBackground = await (
        definition.start ?? (() => Promise.resolve(() => Promise.resolve()))
      )();
      return async () => {
        monitor?.stop();
        monitor = undefined;
        await stopBackground();
      };
    },
  };
}
