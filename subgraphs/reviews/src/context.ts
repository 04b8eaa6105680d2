import type { EntityExistence, SubgraphContext } from '@marquee/server-kit';
import type { ReviewsLoaders } from './loaders.ts';
import type { RatingStore } from './stores/ratingStore.ts';
import type { ReviewStore } from './stores/reviewStore.ts';

export interface ReviewsStores {
  ratings: RatingStore;
  reviews: ReviewStore;
  /** Asks the movies subgraph whether a film exists before a rating or review of it is stored. */
  movies: EntityExistence;
}

export type ReviewsContext = SubgraphContext<ReviewsStores, ReviewsLoaders>;
