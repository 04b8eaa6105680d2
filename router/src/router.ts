import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import type { TokenService } from '@marquee/auth';
import type { Cache } from '@marquee/cache';
import { maskError } from '@marquee/errors';
import type { Logger } from '@marquee/logger';
import {
  createHealthMonitor,
  type HealthCheck,
  type HealthMonitor,
  type HealthReport,
  operationObserverPlugin,
} from '@marquee/server-kit';
import { observeSocketConnections } from '@marquee/telemetry';
import type { GraphQLFormattedError } from 'graphql';
import { request } from 'undici';
import { enforceFieldRateLimits } from './fieldRateLimit.ts';
import { accountCheckPlugin, type AccountCheck } from './accounts.ts';
import { landingPagePlugin } from './http/explorer.ts';
import { EdgeServer } from './http/edgeServer.ts';
import { graphqlOverHttpPlugin } from './http/graphqlOverHttp.ts';
import { apqCache } from './persistedQueries/apqCache.ts';
import type { PersistedQueryMode, PersistedQueryPolicy } from './persistedQueries/admit.ts';
import { persistedQueryList, type PersistedQueryList } from './persistedQueries/manifest.ts';
import { identityFromRequest, type TokenRevocationCheck } from './identity.ts';
import { createOperationGate } from './admission.ts';
import type { OperationLimits } from './limits.ts';
import { operationLimitsPlugin } from './limitsPlugin.ts';
import { refusalObserver } from './refusals.ts';
import {
  checkRateLimit,
  clientIp,
  failOpen,
  type ClientRequest,
  type RateLimitOptions,
} from './rateLimit.ts';
import { createSubscriptionPlanner } from './subscriptions/planner.ts';
import {
  serveRouterSubscriptions,
  type SubscriptionServer,
  type SubscriptionSlots,
} from './subscriptions/server.ts';
import { createUpstreamSockets } from './subscriptions/upstream.ts';
import type { RouterContext } from './types.ts';
import {
  SubgraphDataSource,
  type EntityCacheOptions,
  type UpstreamOptions,
} from './upstream/dataSource.ts';
import { createUpstreamSigner } from './upstream/signing.ts';
import { cacheVerifiedTokens } from './tokenCache.ts';

export type { RouterContext } from './types.ts';

export interface RouterOptions {
  supergraphSdl: string;
  /** Subgraph name → its GraphQL URL (from the environment, overriding the supergraph's). */
  subgraphUrls: Record<string, string>;
  tokens: TokenService;
  identitySecret: string;
  logger: Logger;
  production: boolean;
  /** Apollo Sandbox at /graphql, GraphiQL at /explorer and introspection; default: outside production. */
  explorer?: boolean;
  maxDepth?: number;
  /** Largest estimated cost planned (see cost.ts). Default 20 000. */
  maxCost?: number;
  /** Aliased fields per operation, fragments expanded. Default 30. */
  maxAliases?: number;
  /** Lexical tokens per document; graphql-js stops parsing beyond it. Default 4 000. */
  maxTokens?: number;
  /** Checked on every request with a token, so a logged-out token is refused at once. */
  revocations?: TokenRevocationCheck;
  /** Checks mutations and admin tokens against the account's current state (deleted, demoted); none when absent (tests). */
  accounts?: AccountCheck;
  /** Per-user and per-IP request limits; none when absent (tests). */
  rateLimit?: RateLimitOptions;
  subscriptions?: SubscriptionLimits;
  /** Background health checks besides the subgraphs' (Redis in services mode), and their interval (default 2 s). */
  health?: { checks?: Record<string, HealthCheck>; intervalMs?: number };
  /** Subgraph fetch deadline and circuit breaker; defaults: 5 s, open after 5 failures in a row, probe after 5 s. */
  upstream?: Partial<UpstreamOptions>;
  /** Catalogue entities fetched from the subgraphs kept in a shared store (docs/caching.md); off when absent. */
  entityCache?: EntityCacheOptions;
  /** PERSISTED_QUERIES (docs/http.md); default `apq` with no manifest, registered queries in this process. */
  persistedQueries?: {
    mode: PersistedQueryMode;
    /** The manifest of known operations (the web app's). */
    list?: PersistedQueryList;
    /** Where automatic persisted queries are registered: Redis in services mode, shared by every router. */
    store?: Cache;
  };
}

export interface SubscriptionLimits {
  /** Open subscriptions per user, across every router that shares `slots`. Default 10. */
  maxPerUser?: number;
  /** Where the per-user slots are counted: Redis in services mode (shared by every router), else in this process. */
  slots?: SubscriptionSlots;
  /** Events waiting for one slow subscription before its connection is closed. Default 100. */
  maxPendingEvents?: number;
  /** How often open connections are checked against logouts, in ms. Default 60 000. */
  revocationCheckMs?: number;
}

/** /health waits this long at most for the first round of checks, then answers with what it has. */
const FIRST_ROUND_WAIT_MS = 100;

/** A subgraph is up when its /health answers 2xx (it may be degraded); its own report is kept as details. */
async function subgraphHealth(url: string, signal: AbortSignal): Promise<Record<string, unknown>> {
  // undici's own request rather than the global fetch, whose WHATWG objects made these checks
  // (every 2 s per subgraph) cost the router more CPU under load than its metrics did.
  const response = await request(new URL('/health', url), { signal });
  const body = (await response.body.json().catch(() => ({}))) as {
    status?: unknown;
    dependencies?: Record<string, { status?: unknown }>;
  };
  if (response.statusCode < 200 || response.statusCode >= 300)
    throw new Error(`/health answered ${response.statusCode}${downList(body.dependencies)}`);
  return {
    status: body.status,
    ...(body.status === 'ok' ? {} : { down: downList(body.dependencies).slice(2) }),
  };
}

const downList = (dependencies: Record<string, { status?: unknown }> | undefined) => {
  const down = Object.entries(dependencies ?? {})
    .filter(([, dependency]) => dependency.status !== 'ok')
    .map(([name]) => name);
  return down.length === 0 ? '' : `: ${down.join(', ')} down`;
};

/**
 * The revocation list fails open: while its store (Redis) is unreachable a signed, unexpired token
 * is accepted without the logout check, and the gap is logged. Failing closed would sign every user
 * out for the length of a Redis outage; failing open leaves a token logged out during the outage
 * usable until it expires (TOKEN_TTL_SECONDS, 1 h by default). Either way never an HTTP 500.
 */
function revocationsFailingOpen(
  revocations: TokenRevocationCheck,
  logger: Logger,
): TokenRevocationCheck {
  return {
    isRevoked: (tokenId) =>
      revocations.isRevoked(tokenId).catch((error: unknown) => {
        logger.warn(
          { err: error, dependency: 'redis' },
          'revocation list unavailable; token accepted without the logout check',
        );
        return false;
      }),
  };
}

/** Builds (never listens) the router: static supergraph, auth at the edge, limits, health. */
export function createRouter(options: RouterOptions) {
  const dataSources = new Map<string, SubgraphDataSource>();
  const signer = createUpstreamSigner(options.identitySecret);
  const upstreamOptions: UpstreamOptions = {
    timeoutMs: 5_000,
    failureThreshold: 5,
    openMs: 5_000,
    ...options.upstream,
  };
  const urlOf = (name: string, url?: string) => {
    const target = options.subgraphUrls[name] ?? url;
    if (target === undefined) throw new Error(`No URL for subgraph ${name}.`);
    return target;
  };
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource(
        name,
        urlOf(name, url),
        signer,
        options.logger,
        upstreamOptions,
        options.entityCache,
      );
      dataSources.set(name, source);
      return source;
    },
  });
  const mask = maskError(
    (formatted, original) =>
      options.logger.error({ err: original, path: formatted.path }, 'unexpected error'),
    (formatted, original, dependency) =>
      options.logger.warn({ err: original, path: formatted.path, dependency }, 'upstream failure'),
  );
  const formatError = (formatted: GraphQLFormattedError, original: unknown) =>
    mask(
      // Apollo prefixes errors thrown while building the context (401, 429); clients get the message alone.
      { ...formatted, message: formatted.message.replace(/^Context creation failed: /, '') },
      original,
    );
  const explorer = options.explorer ?? !options.production;
  const limits: OperationLimits = {
    maxDepth: options.maxDepth ?? 12,
    maxCost: options.maxCost ?? 20_000,
    maxAliases: options.maxAliases ?? 30,
    noIntrospection: !explorer,
  };
  // One gate for HTTP and WebSocket, so both refuse the same documents and judge each once.
  const gate = createOperationGate(limits);
  const maxTokens = options.maxTokens ?? 4000;
  const { rateLimit } = options;
  const persisted: PersistedQueryPolicy = {
    mode: options.persistedQueries?.mode ?? 'apq',
    list: options.persistedQueries?.list ?? persistedQueryList({}),
  };
  const apqStore = options.persistedQueries?.store;
  const persistedQueryOptions =
    persisted.mode !== 'apq' ? false : apqStore === undefined ? {} : { cache: apqCache(apqStore) };
  const server = new EdgeServer<RouterContext>(persisted, {
    gateway,
    // Only `apq` registers queries; with the safelist a query runs only from the manifest, which
    // the edge resolves before Apollo Server sees the request (persistedQueries/admit.ts).
    persistedQueries: persistedQueryOptions,
    // The explorers read the schema by introspection; off with them (production by default).
    introspection: explorer,
    // Validation runs in the limits plugin, after the limits that keep it linear (limits.ts).
    dangerouslyDisableValidation: true,
    parseOptions: { maxTokens },
    // Parsed documents in the gate's memo, which the WebSocket path parses through too.
    documentStore: gate.documents.documentStore,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown order (router, subgraphs, then stores); Apollo's own signal
    // handlers would re-raise the signal and end the process before the stores are closed.
    stopOnTerminationSignals: false,
    plugins: [
      operationLimitsPlugin<RouterContext>({
        ...limits,
        gate,
        formatError,
        ...(rateLimit === undefined
          ? {}
          : {
              afterLimits: async ({ document, operation, contextValue }) => {
                const refused = await failOpen(
                  () =>
                    enforceFieldRateLimits(
                      rateLimit,
                      document,
                      operation,
                      contextValue.identity,
                      contextValue.clientIp ?? 'unknown',
                    ),
                  options.logger,
                );
                if (refused !== undefined) throw refused;
              },
            }),
      }),
      ...(options.accounts === undefined ? [] : [accountCheckPlugin(options.accounts)]),
      landingPagePlugin<RouterContext>(explorer),
      graphqlOverHttpPlugin<RouterContext>(),
      // Last, so it counts the status the client is sent.
      operationObserverPlugin<RouterContext>({ service: 'router', logger: options.logger }),
    ],
    formatError,
  });

  const revocations =
    options.revocations === undefined
      ? undefined
      : revocationsFailingOpen(options.revocations, options.logger);
  const verifiedTokens = cacheVerifiedTokens(options.tokens);
  const observeRefusal = refusalObserver(options.logger);
  const subscriptionLimits = options.subscriptions ?? {};
  let monitor: HealthMonitor | undefined;
  const startHealthMonitor = () =>
    createHealthMonitor({
      checks: {
        ...Object.fromEntries(
          Object.entries(options.subgraphUrls).map(([name, url]) => [
            name,
            { run: (signal: AbortSignal) => subgraphHealth(url, signal), required: false },
          ]),
        ),
        ...options.health?.checks,
      },
      intervalMs: options.health?.intervalMs ?? 2_000,
    });
  let subscriptions: SubscriptionServer | undefined;

  return {
    server,
    /**
     * Serves graphql-ws subscriptions on `httpServer`'s `/graphql` (call after `server.start()`,
     * which builds the subgraph data sources). Returns the function that ends every socket.
     */
    serveSubscriptions(httpServer: Server): () => Promise<void> {
      const planner = createSubscriptionPlanner(options.supergraphSdl);
      const upstream = createUpstreamSockets({
        subgraphUrls: Object.fromEntries(
          planner.subgraphs.map(({ name, url }) => [name, urlOf(name, url)]),
        ),
        identitySecret: options.identitySecret,
        logger: options.logger,
      });
      const served = serveRouterSubscriptions({
        server: httpServer,
        executor: {
          planner,
          upstream,
          dataSources,
          identitySecret: options.identitySecret,
          logger: options.logger,
        },
        tokens: options.tokens,
        ...(revocations === undefined ? {} : { revocations }),
        ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
        logger: options.logger,
        gate,
        persistedQueries: persisted,
        maxTokens,
        maxPerUser: subscriptionLimits.maxPerUser ?? 10,
        ...(subscriptionLimits.slots === undefined ? {} : { slots: subscriptionLimits.slots }),
        maxPendingEvents: subscriptionLimits.maxPendingEvents ?? 100,
        maxMessageBytes: 100_000,
        revocationCheckMs: subscriptionLimits.revocationCheckMs ?? 60_000,
        executeOperation: async (request, identity, ip) => {
          const response = await server.executeOperation(
            {
              query: request.query,
              variables: request.variables,
              ...(request.operationName === undefined
                ? {}
                : { operationName: request.operationName }),
            },
            { contextValue: { identity, clientIp: ip } },
          );
          if (response.body.kind !== 'single')
            throw new Error('Incremental delivery is not served over WebSocket.');
          return response.body.singleResult;
        },
        mask,
      });
      subscriptions = served;
      const unobserve = observeSocketConnections('router', () => served.connections());
      return async () => {
        unobserve();
        await served.close();
        await upstream.close();
        subscriptions = undefined;
      };
    },
    createContext: async (request: ClientRequest): Promise<RouterContext> => {
      try {
        const identity = await identityFromRequest(request, verifiedTokens, revocations);
        const limited = await checkRateLimit(rateLimit, request, identity, options.logger);
        if (limited !== undefined) throw limited;
        return { identity, clientIp: clientIp(request, rateLimit?.trustProxy ?? false) };
      } catch (error) {
        observeRefusal(error);
        throw error;
      }
    },
    /** From the last background round of checks: answers at once whatever hangs. */
    async health(): Promise<HealthReport> {
      monitor ??= startHealthMonitor();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        monitor.ready,
        new Promise((resolve) => (timer = setTimeout(resolve, FIRST_ROUND_WAIT_MS))),
      ]);
      clearTimeout(timer);
      const dependencies = monitor.dependencies();
      const subgraphs = Object.fromEntries(
        Object.keys(options.subgraphUrls).map((name) => [
          name,
          { ...dependencies[name], circuit: dataSources.get(name)?.breaker.state() ?? 'closed' },
        ]),
      );
      const others = Object.fromEntries(
        Object.entries(dependencies).filter(([name]) => !(name in options.subgraphUrls)),
      );
      const down = Object.values(dependencies).filter(
        (dependency) => dependency.status !== 'ok',
      ).length;
      const subgraphsDown = Object.values(subgraphs).filter(
        (subgraph) => subgraph.status !== 'ok',
      ).length;
      return {
        status: down === 0 ? 'ok' : 'degraded',
        // Partial results beat none: the router stays in rotation until no subgraph answers.
        ready: subgraphsDown < Object.keys(subgraphs).length,
        subgraphs,
        dependencies: others,
        ...(subscriptions === undefined
          ? {}
          : {
              subscriptions: {
                connections: subscriptions.connections(),
                active: subscriptions.active(),
              },
            }),
      };
    },
    /** Stops the background health checks and closes the subgraph connection pools. */
    close(): void {
      monitor?.stop();
      monitor = undefined;
      for (const source of dataSources.values()) void source.close();
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
