/**
 * Typed publish/subscribe (a topic's payload type is fixed by its name). Payloads are JSON:
 * subscribers receive a parsed copy, never the publisher's object, whichever implementation runs.
 */
export interface PubSub<Topics extends Record<string, unknown>> {
  publish<K extends keyof Topics & string>(topic: K, payload: Topics[K]): Promise<void>;
  /** Resolves once the subscription is live (an event published afterwards is delivered) with
   * the function that ends it. */
  subscribe<K extends keyof Topics & string>(
    topic: K,
    handler: (payload: Topics[K]) => void,
  ): Promise<() => Promise<void>>;
  /** Events of one or more topics as an async iterator, for GraphQL subscription resolvers.
   * It subscribes at once; `return()` (called by `for await … break` and by graphql-js when the
   * client goes away) unsubscribes. */
  asyncIterator<K extends keyof Topics & string>(
    topics: K | readonly K[],
  ): TopicIterator<Topics[K]>;
  /** Ends every subscription and iterator this pubsub opened. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface TopicIterator<T> extends AsyncIterableIterator<T, undefined> {
  /** Settles once every topic's subscription is live (rejects if subscribing failed). */
  readonly ready: Promise<void>;
  return(): Promise<IteratorReturnResult<undefined>>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Called when a subscriber's handler throws; the other handlers still run. */
export type HandlerErrorReporter = (error: unknown, topic: string) => void;

export const defaultHandlerErrorReporter: HandlerErrorReporter = (error, topic) => {
  process.emitWarning(
    `A subscriber to ${JSON.stringify(topic)} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    { code: 'MARQUEE_PUBSUB_HANDLER' },
  );
};

export function closedError(): Error {
  return new Error('The pubsub is closed');
}

export function assertTopic(topic: unknown): asserts topic is string {
  if (typeof topic !== 'string' || topic === '') {
    throw new TypeError(`A topic must be a non-empty string (got ${JSON.stringify(topic)})`);
  }
}

type Subscribe<T> = (topic: string, handler: (payload: T) => void) => Promise<() => Promise<void>>;

/**
 * One async iterator over several topics, built on `subscribe` so both implementations behave the
 * same. Events arriving faster than they are consumed wait in an unbounded queue, as they do in
 * graphql-subscriptions' iterator.
 */
export function createTopicIterator<T>(
  subscribe: Subscribe<T>,
  topics: readonly string[],
  onReturn: () => void = () => {},
): TopicIterator<T> {
  const queue: T[] = [];
  const waiting: ((result: IteratorResult<T, undefined>) => void)[] = [];
  let finished = false;

  const push = (payload: T) => {
    if (finished) return;
    const resolve = waiting.shift();
    if (resolve === undefined) queue.push(payload);
    else resolve({ value: payload, done: false });
  };

  const subscribed = (async () => {
    const unsubscribes: (() => Promise<void>)[] = [];
    try {
      for (const topic of topics) unsubscribes.push(await subscribe(topic, push));
    } catch (error) {
      await Promise.allSettled(unsubscribes.map((unsubscribe) => unsubscribe()));
      throw error;
    }
    return unsubscribes;
  })();
  const ready = subscribed.then(() => undefined);
  // A failed subscription surfaces from `next()`; do not also report it as unhandled.
  ready.catch(() => {});

  const done = (): IteratorReturnResult<undefined> => ({ value: undefined, done: true });

  const iterator: TopicIterator<T> = {
    ready,
    async next() {
      if (queue.length > 0) return { value: queue.shift() as T, done: false };
      if (finished) return done();
      await ready;
      if (queue.length > 0) return { value: queue.shift() as T, done: false };
      if (finished) return done();
      return new Promise((resolve) => waiting.push(resolve));
    },
    async return() {
      if (!finished) {
        finished = true;
        onReturn();
        queue.length = 0;
        for (const resolve of waiting.splice(0)) resolve(done());
        const unsubscribes = await subscribed.catch(() => []);
        await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
      }
      return done();
    },
    async throw(error: unknown) {
      await iterator.return();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async [Symbol.asyncDispose]() {
      await iterator.return();
    },
  };
  return iterator;
}
