import type { SubgraphContext } from '@marquee/server-kit';
import type { RecommendationsLoaders } from './loaders.ts';
import type { RecommendationsServices, RecommendationsStores } from './types.ts';

export type RecommendationsContext = SubgraphContext<
  RecommendationsStores,
  RecommendationsLoaders,
  RecommendationsServices
>;
