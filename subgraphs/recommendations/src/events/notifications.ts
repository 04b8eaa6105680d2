import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub, RecommendationsUpdatedEvent } from '@marquee/pubsub';
import { createPushIterator } from '@marquee/server-kit';

export type { RecommendationsUpdatedEvent };

/** Events one subscriber may have waiting before its stream ends as too slow. */
export const MAX_PENDING_EVENTS = 256;

export interface NotificationHub {
  /** The user's `recommendations.updated` events from now on, until `return()`. */
  listen(userId: string): AsyncIterableIterator<RecommendationsUpdatedEvent, undefined>;
  /** Users with at least one open stream on this replica. */
  listeningUsers(): string[];
  /** Open streams on this replica. */
  streamCount(): number;
  /** Subscribes to the topic once for the whole process; returns the stop function. */
  start(): Promise<() => Promise<void>>;
}

/**
 * Fans `recommendations.updated` out to this replica's subscribers: one topic subscription per
 * process and a map from user to streams, so an event costs one lookup however many users are
 * listening. Each stream has its own bounded queue and is registered as soon as it is opened.
 */
export function createNotificationHub(
  pubsub: PubSub<MarqueeTopics>,
  logger: Logger,
): NotificationHub {
  const streams = new Map<string, Set<(event: RecommendationsUpdatedEvent) => void>>();
  let open = 0;

  return {
    listen(userId) {
      let own = streams.get(userId);
      if (own === undefined) streams.set(userId, (own = new Set()));
      const mine = own;
      const stream = createPushIterator<RecommendationsUpdatedEvent>(() => {
        open -= 1;
        mine.delete(deliver);
        if (mine.size === 0 && streams.get(userId) === mine) streams.delete(userId);
      });
      const deliver = (event: RecommendationsUpdatedEvent) => {
        if (stream.pending < MAX_PENDING_EVENTS) {
          stream.push(event);
          return;
        }
        logger.warn(
          { userId },
          'a recommendations subscriber fell too far behind; ending its stream',
        );
        // Hears nothing more (and warns once); the count drops when the consumer sees the failure.
        mine.delete(deliver);
        stream.fail(
          new Error(`More than ${MAX_PENDING_EVENTS} events were waiting for this subscriber.`),
        );
      };
      mine.add(deliver);
      open += 1;
      return stream;
    },
    listeningUsers: () => [...streams.keys()],
    streamCount: () => open,
    start: () =>
      pubsub.subscribe('recommendations.updated', (event) => {
        for (const deliver of streams.get(event.userId) ?? []) deliver(event);
      }),
  };
}
