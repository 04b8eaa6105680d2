/**
 * Durable events between services, delivered at least once (unlike pub/sub, which drops what
 * nobody was subscribed to hear). Appended events wait until a consumer of each group has handled
 * them: a service that was down catches up when it starts. Handlers must be idempotent (key by
 * `id`): an event whose handler failed, or whose consumer died mid-way, is delivered again.
 */
export interface StreamEvent<T> {
  /** The producer's id for the event (the key for idempotent handling). */
  id: string;
  payload: T;
}

export interface ConsumeOptions {
  /** An event not acknowledged within this long (its handler failed, or its consumer died) is delivered again. Default 5 s. */
  retryMs?: number;
  /** Called when a handler throws or the stream is unreachable; delivery goes on. */
  onError?: (error: unknown, event?: StreamEvent<unknown>) => void;
}

export interface EventStream<Topics extends Record<string, unknown>> {
  /** Resolves once every event is stored (in order). */
  append<K extends keyof Topics & string>(
    topic: K,
    events: readonly StreamEvent<Topics[K]>[],
  ): Promise<void>;
  /**
   * Hands each event of `topic` to one consumer of `group` (every group sees every event), in
   * append order, and acknowledges it once `handler` resolves. Resolves with the function that
   * stops consuming (waiting for the handler in progress).
   */
  consume<K extends keyof Topics & string>(
    topic: K,
    group: string,
    handler: (event: StreamEvent<Topics[K]>) => Promise<void>,
    options?: ConsumeOptions,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const DEFAULT_RETRY_MS = 5_000;
