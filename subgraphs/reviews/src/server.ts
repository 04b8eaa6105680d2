import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import { defineSubgraph, type EntityExistence } from '@marquee/server-kit';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createRatingStore } from './stores/ratingStore.ts';
import { createReviewStore } from './stores/reviewStore.ts';
import { typeDefs } from './typeDefs.ts';

export { createRatingStore, createReviewStore, typeDefs };
export { scoreSentiment } from './sentiment.ts';
export type { ReviewsContext, ReviewsStores } from './context.ts';
export type { RatingRecord, RatingStore } from './stores/ratingStore.ts';
export {
  createRatingImportStore,
  type ImportedRating,
  type ImportedTag,
  type RatingImportStore,
} from './stores/ratingImport.ts';
export type { ReviewRecord, ReviewStore } from './stores/reviewStore.ts';

export interface ReviewsDependencies {
  db: Database;
  pubsub: PubSub<MarqueeTopics>;
  logger: Logger;
  identitySecret: string;
  /** The catalogue's films (a federated lookup to the movies subgraph); writes of unknown films are NOT_FOUND. */
  movies: EntityExistence;
}

/** Builds the reviews subgraph; it never listens (STYLE §2). */
export function createReviewsSubgraph(deps: ReviewsDependencies) {
  const ratings = createRatingStore(deps.db);
  return defineSubgraph({
    name: 'reviews',
    typeDefs,
    resolvers,
    stores: {
      ratings,
      reviews: createReviewStore(deps.db),
      events: deps.pubsub,
      movies: deps.movies,
    },
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checkHealth: () => deps.db.sql.query('SELECT 1'),
    // A deleted account's ratings, reviews and tags go too; every replica may run this, it is idempotent.
    start: () =>
      deps.pubsub.subscribe('account.deleted', (event) => {
        ratings
          .deleteUser(event.userId)
          .catch((error: unknown) =>
            deps.logger.error(
              { err: error, userId: event.userId },
              "failed to remove a deleted account's ratings",
            ),
          );
      }),
  });
}
