import type { SubgraphContext } from '@marquee/server-kit';
import type { ReviewsLoaders } from './loaders.ts';
import type { ReviewsServices, ReviewsStores } from './types.ts';

export type ReviewsContext = SubgraphContext<ReviewsStores, ReviewsLoaders, ReviewsServices>;
