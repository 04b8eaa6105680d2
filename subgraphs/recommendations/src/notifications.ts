import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub, RecommendationsUpdatedEvent } from '@marquee/pubsub';

export type { RecommendationsUpdatedEvent };

/** Events one subscriber may have waiting before its stream ends as too slow. */
export const MAX_PENDING_EVENTS = 256;

export interface NotificationHub {
  /** The user's `recommendations.updated` events from now on, until `return()`. */
  listen(userId: string): AsyncGenerator<RecommendationsUpdatedEvent, void, undefined>;
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
 * listening. Each stream has its own bounded queue.
 */
export function createNotificationHub(pubsub: PubSub<MarqueeTopics>, logger: Logger): NotificationHub {
  const streams = new Map<string, Set<(event: RecommendationsUpdatedEvent) => void>>();
  let open = 0;

  return {
    async *listen(userId) {
      const queue: RecommendationsUpdatedEvent[] = [];
      let wake: (() => void) | undefined;
      let overflowed = false;
      const deliver = (event: RecommendationsUpdatedEvent) => {
        if (queue.length >= MAX_PENDING_EVENTS) overflowed = true;
        else queue.push(event);
        wake?.();
      };
      let own = streams.get(userId);
      if (own === undefined) streams.set(userId, (own = new Set()));
      own.add(deliver);
      open += 1;
      try {
        for (;;) {
          if (overflowed) {
            logger.warn({ userId }, 'a recommendations subscriber fell too far behind; ending its stream');
            throw new Error(`More than ${MAX_PENDING_EVENTS} events were waiting for this subscriber.`);
          }
          const next = queue.shift();
          if (next !== undefined) yield next;
          else await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        open -= 1;
        own.delete(deliver);
        if (own.size === 0 && streams.get(userId) === own) streams.delete(userId);
      }
    },
    listeningUsers: () => [...streams.keys()],
    streamCount: () => open,
    start: () =>
      pubsub.subscribe('recommendations.updated', (event) => {
        for (const deliver of streams.get(event.userId) ?? []) deliver(event);
      }),
  };
}
