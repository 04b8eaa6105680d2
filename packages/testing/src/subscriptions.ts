import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveSubscription {
  /** Every `next` payload so far, in order. */
  readonly events: FormattedExecutionResult[];
  /** Settles when the operation ends: `complete`, an `error` message, or the socket closing. */
  readonly ended: Promise<{
    errors?: readonly GraphQLFormattedError[];
    close?: { code: number; reason: string };
  }>;
  /** Resolves with event number `index` (0-based) once it has arrived; rejects after `timeoutMs`. */
  event(index: number, timeoutMs?: number): Promise<FormattedExecutionResult>;
  /** Completes the operation and closes the socket. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  /** Sent as `{ authorization: "Bearer <token>" }` in `connection_init`. */
  token?: string;
  connectionParams?: Record<string, unknown>;
  query: string;
  variables?: Record<string, unknown>;
  /** The `subscribe` message's extensions (a persisted query's hash). */
  extensions?: Record<string, unknown>;
}

/**
 * A graphql-ws client the way an application uses one, for tests: it never retries, so a close
 * code the server chose is what the test sees, and any delivery it observes needed no client
 * action.
 */
export function subscribe(url: string, options: SubscribeOptions): LiveSubscription {
  const events: FormattedExecutionResult[] = [];
  const waiters = new Set<() => void>();
  let close: { code: number; reason: string } | undefined;
  let settle!: (value: Awaited<LiveSubscription['ended']>) => void;
  const ended = new Promise<Awaited<LiveSubscription['ended']>>((resolve) => (settle = resolve));
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams:
      options.connectionParams ??
      (options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        close = { code, reason: String(reason) };
        settle({ close });
        for (const wake of waiters) wake();
      },
    },
    onNonLazyError: () => {},
  });
  const dispose = client.subscribe<Record<string, unknown>>(
    {
      query: options.query,
      ...(options.variables === undefined ? {} : { variables: options.variables }),
      ...(options.extensions === undefined ? {} : { extensions: options.extensions }),
    },
    {
      next: (value) => {
        events.push(value as FormattedExecutionResult);
        for (const wake of waiters) wake();
      },
      error: (error) =>
        settle(
          Array.isArray(error)
            ? { errors: error as GraphQLFormattedError[] }
            : close === undefined
              ? {}
              : { close },
        ),
      complete: () => settle({}),
    },
  );
  return {
    events,
    ended,
    event(index, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events[index];
          if (found !== undefined) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          } else if (close !== undefined) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(
              new Error(
                `The socket closed (${close.code} ${close.reason}) before event ${index} arrived.`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `Event ${index} did not arrive within ${timeoutMs} ms (${events.length} arrived).`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      dispose();
      await client.dispose();
    },
  };
}
