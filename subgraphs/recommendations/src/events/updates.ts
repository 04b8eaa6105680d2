import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import type { RecommendationEngine, Recomputed } from '../serving/engine.ts';
import type { ScoredMovie } from '../stores/recommendationStore.ts';

/** How many of a user's top-N a `recommendations.updated` event compares. */
const NOTIFY_TOP = 20;

/** Announces `recommendations.updated` when films enter a user's top NOTIFY_TOP. */
export interface UpdatePublisher {
  /** Publishes the films of `recomputed.items` that were not in the previous list's top; true when there were any. */
  announce(userId: string, recomputed: Recomputed): Promise<boolean>;
}

export function createUpdatePublisher(
  pubsub: PubSub<MarqueeTopics>,
  now: () => number = Date.now,
): UpdatePublisher {
  return {
    async announce(userId, { previous, items }) {
      const before = new Set((previous ?? []).slice(0, NOTIFY_TOP).map((scored) => scored.movieId));
      const added = items.slice(0, NOTIFY_TOP).filter((scored) => !before.has(scored.movieId));
      if (added.length === 0) return false;
      await pubsub.publish('recommendations.updated', {
        userId,
        addedMovieIds: added.map((scored) => scored.movieId),
        added,
        at: new Date(now()).toISOString(),
      });
      return true;
    },
  };
}

/** Recomputes a user's list after their ratings or the catalogue changed, and announces what entered it. */
export async function recomputeAndAnnounce(
  engine: RecommendationEngine,
  publisher: UpdatePublisher,
  userId: string,
): Promise<ScoredMovie[]> {
  const recomputed = await engine.recompute(userId);
  await publisher.announce(userId, recomputed);
  return recomputed.items;
}
