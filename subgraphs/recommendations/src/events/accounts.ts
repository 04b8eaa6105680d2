import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import type { RecommendationStore } from '../stores/recommendationStore.ts';

/**
 * A deleted account's ratings stop counting: its interactions go (every replica may do it; it is
 * idempotent). Its cached list is unreachable (the account resolves to nothing) and expires.
 */
export function consumeAccountDeletions(
  pubsub: PubSub<MarqueeTopics>,
  store: RecommendationStore,
  logger: Logger,
): Promise<() => Promise<void>> {
  return pubsub.subscribe('account.deleted', (event) => {
    store
      .deleteInteractionsOf(event.userId)
      .catch((error: unknown) =>
        logger.error(
          { err: error, userId: event.userId },
          "failed to remove a deleted account's interactions",
        ),
      );
  });
}
