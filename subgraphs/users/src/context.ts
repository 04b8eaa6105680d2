import type { SubgraphContext } from '@marquee/server-kit';
import type { UsersLoaders } from './loaders.ts';
import type { UsersServices, UsersStores } from './types.ts';

export type UsersContext = SubgraphContext<UsersStores, UsersLoaders, UsersServices>;
