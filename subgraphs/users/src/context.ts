import type { SubgraphContext } from '@marquee/server-kit';
import type { UsersLoaders } from './loaders.ts';
import type { UsersStores } from './types.ts';

export type UsersContext = SubgraphContext<UsersStores, UsersLoaders>;
