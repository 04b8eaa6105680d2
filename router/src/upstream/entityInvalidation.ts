import type { EntityStore } from '@marquee/cache';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import { entityKey } from './entityCache.ts';

/** The consumer group the routers read invalidating events in: one router clears the shared store per event. */
export const ENTITY_CACHE_GROUP = 'router-entity-cache';

/**
 * Keeps the entity cache to what the subgraphs would answer, from the durable event stream (so
 * events written while every router was down are applied when one starts):
 * - `rating.changed`: the film's entities in every subgraph (its rating summary and reviews are
 *   the reviews subgraph's fields of `Movie`);
 * - `catalog.changed` (an ingestion run wrote films, people, credits or ratings) and
 *   `account.deleted` (a user's ratings and reviews went, on films no event names): everything.
 * Both are idempotent, as redelivered events require.
 */
export function invalidateEntitiesOnEvents(options: {
  stream: EventStream<MarqueeTopics>;
  store: EntityStore;
  subgraphs: readonly string[];
  logger: Logger;
}): Promise<() => Promise<void>> {
  const { stream, store, subgraphs, logger } = options;
  const onError = (error: unknown, event?: { id: string }) =>
    logger.warn(
      { err: error, eventId: event?.id },
      event === undefined
        ? 'event stream unavailable; cached entities are kept until they expire'
        : 'cached entities were not invalidated; the event will be delivered again',
    );
  return Promise.all([
    stream.consume(
      'rating.changed',
      ENTITY_CACHE_GROUP,
      ({ payload }) =>
        store.invalidate(
          subgraphs.map((subgraph) => entityKey(subgraph, 'Movie', payload.movieId)),
        ),
      { onError },
    ),
    stream.consume('catalog.changed', ENTITY_CACHE_GROUP, () => store.clear(), { onError }),
    stream.consume('account.deleted', ENTITY_CACHE_GROUP, () => store.clear(), { onError }),
  ]).then((stops) => async () => {
    await Promise.all(stops.map((stop) => stop()));
  });
}
