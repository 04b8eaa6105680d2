import { createHash } from 'node:crypto';
import type { LockStore } from '@marquee/cache';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics, PubSub } from '@marquee/pubsub';
import type { RecommendationEngine } from '../serving/engine.ts';
import type { NotificationHub } from './notifications.ts';
import { RATING_EVENTS_GROUP } from './ratings.ts';
import { recomputeAndAnnounce, type UpdatePublisher } from './updates.ts';
import { claim, withUserLock } from './userLock.ts';

/**
 * Ingestion's `catalog.moviesAdded` announcements wait in the event stream until a
 * recommendations replica is up; the one that takes it reloads the catalogue and passes it on
 * over pub/sub, so every replica (this one included) recomputes the lists of its subscribers.
 */
export async function relayArrivals(
  stream: EventStream<MarqueeTopics>,
  pubsub: PubSub<MarqueeTopics>,
  engine: RecommendationEngine,
  logger: Logger,
): Promise<() => Promise<void>> {
  return stream.consume(
    'catalog.moviesAdded',
    RATING_EVENTS_GROUP,
    async ({ payload }) => {
      await engine.refresh();
      await pubsub.publish('catalog.moviesAdded', payload);
    },
    {
      onError: (error) =>
        logger.warn({ err: error }, 'a new-arrivals event failed; it will be delivered again'),
    },
  );
}

/**
 * New films can enter the lists of people watching right now ("New arrival"): on an arrivals
 * announcement, reload the catalogue and recompute the lists of the users subscribed on this
 * replica. Other users' lists pick the films up when their cached list expires.
 */
export async function consumeArrivals(
  pubsub: PubSub<MarqueeTopics>,
  engine: RecommendationEngine,
  publisher: UpdatePublisher,
  notifications: NotificationHub,
  logger: Logger,
  locks: LockStore,
): Promise<() => Promise<void>> {
  let pending = Promise.resolve();
  return pubsub.subscribe('catalog.moviesAdded', (event) => {
    const batch = createHash('sha256')
      .update(event.movieIds.join('\n'))
      .digest('base64url')
      .slice(0, 22);
    pending = pending
      .then(async () => {
        await engine.refresh();
        for (const userId of notifications.listeningUsers()) {
          // A user subscribed on two replicas is recomputed (and notified) once.
          if (await claim(locks, 'arrivals', `${batch}:${userId}`))
            await withUserLock(locks, userId, () =>
              recomputeAndAnnounce(engine, publisher, userId),
            );
        }
      })
      .catch((error: unknown) =>
        logger.error({ err: error, movies: event.movieIds.length }, 'failed to apply new arrivals'),
      );
  });
}
