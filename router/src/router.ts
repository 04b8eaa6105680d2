import type { Server } from 'node:http';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  IDENTITY_HEADER,
  ROUTER_SIGNATURE_HEADER,
  signIdentity,
  signRouterRequest,
  type Identity,
  type TokenService,
} from '@marquee/auth';
import { maskError } from '@marquee/errors';
import type { Logger } from '@marquee/logger';
import type { HealthReport } from '@marquee/server-kit';
import type { GraphQLFormattedError } from 'graphql';
import { enforceFieldRateLimits } from './fieldRateLimit.ts';
import { accountCheckPlugin, type AccountCheck } from './accounts.ts';
import { identityFromRequest, type TokenRevocationCheck } from './identity.ts';
import { createDocumentJudge, operationLimitsPlugin, type OperationLimits } from './limits.ts';
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

export interface RouterContext extends BaseContext {
  identity: Identity | undefined;
  /** The caller's address, for the per-field rate limits (absent in-process). */
  clientIp?: string;
}

export interface RouterOptions {
  supergraphSdl: string;
  /** Subgraph name → its GraphQL URL (from the environment, overriding the supergraph's). */
  subgraphUrls: Record<string, string>;
  tokens: TokenService;
  identitySecret: string;
  logger: Logger;
  production: boolean;
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

/**
 * Signs every operation for the subgraph (they answer nothing else) and forwards the verified
 * identity in a signed header; client headers are never passed through.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly #secret: string;
  constructor(url: string, secret: string) {
    // Node's fetch (undici) pools keep-alive connections per subgraph origin.
    super({ url, fetcher: globalThis.fetch });
    this.#secret = secret;
  }
  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const { identity } = context as Partial<RouterContext>;
    request.http?.headers.set(
      ROUTER_SIGNATURE_HEADER,
      signRouterRequest(request.query ?? '', this.#secret),
    );
    if (identity !== undefined)
      request.http?.headers.set(IDENTITY_HEADER, signIdentity(identity, this.#secret));
  }
}

/** Builds (never listens) the router: static supergraph, auth at the edge, limits, health. */
export function createRouter(options: RouterOptions) {
  const dataSources = new Map<string, SubgraphDataSource>();
  const urlOf = (name: string, url?: string) => {
    const target = options.subgraphUrls[name] ?? url;
    if (target === undefined) throw new Error(`No URL for subgraph ${name}.`);
    return target;
  };
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource(urlOf(name, url), options.identitySecret);
      dataSources.set(name, source);
      return source;
    },
  });
  const mask = maskError((formatted, original) =>
    options.logger.error({ err: original, path: formatted.path }, 'unexpected error'),
  );
  const formatError = (formatted: GraphQLFormattedError, original: unknown) =>
    mask(
      // Apollo prefixes errors thrown while building the context (401, 429); clients get the message alone.
      { ...formatted, message: formatted.message.replace(/^Context creation failed: /, '') },
      original,
    );
  const limits: OperationLimits = {
    maxDepth: options.maxDepth ?? 12,
    maxCost: options.maxCost ?? 20_000,
    maxAliases: options.maxAliases ?? 30,
    noIntrospection: options.production,
  };
  const maxTokens = options.maxTokens ?? 4000;
  const { rateLimit } = options;
  const server = new ApolloServer<RouterContext>({
    gateway,
    introspection: !options.production,
    // Validation runs in the limits plugin, after the limits that keep it linear (limits.ts).
    dangerouslyDisableValidation: true,
    parseOptions: { maxTokens },
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown order (router, subgraphs, then stores); Apollo's own signal
    // handlers would re-raise the signal and end the process before the stores are closed.
    stopOnTerminationSignals: false,
    plugins: [
      operationLimitsPlugin<RouterContext>({
        ...limits,
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
      options.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({
            embed: { endpointIsEditable: false },
            includeCookies: false,
          }),
    ],
    formatError,
  });

  const subscriptionLimits = options.subscriptions ?? {};
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
        ...(options.revocations === undefined ? {} : { revocations: options.revocations }),
        ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
        logger: options.logger,
        judge: createDocumentJudge(limits),
        maxTokens,
        maxCost: limits.maxCost,
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
      return async () => {
        await served.close();
        await upstream.close();
        subscriptions = undefined;
      };
    },
    createContext: async (request: ClientRequest): Promise<RouterContext> => {
      const identity = await identityFromRequest(request, options.tokens, options.revocations);
      const limited = await checkRateLimit(rateLimit, request, identity, options.logger);
      if (limited !== undefined) throw limited;
      return { identity, clientIp: clientIp(request, rateLimit?.trustProxy ?? false) };
    },
    async health(): Promise<HealthReport> {
      const subgraphs = Object.fromEntries(
        await Promise.all(
          Object.entries(options.subgraphUrls).map(async ([name, url]) => {
            try {
              const response = await fetch(new URL('/health', url), {
                signal: AbortSignal.timeout(2000),
              });
              return [name, response.ok ? 'ok' : 'down'] as const;
            } catch {
              return [name, 'down'] as const;
            }
          }),
        ),
      );
      const down = Object.values(subgraphs).filter((status) => status !== 'ok').length;
      return {
        status: down === 0 ? 'ok' : 'degraded',
        subgraphs,
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
  };
}

export type Router = ReturnType<typeof createRouter>;
