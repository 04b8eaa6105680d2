import { setTimeout as sleep } from 'node:timers/promises';
import { signRouterCredential } from '@marquee/auth';
import type { Logger } from '@marquee/logger';
import { ROUTER_CREDENTIAL_PARAM } from '@marquee/server-kit';
import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';

export interface UpstreamSink {
  /** An event as the subgraph sent it (JSON: errors in their formatted shape). */
  next(result: FormattedExecutionResult): void;
  /** The subgraph refused or ended the operation with errors. */
  error(error: unknown): void;
  complete(): void;
}

export interface UpstreamSockets {
  /** Opens `payload` as a subscription on `service`; returns the function that ends it. */
  subscribe(service: string, payload: SubscribePayload, sink: UpstreamSink): () => void;
  close(): Promise<void>;
}

/** Reconnect delay: doubling from 100 ms to at most 2 s, with jitter so replicas do not stampede. */
const retryDelay = (retries: number) => Math.min(2_000, 100 * 2 ** retries) + Math.random() * 100;

/**
 * One multiplexed `graphql-ws` connection per subgraph, shared by every client subscription on
 * this router. It authenticates as the router afresh on every (re)connection and, when a
 * subgraph restarts, reconnects and re-sends each open subscription by itself.
 */
export function createUpstreamSockets(options: {
  subgraphUrls: Record<string, string>;
  identitySecret: string;
  logger: Logger;
}): UpstreamSockets {
  const clients = new Map<string, Client>();

  function clientFor(service: string): Client {
    const existing = clients.get(service);
    if (existing !== undefined) return existing;
    const httpUrl = options.subgraphUrls[service];
    if (httpUrl === undefined) throw new Error(`No URL for subgraph ${service}.`);
    const url = httpUrl.replace(/^http/, 'ws');
    const logger = options.logger.child({ subgraph: service });
    let wasConnected = false;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 5_000,
      keepAlive: 10_000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => sleep(retryDelay(retries)),
      connectionParams: () => ({
        [ROUTER_CREDENTIAL_PARAM]: signRouterCredential(options.identitySecret),
      }),
      on: {
        connected: () => {
          if (wasConnected) logger.info('subscription socket re-established');
          wasConnected = true;
        },
        closed: (event) => {
          const { code, reason } = event as { code?: number; reason?: string };
          if (code !== 1000)
            logger.warn(
              { code, reason },
              'subscription socket closed; reconnecting while subscriptions are open',
            );
        },
      },
    });
    clients.set(service, client);
    return client;
  }

  return {
    subscribe(service, payload, sink) {
      // The sink hears one ending at most, whichever comes first: error, complete or our own end.
      let ended = false;
      const end = () => {
        if (ended) return false;
        ended = true;
        return true;
      };
      const dispose = clientFor(service).subscribe<
        Record<string, unknown>,
        Record<string, unknown>
      >(payload, {
        next: (result) => sink.next(result as FormattedExecutionResult),
        error: (error) => {
          if (end()) sink.error(error);
        },
        complete: () => {
          if (end()) sink.complete();
        },
      });
      return () => {
        end();
        dispose();
      };
    },
    async close() {
      await Promise.all([...clients.values()].map((client) => Promise.resolve(client.dispose())));
      clients.clear();
    },
  };
}
