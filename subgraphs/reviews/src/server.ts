import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics, PubSub } from '@marquee/pubsub';
import {
  defineSubgraph,
  type EntityExistence,
  type SubgraphHealthOptions,
} from '@marquee/server-kit';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createRatingStore } from './stores/ratingStore.ts';
import { createEventOutbox, relayOutbox } from './stores/eventOutbox.ts';
import { createReviewStore } from './stores/reviewStore.ts';
import { typeDefs } from './typeDefs.ts';

export { createEventOutbox, createRatingStore, createReviewStore, relayOutbox, typeDefs };
export type { EventOutbox } from './stores/eventOutbox.ts';
export { scoreSentiment } from './sentiment.ts';
export type { ReviewsContext } from './context.ts';
export type { ReviewsServices, ReviewsStores } from './types.ts';
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
  /** Where account deletions arrive (Redis pub/sub in services mode). */
  pubsub: PubSub<MarqueeTopics>;
  /** The catalogue's films (a federated lookup to the movies subgraph); writes of unknown films are NOT_FOUND. */
  movies: EntityExistence;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
}

/** Builds the reviews subgraph; it never listens (STYLE §2). */
export function createReviewsSubgraph(deps: ReviewsDependencies) {
  const ratings = createRatingStore(deps.db);
  let relay: ReturnType<typeof relayOutbox> | undefined;
  const events = createEventOutbox(deps.db.sql, () => relay?.wake());
  return defineSubgraph({
    name: 'reviews',
    typeDefs,
    resolvers,
    stores: { ratings, reviews: createReviewStore(deps.db) },
    services: { events, movies: deps.movies },
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
    async start() {
      relay = relayOutbox({ sql: deps.db.sql, stream: deps.stream, logger: deps.logger });
      const running = relay;
      // A deleted account's ratings, reviews and tags go too; every replica may run this, it is idempotent.
      const unsubscribe = await deps.pubsub.subscribe('account.deleted', (event) => {
        ratings
          .deleteUser(event.userId)
          .catch((error: unknown) =>
            deps.logger.error(
              { err: error, userId: event.userId },
              "failed to remove a deleted account's ratings",
            ),
          );
      });
      return async () => {
        await unsubscribe();
        await running.stop();
      };
    },
  });
}
