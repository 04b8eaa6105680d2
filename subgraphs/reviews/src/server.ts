import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import { defineSubgraph } from '@marquee/server-kit';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createRatingStore } from './stores/ratingStore.ts';
import { createReviewStore } from './stores/reviewStore.ts';
import { typeDefs } from './typeDefs.ts';

export { createRatingStore, createReviewStore, typeDefs };
export { scoreSentiment } from './sentiment.ts';
export type { ReviewsContext, ReviewsStores } from './context.ts';
export type { RatingRecord, RatingStore } from './stores/ratingStore.ts';
export { createRatingImportStore, type ImportedRating, type ImportedTag, type RatingImportStore } from './stores/ratingImport.ts';
export type { ReviewRecord, ReviewStore } from './stores/reviewStore.ts';

export interface ReviewsDependencies {
  db: Database;
  pubsub: PubSub<MarqueeTopics>;
  logger: Logger;
  identitySecret: string;
}

/** Builds the reviews subgraph; it never listens (STYLE §2). */
export function createReviewsSubgraph(deps: ReviewsDependencies) {
  return defineSubgraph({
    name: 'reviews',
    typeDefs,
    resolvers,
    stores: { ratings: createRatingStore(deps.db), reviews: createReviewStore(deps.db), events: deps.pubsub },
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checkHealth: () => deps.db.sql.query('SELECT 1'),
  });
}
