import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import { defineSubgraph, type SubgraphHealthOptions } from '@marquee/server-kit';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createRatingStore } from './stores/ratingStore.ts';
import { createEventOutbox, relayOutbox } from './stores/eventOutbox.ts';
import { createReviewStore } from './stores/reviewStore.ts';
import { typeDefs } from './typeDefs.ts';

export { createEventOutbox, createRatingStore, createReviewStore, relayOutbox, typeDefs };
export type { EventOutbox } from './stores/eventOutbox.ts';
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
  /** Where rating events are relayed (Redis streams in services mode). */
  stream: EventStream<MarqueeTopics>;
  logger: Logger;
  identitySecret: string;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
}

/** Builds the reviews subgraph; it never listens (STYLE §2). */
export function createReviewsSubgraph(deps: ReviewsDependencies) {
  let relay: ReturnType<typeof relayOutbox> | undefined;
  const events = createEventOutbox(deps.db.sql, () => relay?.wake());
  return defineSubgraph({
    name: 'reviews',
    typeDefs,
    resolvers,
    stores: { ratings: createRatingStore(deps.db), reviews: createReviewStore(deps.db), events },
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checks: {
      postgresql: {
        run: () => deps.db.sql.query('SELECT 1').then(() => undefined),
        required: true,
      },
    },
    health: deps.health,
    start() {
      relay = relayOutbox({ sql: deps.db.sql, stream: deps.stream, logger: deps.logger });
      const running = relay;
      return Promise.resolve(() => running.stop());
    },
  });
}
