import type { SubgraphContext } from '@marquee/server-kit';
import type { RecommendationsLoaders } from './loaders.ts';
import type { RecommendationStore } from './stores/recommendationStore.ts';

export interface RecommendationsStores {
  recommendations: RecommendationStore;
}

export type RecommendationsContext = SubgraphContext<RecommendationsStores, RecommendationsLoaders>;
