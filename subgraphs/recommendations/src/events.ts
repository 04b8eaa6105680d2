import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import type { RecommendationStore } from './stores/recommendationStore.ts';

/**
 * Keeps the recommender's interaction table in step with rating events. Redis pub/sub does not
 * replay events missed while this process was down; a full resync from the reviews store is the
 * training job's work (see docs/architecture.md).
 */
export async function consumeRatingEvents(
  pubsub: PubSub<MarqueeTopics>,
  store: RecommendationStore,
  logger: Logger,
): Promise<() => Promise<void>> {
  return pubsub.subscribe('rating.changed', (event) => {
    if (event.rating === null) return;
    store
      .recordInteraction({ userId: event.userId, movieId: event.movieId, rating: event.rating, at: new Date(event.at) })
      .catch((error: unknown) => logger.error({ err: error, movieId: event.movieId }, 'failed to record a rating event'));
  });
}
