import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import {
  subgraphNames,
  subgraphPort,
  subgraphUrlVariable,
  type Env,
  type SubgraphName,
} from '@marquee/env';
import type { Logger } from '@marquee/logger';
import type { Subgraph } from '../defineSubgraph.ts';
import type { HealthReport, OperationText } from '../http.ts';
import type { Stores } from './stores.ts';

export type ServiceName = SubgraphName | 'router';
export const serviceNames: readonly ServiceName[] = [...subgraphNames, 'router'];

/** What `serve` listens with: an Apollo server, its context and health, and what runs beside it. */
export interface Servable {
  // Each service has a context type of its own; `serve` only starts, feeds and stops the server.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  server: ApolloServer<any>;
  createContext: (request: IncomingMessage, operation: OperationText) => Promise<BaseContext>;
  health: () => Promise<HealthReport>;
  /** The service's own logger (with its `service` binding). */
  logger: Logger;
  /** Background work (event consumers, scheduled training), started before the port opens; returns its stop. */
  start?: () => Promise<() => Promise<void>>;
  /** graphql-ws on the same HTTP server, once it listens; returns its close. */
  serveSockets?: (server: Server) => () => Promise<void>;
  /** Requests with larger bodies get 413 (the HTTP handler's default when absent). */
  maxBodyBytes?: number;
  /** Wraps the HTTP listener (the router's CORS, web app and explorer in front of /graphql). */
  wrapListener?: (listener: RequestListener) => RequestListener;
  /** Releases what the service holds once its server stopped. */
  close?: () => void;
}

/** The stores a router process opens: keys, and Redis for rate limits, revocations, slots, persisted queries and entities (with the event stream that invalidates them, when that cache is on). */
export type EdgeStores = Pick<
  Stores,
  | 'tokens'
  | 'identitySecret'
  | 'rateLimiter'
  | 'revocations'
  | 'subscriptionSlots'
  | 'persistedQueries'
  | 'entities'
  | 'healthChecks'
> &
  Partial<Pick<Stores, 'stream'>>;

/**
 * How one service is built from the process's stores and settings. The same definition runs
 * alone (`src/index.ts` of its workspace, `marquee serve <name>`) and beside the others
 * (`marquee start`). `build` never listens; it may load the service's code lazily, so that a
 * wrong setting is reported before seconds of imports.
 */
export type ServiceDefinition =
  | {
      name: SubgraphName;
      /** Issues tokens, so the process needs TOKEN_SECRET_KEY (users). */
      signs?: boolean;
      build(stores: Stores, env: Env, logger: Logger): Promise<Servable>;
    }
  | {
      name: 'router';
      build(stores: EdgeStores, env: Env, logger: Logger): Promise<Servable>;
    };

/** The port a service listens on and the setting that chose it (named when the port is taken). */
export function servicePort(env: Env, name: ServiceName): { port: number; setting: string } {
  return name === 'router'
    ? { port: env.ROUTER_PORT, setting: 'ROUTER_PORT' }
    : { port: subgraphPort(env, name), setting: subgraphUrlVariable(name) };
}

/** A built subgraph as `serve` runs it; subgraphs with a Subscription root also answer graphql-ws, for the router only. */
export async function subgraphServable<Stores, Loaders, Services>(
  subgraph: Subgraph<Stores, Loaders, Services>,
): Promise<Servable> {
  const { serveSubgraphSubscriptions } = await import('../subscriptions.ts');
  return {
    server: subgraph.server,
    createContext: subgraph.createContext,
    health: subgraph.health,
    logger: subgraph.logger,
    start: subgraph.start,
    ...(subgraph.schema.getSubscriptionType() == null
      ? {}
      : {
          serveSockets: (server: Server) => {
            const sockets = serveSubgraphSubscriptions({
              server,
              schema: subgraph.schema,
              identitySecret: subgraph.identitySecret,
              logger: subgraph.logger,
              contextFor: subgraph.contextFor,
            });
            return () => sockets.close();
          },
        }),
  };
}
