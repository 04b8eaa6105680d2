import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import type { RatingStore } from './stores/ratingStore.ts';

/** The consumer group every reviews replica reads `account.deleted` in: each event is handled by one of them. */
export const ACCOUNT_EVENTS_GROUP = 'reviews';

/**
 * A deleted account's ratings, reviews and tags go. Deletions come from the durable event stream
 * (the users subgraph's outbox): one announced while this subgraph was down is handled when it
 * starts, and one whose handling failed (PostgreSQL away) is delivered again; the entry is
 * acknowledged only after the rows are gone. Deleting is idempotent, so a redelivery is harmless.
 */
export function consumeAccountDeletions(
  stream: EventStream<MarqueeTopics>,
  ratings: RatingStore,
  logger: Logger,
): Promise<() => Promise<void>> {
  return stream.consume(
    'account.deleted',
    ACCOUNT_EVENTS_GROUP,
    ({ payload }) => ratings.deleteUser(payload.userId),
    {
      onError: (error, event) =>
        logger.warn(
          { err: error, eventId: event?.id },
          event === undefined
            ? 'event stream unavailable'
            : "a deleted account's ratings were not removed; the event will be delivered again",
        ),
    },
  );
}
