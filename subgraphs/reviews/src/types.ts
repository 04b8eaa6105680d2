import type { EntityExistence } from '@marquee/server-kit';
import type { EventOutbox } from './stores/eventOutbox.ts';
import type { RatingStore } from './stores/ratingStore.ts';
import type { ReviewStore } from './stores/reviewStore.ts';

/** Data access only. */
export interface ReviewsStores {
  ratings: RatingStore;
  reviews: ReviewStore;
}

/** What the resolvers call besides the stores. */
export interface ReviewsServices {
  /** The event publisher: rating events, stored beside the ratings and relayed to the recommendations subgraph. */
  events: EventOutbox;
  /** Asks the movies subgraph whether a film exists before a rating or review of it is stored. */
  movies: EntityExistence;
}
