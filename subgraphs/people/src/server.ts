import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics } from '@marquee/pubsub';
import { defineSubgraph, type SubgraphHealthOptions } from '@marquee/server-kit';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createPeopleStore } from './stores/peopleStore.ts';
import { consumeRatingEvents } from './ratingEvents.ts';
import { createRisingStore } from './stores/risingStore.ts';
import { typeDefs } from './typeDefs.ts';

export interface PeopleDependencies {
  db: Database;
  logger: Logger;
  identitySecret: string;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
  /**
   * Rating events from reviews (Redis streams in services mode), counted for `risingPeople`;
   * without it nothing is counted (tests of other fields, benchmarks).
   */
  stream?: EventStream<MarqueeTopics>;
}

/** Builds the people subgraph; it never listens, so tests run it in-process (src/index.ts serves it). */
export function createPeopleSubgraph(deps: PeopleDependencies) {
  const rising = createRisingStore(deps.db.sql);
  const stream = deps.stream;
  return defineSubgraph({
    name: 'people',
    typeDefs,
    resolvers,
    stores: { people: createPeopleStore(deps.db), rising },
    services: {},
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
    ...(stream === undefined
      ? {}
      : { start: () => consumeRatingEvents(stream, rising, deps.logger) }),
  });
}
