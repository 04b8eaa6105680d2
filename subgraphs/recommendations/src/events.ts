import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { cacheKey, type Cache } from '@marquee/cache';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics, PubSub } from '@marquee/pubsub';
import type { RecommendationEngine } from './engine.ts';
import type { NotificationHub } from './notifications.ts';
import type { RecommendationStore } from './stores/recommendationStore.ts';

/** How long a replica's claim on an event lasts: far longer than any replica takes to hear it. */
const CLAIM_TTL_SECONDS = 3600;

/**
 * Every replica hears every event; the first to `add` this key handles it, so a change is
 * applied, and announced, once however many replicas run.
 */
const claim = (claims: Cache, kind: string, id: string) =>
  claims.add(cacheKey('recommendations', kind, id), 1, CLAIM_TTL_SECONDS);

/** A user's recompute lock outlives any recompute; a holder that died frees it after this. */
const USER_LOCK_TTL_SECONDS = 10;

/**
 * Runs `work` while holding the user's recompute lock, shared by every replica. Replicas handle
 * different events of one user, so without it two recomputes could overlap and the later write
 * be the one that had not seen the newest rating. Every handler records its rating before
 * taking the lock, so whichever recompute runs last sees them all.
 */
async function withUserLock(
  claims: Cache,
  userId: string,
  work: () => Promise<unknown>,
): Promise<void> {
  const key = cacheKey('recommendations', 'userLock', userId);
  const deadline = Date.now() + USER_LOCK_TTL_SECONDS * 1000;
  let held = await claims.add(key, randomUUID(), USER_LOCK_TTL_SECONDS);
  while (!held && Date.now() < deadline) {
    await sleep(10);
    held = await claims.add(key, randomUUID(), USER_LOCK_TTL_SECONDS);
  }
  // Past the deadline the holder died (its lock lapses with the TTL): run anyway, owning nothing.
  const takenAt = Date.now();
  try {
    await work();
  } finally {
    // Free only a lock this call took, and only while it cannot have lapsed to another replica.
    if (held && Date.now() - takenAt < USER_LOCK_TTL_SECONDS * 1000) await claims.delete(key);
  }
}

/** The consumer group every recommendations replica reads its stream events in: each event is handled by one of them. */
export const RATING_EVENTS_GROUP = 'recommendations';

/**
 * Keeps the recommender's interaction table in step with rating events and recomputes the
 * user's top-N from the served model (fold-in, no retraining), which publishes
 * `recommendations.updated` when new films enter it. Events come from the durable event stream:
 * those written while this subgraph was down are handled when it starts, and an event whose
 * handling failed (PostgreSQL or Redis away) is delivered again. Handling is idempotent by event
 * id: the claim is taken first and given back on failure, and the interaction write itself never
 * lets an older rating overwrite a newer one.
 */
export async function consumeRatingEvents(
  stream: EventStream<MarqueeTopics>,
  store: RecommendationStore,
  engine: RecommendationEngine,
  logger: Logger,
  claims: Cache,
  options: { retryMs?: number } = {},
): Promise<() => Promise<void>> {
  const key = (eventId: string) => cacheKey('recommendations', 'ratingEvent', eventId);
  const handle = async (event: MarqueeTopics['rating.changed']) => {
    if (!(await claim(claims, 'ratingEvent', event.eventId))) return;
    try {
      if (event.rating === null) await store.deleteInteraction(event.userId, event.movieId);
      else
        await store.recordInteraction({
          userId: event.userId,
          movieId: event.movieId,
          rating: event.rating,
          at: new Date(event.at),
        });
    } catch (error) {
      // Not handled after all: free the claim so the redelivery is not skipped.
      await claims.delete(key(event.eventId)).catch(() => undefined);
      throw error;
    }
    // The rating is recorded (what training reads); a failed recompute only delays the list,
    // which the next rating or the cache's expiry recomputes.
    await withUserLock(claims, event.userId, () => engine.recompute(event.userId)).catch(
      (error: unknown) =>
        logger.warn(
          { err: error, userId: event.userId },
          'recommendations not recomputed after a rating',
        ),
    );
  };
  return stream.consume('rating.changed', RATING_EVENTS_GROUP, ({ payload }) => handle(payload), {
    ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
    onError: (error, event) =>
      logger.warn(
        { err: error, eventId: event?.id },
        event === undefined
          ? 'event stream unavailable'
          : 'a rating event failed; it will be delivered again',
      ),
  });
}

/**
 * A deleted account's ratings stop counting: its interactions go. Deletions come from the
 * durable event stream (the users subgraph's outbox), so one announced while this subgraph was
 * down is handled when it starts; the entry is acknowledged only after the rows are gone, and
 * deleting is idempotent, so a redelivery is harmless. Its cached list is unreachable (the
 * account resolves to nothing) and expires.
 */
export function consumeAccountDeletions(
  stream: EventStream<MarqueeTopics>,
  store: RecommendationStore,
  logger: Logger,
): Promise<() => Promise<void>> {
  return stream.consume(
    'account.deleted',
    RATING_EVENTS_GROUP,
    ({ payload }) => store.deleteInteractionsOf(payload.userId),
    {
      onError: (error, event) =>
        logger.warn(
          { err: error, eventId: event?.id },
          event === undefined
            ? 'event stream unavailable'
            : "a deleted account's interactions were not removed; the event will be delivered again",
        ),
    },
  );
}

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
  notifications: NotificationHub,
  logger: Logger,
  claims: Cache,
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
          if (await claim(claims, 'arrivals', `${batch}:${userId}`))
            await withUserLock(claims, userId, () => engine.recompute(userId));
        }
      })
      .catch((error: unknown) =>
        logger.error({ err: error, movies: event.movieIds.length }, 'failed to apply new arrivals'),
      );
  });
}
