import type { LockStore } from '@marquee/cache';
import { acceptRequestId, runInRequestScope, type Logger } from '@marquee/logger';
import { SpanKind, withRemoteSpan } from '@marquee/telemetry/tracing';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import type { RecommendationEngine } from '../serving/engine.ts';
import type { RecommendationStore } from '../stores/recommendationStore.ts';
import { recomputeAndAnnounce, type UpdatePublisher } from './updates.ts';
import { withUserLock } from './userLock.ts';

/** The consumer group every recommendations replica reads its stream events in: each event is handled by one of them. */
export const RATING_EVENTS_GROUP = 'recommendations';

/**
 * Keeps the recommender's interaction table in step with rating events and recomputes the
 * user's top-N from the served model (fold-in, no retraining), announcing
 * `recommendations.updated` when new films enter it. Events come from the durable event stream:
 * those written while this subgraph was down are handled when it starts, and an event whose
 * handling failed (PostgreSQL or Redis away) is delivered again. Handling is idempotent: no
 * interaction write lets an older rating (or removal) overwrite a newer one.
 */
export async function consumeRatingEvents(
  stream: EventStream<MarqueeTopics>,
  store: RecommendationStore,
  engine: RecommendationEngine,
  publisher: UpdatePublisher,
  logger: Logger,
  locks: LockStore,
  options: { retryMs?: number } = {},
): Promise<() => Promise<void>> {
  const handle = async (event: MarqueeTopics['rating.changed']) => {
    // Idempotent by the data, not by a claim: every write carries the rating's time and never
    // replaces a newer one, so a redelivered or duplicated event changes nothing. (A claim kept in
    // Redis lost events: when Redis went away after storing a claim but before answering, the
    // resent claim found itself taken and the redelivery was skipped.)
    const at = new Date(event.at);
    if (event.rating === null) await store.deleteInteraction(event.userId, event.movieId, at);
    else
      await store.recordInteraction({
        userId: event.userId,
        movieId: event.movieId,
        rating: event.rating,
        at,
      });
    // The rating is recorded (what training reads); a failed recompute only delays the list,
    // which the next rating or the cache's expiry recomputes.
    const started = performance.now();
    await withUserLock(locks, event.userId, () =>
      recomputeAndAnnounce(engine, publisher, event.userId),
    ).then(
      // The consumer's counterpart of an access log line, under the rating request's id.
      () =>
        logger.info(
          {
            eventId: event.eventId,
            userId: event.userId,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
          },
          'rating event handled',
        ),
      (error: unknown) =>
        logger.warn(
          { err: error, userId: event.userId },
          'recommendations not recomputed after a rating',
        ),
    );
  };
  // The handling joins the request that made the rating: its id in the log lines, its trace
  // (the event carries `traceparent`) as the parent of the recompute's spans.
  const handleInCause = (event: MarqueeTopics['rating.changed']) =>
    runInRequestScope({ requestId: acceptRequestId(event.cause?.requestId) }, () =>
      withRemoteSpan(
        { ...event.cause },
        'rating.changed process',
        { kind: SpanKind.CONSUMER, attributes: { 'messaging.destination.name': 'rating.changed' } },
        () => handle(event),
      ),
    );
  return stream.consume(
    'rating.changed',
    RATING_EVENTS_GROUP,
    ({ payload }) => handleInCause(payload),
    {
      ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
      onError: (error, event) =>
        logger.warn(
          { err: error, eventId: event?.id },
          event === undefined
            ? 'event stream unavailable'
            : 'a rating event failed; it will be delivered again',
        ),
    },
  );
}
