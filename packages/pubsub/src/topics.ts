/**
 * Marquee's topics and their payloads. Payloads travel as JSON between processes, so they hold
 * only JSON values (ISO strings, not `Date`s).
 */
export interface RatingChangedEvent {
  userId: string;
  movieId: string;
  /** The new rating, or `null` when the user removed it. */
  rating: number | null;
  /** ISO 8601. */
  at: string;
}

export interface MovieUpsertedEvent {
  movieId: string;
  genres: string[];
  year: number | null;
  popularity: number;
}

export interface RecommendationsUpdatedEvent {
  userId: string;
  addedMovieIds: string[];
  /** ISO 8601. */
  at: string;
}

export interface MarqueeTopics {
  'rating.changed': RatingChangedEvent;
  'catalog.movieUpserted': MovieUpsertedEvent;
  'recommendations.updated': RecommendationsUpdatedEvent;
  [topic: string]: unknown;
}
