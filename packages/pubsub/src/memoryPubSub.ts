/* eslint-disable @typescript-eslint/require-await --
   The interface is asynchronous and this implementation is not: `async` turns a thrown
   validation error into a rejected promise, as the networked implementation behaves. */
import {
  assertTopic,
  closedError,
  createTopicIterator,
  defaultHandlerErrorReporter,
  type HandlerErrorReporter,
  type PubSub,
} from './pubsub.ts';

export interface MemoryPubSubOptions {
  onHandlerError?: HandlerErrorReporter;
}

interface Subscription {
  handler: (payload: unknown) => void;
}

/**
 * In-process pub/sub for the embedded single-process mode and unit tests. Like Redis it delivers
 * asynchronously (after `publish` returns control), serialises payloads through JSON, and drops
 * events for subscriptions ended before delivery.
 */
export function createMemoryPubSub<Topics extends Record<string, unknown>>(
  options: MemoryPubSubOptions = {},
): PubSub<Topics> {
  const onHandlerError = options.onHandlerError ?? defaultHandlerErrorReporter;
  const subscriptions = new Map<string, Set<Subscription>>();
  const iterators = new Set<{ return(): Promise<unknown> }>();
  let closed = false;

  const pubsub: PubSub<Topics> = {
    async publish(topic, payload) {
      if (closed) throw closedError();
      assertTopic(topic);
      const json = JSON.stringify(payload) as string | undefined;
      if (json === undefined)
        throw new TypeError(
          `Cannot publish ${typeof payload} to ${JSON.stringify(topic)}: not JSON`,
        );
      const current = subscriptions.get(topic);
      if (current === undefined || current.size === 0) return;
      const recipients = [...current];
      queueMicrotask(() => {
        const copy: unknown = JSON.parse(json);
        for (const subscription of recipients) {
          if (!current.has(subscription)) continue;
          try {
            subscription.handler(copy);
          } catch (error) {
            onHandlerError(error, topic);
          }
        }
      });
    },

    async subscribe(topic, handler) {
      if (closed) throw closedError();
      assertTopic(topic);
      let topicSubscriptions = subscriptions.get(topic);
      if (topicSubscriptions === undefined) {
        topicSubscriptions = new Set();
        subscriptions.set(topic, topicSubscriptions);
      }
      const subscription: Subscription = { handler: handler as (payload: unknown) => void };
      topicSubscriptions.add(subscription);
      const owner = topicSubscriptions;
      return async () => {
        owner.delete(subscription);
        if (owner.size === 0 && subscriptions.get(topic) === owner) subscriptions.delete(topic);
      };
    },

    asyncIterator<K extends keyof Topics & string>(topics: K | readonly K[]) {
      const iterator = createTopicIterator<Topics[K]>(
        (topic, handler) => pubsub.subscribe(topic as K, handler),
        typeof topics === 'string' ? [topics] : topics,
        () => iterators.delete(iterator),
      );
      iterators.add(iterator);
      return iterator;
    },

    async close() {
      closed = true;
      await Promise.all([...iterators].map((iterator) => iterator.return()));
      subscriptions.clear();
    },

    [Symbol.asyncDispose]() {
      return pubsub.close();
    },
  };
  return pubsub;
}
