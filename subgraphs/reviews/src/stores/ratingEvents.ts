import { randomUUID } from 'node:crypto';
import { writeOutboxEvent, type RawWriter } from '@marquee/db';
import { currentRequestScope } from '@marquee/logger';
import type { EventCause, RatingChangedEvent } from '@marquee/pubsub';
import { traceCarrier } from '@marquee/telemetry/tracing';

/** Where this subgraph's events wait for the relay (same database as the ratings). */
export const REVIEWS_OUTBOX = 'reviews.event_outbox';

/** The request (id, trace context) a change is made in, carried by its event to the consumers. */
export function eventCause(): EventCause | null {
  const requestId = currentRequestScope()?.requestId;
  const trace = traceCarrier();
  if (requestId === undefined && trace === undefined) return null;
  return { ...(requestId === undefined ? {} : { requestId }), ...trace };
}

/** Told after a transaction that wrote an event committed, so the relay moves it at once. */
export type OnEvent = () => void;

/**
 * Writes the `rating.changed` event of a rating change through the transaction that makes the
 * change: the event exists exactly when the change does (`rating: null` when it was removed).
 */
export function writeRatingChanged(
  tx: RawWriter,
  change: { userId: string; movieId: string; rating: number | null; at: Date },
): PromiseLike<number> {
  const payload: RatingChangedEvent = {
    eventId: randomUUID(),
    userId: change.userId,
    movieId: change.movieId,
    rating: change.rating,
    at: change.at.toISOString(),
    cause: eventCause(),
  };
  return writeOutboxEvent(tx, REVIEWS_OUTBOX, {
    id: payload.eventId,
    topic: 'rating.changed',
    payload,
  });
}
