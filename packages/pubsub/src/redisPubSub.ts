import { RedisPubSub, type PubSubRedisOptions } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import {
  assertTopic,
  closedError,
  createTopicIterator,
  defaultHandlerErrorReporter,
  type HandlerErrorReporter,
  type PubSub,
  type TopicIterator,
} from './pubsub.ts';

export interface RedisPubSubOptions {
  /** Issues PUBLISH; may be shared with the cache and other ordinary commands. */
  publisher: Redis;
  /** Enters subscriber mode, so it must be a connection of its own (Redis allows only
   * SUBSCRIBE-family commands on it). Give each pubsub its own, or at least distinct prefixes. */
  subscriber: Redis;
  /** Prepended to every topic to form the channel, e.g. `marquee:`. Required, with no default, so
   * two deployments on one Redis never hear each other. */
  prefix: string;
  /** `close()` quits both connections only when the pubsub owns them. Default false. */
  ownsConnections?: boolean;
  onHandlerError?: HandlerErrorReporter;
}

type EngineSubscriber = NonNullable<PubSubRedisOptions['subscriber']>;
type EnginePublisher = NonNullable<PubSubRedisOptions['publisher']>;
type Listener = Parameters<Redis['off']>[1];

/**
 * Redis pub/sub on graphql-redis-subscriptions' `RedisPubSub`, which reference-counts channel
 * subscriptions and coalesces concurrent SUBSCRIBEs. Events reach every replica subscribed to the
 * channel; Redis drops events published while a subscriber is disconnected.
 */
export function createRedisPubSub<Topics extends Record<string, unknown>>(
  options: RedisPubSubOptions,
): PubSub<Topics> {
  const { publisher, subscriber, prefix, ownsConnections = false } = options;
  const onHandlerError = options.onHandlerError ?? defaultHandlerErrorReporter;
  if (typeof prefix !== 'string' || prefix.trim() === '') {
    throw new TypeError('createRedisPubSub: a non-empty prefix is required');
  }
  if (publisher === subscriber) {
    throw new TypeError('createRedisPubSub: publisher and subscriber must be separate connections');
  }

  // The engine never awaits UNSUBSCRIBE, so a failure there (Redis unreachable long enough for
  // ioredis to give up) would be an unhandled rejection that ends the process. It also registers
  // message listeners it never removes. This narrow view of the subscriber fixes both: failures
  // are reported, UNSUBSCRIBEs can be awaited, and `close()` removes the listeners.
  const listeners: [event: string, listener: Listener][] = [];
  const pendingUnsubscribes = new Set<Promise<void>>();
  let lastUnsubscribe: Promise<void> | undefined;
  const subscriberView = {
    on(event: string, listener: Listener) {
      subscriber.on(event, listener);
      listeners.push([event, listener]);
      return subscriberView;
    },
    subscribe(channel: string, callback: (error?: Error | null) => void) {
      subscriber.subscribe(channel).then(
        () => callback(null),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    unsubscribe(channel: string) {
      const settled = subscriber.unsubscribe(channel).then(
        () => undefined,
        (error: unknown) => onHandlerError(error, channel.slice(prefix.length)),
      );
      pendingUnsubscribes.add(settled);
      void settled.finally(() => pendingUnsubscribes.delete(settled));
      lastUnsubscribe = settled;
    },
    // Only ever called alongside `unsubscribe`; this pubsub never subscribes to patterns.
    punsubscribe() {},
  };
  /** Ends subscription `id` and resolves once Redis has confirmed, if it was the channel's last. */
  const release = async (id: number) => {
    lastUnsubscribe = undefined;
    engine.unsubscribe(id);
    await takeLastUnsubscribe();
  };
  const takeLastUnsubscribe = () => {
    const issued = lastUnsubscribe;
    lastUnsubscribe = undefined;
    return issued;
  };

  // Something else publishing on our channel could send anything; a handler typed for a topic's
  // payload must never receive text that is not JSON.
  const notJson = Symbol('not JSON');
  const engine = new RedisPubSub({
    // ioredis 6 clients; the engine's typings name its own ioredis 5 (ARCHITECTURE §8 records
    // that the pair works at runtime).
    publisher: publisher as unknown as EnginePublisher,
    subscriber: subscriberView as unknown as EngineSubscriber,
    serializer: (payload: unknown) => {
      const json = JSON.stringify(payload) as string | undefined;
      if (json === undefined) throw new TypeError(`Cannot publish ${typeof payload}: not JSON`);
      return json;
    },
    deserializer: (message) => {
      try {
        return JSON.parse(message.toString()) as unknown;
      } catch {
        return notJson;
      }
    },
  });

  const subscriptionIds = new Set<number>();
  const iterators = new Set<TopicIterator<unknown>>();
  let closed = false;

  const pubsub: PubSub<Topics> = {
    async publish(topic, payload) {
      if (closed) throw closedError();
      assertTopic(topic);
      await engine.publish(prefix + topic, payload);
    },

    async subscribe(topic, handler) {
      if (closed) throw closedError();
      assertTopic(topic);
      const id = await engine.subscribe(
        prefix + topic,
        (payload: Topics[typeof topic] | typeof notJson) => {
          if (payload === notJson) {
            onHandlerError(
              new Error(`Ignored a message that is not JSON on ${JSON.stringify(topic)}`),
              topic,
            );
            return;
          }
          // The engine calls this inside ioredis' socket handler; a throw must not escape there.
          try {
            handler(payload);
          } catch (error) {
            onHandlerError(error, topic);
          }
        },
      );
      if (closed) {
        await release(id);
        throw closedError();
      }
      subscriptionIds.add(id);
      return async () => {
        // The engine throws on an unknown id, so a second call must not reach it.
        if (!subscriptionIds.delete(id)) return;
        await release(id);
      };
    },

    asyncIterator<K extends keyof Topics & string>(topics: K | readonly K[]) {
      const iterator: TopicIterator<Topics[K]> = createTopicIterator<Topics[K]>(
        (topic, handler) => pubsub.subscribe(topic as K, handler),
        typeof topics === 'string' ? [topics] : topics,
        () => iterators.delete(iterator),
      );
      iterators.add(iterator);
      return iterator;
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...iterators].map((iterator) => iterator.return()));
      const remaining = [...subscriptionIds];
      subscriptionIds.clear();
      for (const id of remaining) engine.unsubscribe(id);
      await Promise.all(pendingUnsubscribes);
      for (const [event, listener] of listeners) subscriber.off(event, listener);
      if (ownsConnections) await Promise.all([publisher.quit(), subscriber.quit()]);
    },

    [Symbol.asyncDispose]() {
      return pubsub.close();
    },
  };
  return pubsub;
}
