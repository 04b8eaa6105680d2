import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import type { RecommendationEngine } from './engine.ts';
import type { RecommendationStore } from './stores/recommendationStore.ts';

/**
 * Keeps the recommender's interaction table in step with rating events and recomputes the
 * user's top-N from the served model (fold-in, no retraining), which publishes
 * `recommendations.updated` when new films enter it. Redis pub/sub does not replay events missed
 * while this process was down; the cached list expires and the next training run sees every
 * rating the store holds.
 */
export async function consumeRatingEvents(
  pubsub: PubSub<MarqueeTopics>,
  store: RecommendationStore,
  engine: RecommendationEngine,
  logger: Logger,
): Promise<() => Promise<void>> {
  const handle = async (event: MarqueeTopics['rating.changed']) => {
    if (event.rating === null) await store.deleteInteraction(event.userId, event.movieId);
    else await store.recordInteraction({ userId: event.userId, movieId: event.movieId, rating: event.rating, at: new Date(event.at) });
    await engine.recompute(event.userId);
  };
  // One user's events apply in arrival order, so the last recompute sees every rating before it.
  const queues = new Map<string, Promise<void>>();
  return pubsub.subscribe('rating.changed', (event) => {
    const next = (queues.get(event.userId) ?? Promise.resolve())
      .then(() => handle(event))
      .catch((error: unknown) => logger.error({ err: error, movieId: event.movieId }, 'failed to apply a rating event'));
    queues.set(event.userId, next);
    void next.then(() => {
      if (queues.get(event.userId) === next) queues.delete(event.userId);
    });
  });
}
