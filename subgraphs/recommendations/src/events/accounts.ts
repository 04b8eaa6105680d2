import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import type { RecommendationStore } from '../stores/recommendationStore.ts';
import { RATING_EVENTS_GROUP } from './ratings.ts';

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
