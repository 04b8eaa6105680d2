import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import { defineSubgraph } from '@marquee/server-kit';
import { consumeRatingEvents } from './events.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { createRecommendationStore } from './stores/recommendationStore.ts';
import { typeDefs } from './typeDefs.ts';

export { createRecommendationStore, typeDefs };
export { createInteractionImportStore, type InteractionImportStore } from './stores/interactionImport.ts';
export type { RecommendationsContext, RecommendationsStores } from './context.ts';
export type { InteractionInput, ItemFeatureInput, RecommendationStore } from './stores/recommendationStore.ts';

export interface RecommendationsDependencies {
  db: Database;
  pubsub: PubSub<MarqueeTopics>;
  logger: Logger;
  identitySecret: string;
}

/** Builds the recommendations subgraph; it never listens (STYLE §2). */
export function createRecommendationsSubgraph(deps: RecommendationsDependencies) {
  const recommendations = createRecommendationStore(deps.db);
  return defineSubgraph({
    name: 'recommendations',
    typeDefs,
    resolvers,
    stores: { recommendations },
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checkHealth: () => deps.db.sql.query('SELECT 1'),
    start: () => consumeRatingEvents(deps.pubsub, recommendations, deps.logger),
  });
}
