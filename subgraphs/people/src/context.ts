import type { SubgraphContext } from '@marquee/server-kit';
import type { PeopleLoaders } from './loaders.ts';
import type { PeopleStores } from './types.ts';

export type PeopleContext = SubgraphContext<PeopleStores, PeopleLoaders>;
