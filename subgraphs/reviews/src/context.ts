import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import type { SubgraphContext } from '@marquee/server-kit';
import type { ReviewsLoaders } from './loaders.ts';
import type { RatingStore } from './stores/ratingStore.ts';
import type { ReviewStore } from './stores/reviewStore.ts';

export interface ReviewsStores {
  ratings: RatingStore;
  reviews: ReviewStore;
  events: PubSub<MarqueeTopics>;
}

export type ReviewsContext = SubgraphContext<ReviewsStores, ReviewsLoaders>;
