import type { EntityExistence } from '@marquee/server-kit';
import type { RatingStore } from './stores/ratingStore.ts';
import type { ReviewStore } from './stores/reviewStore.ts';

/** Data access only. */
export interface ReviewsStores {
  ratings: RatingStore;
  reviews: ReviewStore;
}

/** What the resolvers call besides the stores. */
export interface ReviewsServices {
  /** Asks the movies subgraph whether a film exists before a rating or review of it is stored. */
  movies: EntityExistence;
}
