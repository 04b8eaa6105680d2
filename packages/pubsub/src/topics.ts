/**
 * Marquee's topics and their payloads. Payloads travel as JSON between processes, so they hold
 * only JSON values (ISO strings, not `Date`s).
 */
export interface RatingChangedEvent {
  /** Unique per change, so replicas that all hear the event can agree which one handles it. */
  eventId: string;
  userId: string;
  movieId: string;
  /** The new rating, or `null` when the user removed it. */
  rating: number | null;
  /** ISO 8601. */
  at: string;
  /**
   * The request that made the change, so the work the event causes joins it: its id for the
   * logs, its W3C trace context (`traceparent`) while tracing is on. Absent on imports.
   */
  cause?: EventCause | null;
}

export interface EventCause {
  requestId?: string;
  traceparent?: string;
  tracestate?: string;
}

export interface RecommendedMovie {
  movieId: string;
  score: number;
  reason: string;
}

/** A user's top-N changed: `added` entered it (best first). */
export interface RecommendationsUpdatedEvent {
  userId: string;
  addedMovieIds: string[];
  added: RecommendedMovie[];
  /** ISO 8601. */
  at: string;
}

/** Films that joined the catalogue (ingestion, seeding), announced once per batch. */
export interface MoviesAddedEvent {
  movieIds: string[];
  /** ISO 8601. */
  at: string;
}

/**
 * An ingestion run wrote to the catalogue (films, people, credits, ratings): once per run that
 * inserted or updated anything, so caches of catalogue data drop what they hold.
 */
export interface CatalogChangedEvent {
  /** `imdb` or `movielens`. */
  source: string;
  /** The files whose lines inserted or updated something. */
  files: string[];
  /** ISO 8601. */
  at: string;
}

/**
 * An account was deleted: every subgraph removes what it holds of that user (reviews: ratings,
 * reviews, tags; recommendations: interactions). Handlers are idempotent.
 */
export interface AccountDeletedEvent {
  eventId: string;
  userId: string;
  /** ISO 8601. */
  at: string;
}

export interface MarqueeTopics {
  'rating.changed': RatingChangedEvent;
  'account.deleted': AccountDeletedEvent;
  'catalog.moviesAdded': MoviesAddedEvent;
  'catalog.changed': CatalogChangedEvent;
  'recommendations.updated': RecommendationsUpdatedEvent;
  [topic: string]: unknown;
}
