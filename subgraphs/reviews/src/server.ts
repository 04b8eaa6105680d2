import { relayOutbox, type Database, type OutboxRelay } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import {
  defineSubgraph,
  type EntityExistence,
  type SubgraphHealthOptions,
} from '@marquee/server-kit';
import { consumeAccountDeletions } from './accountDeletions.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createRatingStore } from './stores/ratingStore.ts';
import { REVIEWS_OUTBOX } from './stores/ratingEvents.ts';
import { createReviewStore } from './stores/reviewStore.ts';
import { typeDefs } from './typeDefs.ts';

export interface ReviewsDependencies {
  db: Database;
  /**
   * The durable event stream (Redis streams in services mode): rating events are relayed to it
   * from the outbox, and account deletions are read from it.
   */
  stream: EventStream<MarqueeTopics>;
  logger: Logger;
  identitySecret: string;
  /** The catalogue's films (a federated lookup to the movies subgraph); writes of unknown films are NOT_FOUND. */
  movies: EntityExistence;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
}

/** Builds the reviews subgraph; it never listens, so tests run it in-process (src/index.ts serves it). */
export function createReviewsSubgraph(deps: ReviewsDependencies) {
  let relay: OutboxRelay | undefined;
  const wake = () => relay?.wake();
  const ratings = createRatingStore(deps.db, wake);
  return defineSubgraph({
    name: 'reviews',
    typeDefs,
    resolvers,
    stores: { ratings, reviews: createReviewStore(deps.db, wake) },
    services: { movies: deps.movies },
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
      const unsubscribe = await consumeAccountDeletions(deps.stream, ratings, deps.logger);
      const running = relayOutbox({
        sql: deps.db.sql,
        table: REVIEWS_OUTBOX,
        stream: deps.stream,
        logger: deps.logger,
      });
      relay = running;
      return async () => {
        await unsubscribe();
        await running.stop();
      };
    },
  });
}
