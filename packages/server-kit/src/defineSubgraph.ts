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

/** A subgraph that calls nothing but its stores. */
export type NoServices = Record<never, never>;

/**
 * A subgraph's request context: identity, two process-wide bags and per-request loaders.
 * `stores` hold data access only (one interface per store, an in-memory stand-in possible);
 * `services` hold what does more than read and write this subgraph's data: an engine, a
 * notification hub, account rules, an event publisher, lookups in another subgraph.
 */
export type SubgraphContext<Stores, Loaders, Services = NoServices> = RequestContext & {
  stores: Stores;
  services: Services;
  loaders: Loaders;
};

export interface SubgraphDefinition<Stores, Loaders, Services = NoServices> {
  name: string;
  typeDefs: DocumentNode;
  // Codegen's resolver types are stricter than Apollo's map type; each subgraph passes its typed map.
  resolvers: unknown;
  stores: Stores;
  services: Services;
  createLoaders: (stores: Stores, services: Services) => Loaders;
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

export interface Subgraph<Stores, Loaders, Services = NoServices> {
  name: string;
  server: ApolloServer<SubgraphContext<Stores, Loaders, Services>>;
  /** The executable federation schema (what subscriptions run on). */
  schema: GraphQLSchema;
  identitySecret: string;
  logger: Logger;
  stores: Stores;
  services: Services;
  /** Refuses (401) an operation the router did not sign. */
  createContext: (
    request: Pick<IncomingMessage, 'headers'>,
    operation: OperationText,
  ) => Promise<SubgraphContext<Stores, Loaders, Services>>;
  /** A context for an already verified identity (a subscription operation over the router's socket). */
  contextFor: (
    identity: Identity | undefined,
    requestId: string,
  ) => SubgraphContext<Stores, Loaders, Services>;
  health: () => Promise<HealthReport>;
  start: () => Promise<() => Promise<void>>;
}

/** Builds a subgraph (schema, context per request, health); it never listens, so tests run it in-process. */
export function defineSubgraph<Stores, Loaders, Services = NoServices>(
  definition: SubgraphDefinition<Stores, Loaders, Services>,
): Subgraph<Stores, Loaders, Services> {
  const { stores, services, createLoaders, identitySecret, logger } = definition;
  type Context = SubgraphContext<Stores, Loaders, Services>;
  const resolvers = definition.resolvers as GraphQLResolverMap<Context>;
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
    services,
    schema,
    identitySecret,
    logger,
    server: createSubgraphServer<Context>({
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
        services,
        loaders: createLoaders(stores, services),
      });
    },
    contextFor: (identity, requestId) => ({
      identity,
      requestId,
      stores,
      services,
      loaders: createLoaders(stores, services),
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
