import DataLoader from 'dataloader';
import { orderByKeys } from '@marquee/server-kit';
import type { UsersStores } from './context.ts';
import type { UserRecord } from './stores/userStore.ts';

export function createLoaders(stores: UsersStores) {
  return {
    user: new DataLoader<string, UserRecord | null>(async (ids) =>
      orderByKeys(ids, await stores.users.findByIds(ids), (user) => user.id),
    ),
  };
}

export type UsersLoaders = ReturnType<typeof createLoaders>;
