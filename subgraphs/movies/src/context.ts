import type { SubgraphContext } from '@marquee/server-kit';
import type { MoviesLoaders } from './loaders.ts';
import type { MoviesStores } from './types.ts';

export type MoviesContext = SubgraphContext<MoviesStores, MoviesLoaders>;
