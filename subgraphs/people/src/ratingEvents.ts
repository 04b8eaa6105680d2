import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import type { RisingStore } from './stores/risingStore.ts';

/** The consumer group the people subgraph reads rating events in. */
export const PEOPLE_EVENTS_GROUP = 'people';

/**
 * Counts each rating given (or changed) into its film's day, for `risingPeople`. A removal
 * (`rating: null`) counts nothing: the window counts ratings given, not ratings held. Events come
 * from the durable stream, so those written while this subgraph was down are counted when it
 * starts; each is counted once by its event id, in the transaction that counts it.
 */
export function consumeRatingEvents(
  stream: EventStream<MarqueeTopics>,
  store: RisingStore,
  logger: Logger,
): Promise<() => Promise<void>> {
  return stream.consume(
    'rating.changed',
    PEOPLE_EVENTS_GROUP,
    async ({ payload }) => {
      if (payload.rating === null) return;
      await store.countRating(payload.eventId, payload.movieId, new Date(payload.at));
    },
    {
      onError: (error, event) =>
        logger.warn(
          { err: error, eventId: event?.id },
          event === undefined
            ? 'event stream unavailable'
            : 'a rating event was not counted; it will be delivered again',
        ),
    },
  );
}
