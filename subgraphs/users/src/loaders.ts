import DataLoader from 'dataloader';
import { observeBatches } from '@marquee/telemetry';
import { groupByKeys, orderByKeys, storableIds as storable } from '@marquee/server-kit';
import type { UsersStores } from './types.ts';
import type {
  ListItem,
  ListRecord,
  PreferencesRecord,
  WatchlistEntry,
} from './stores/personalStore.ts';
import type { UserRecord } from './stores/userStore.ts';

export interface WatchlistPageKey {
  userId: string;
  limit: number;
  after: { addedAt: Date; movieId: string } | undefined;
}

export function createLoaders(stores: UsersStores) {
  return {
    user: new DataLoader<string, UserRecord | null>(
      observeBatches('users', 'user', async (ids) =>
        orderByKeys(ids, await stores.users.findByIds(storable(ids)), (user) => user.id),
      ),
    ),
    list: new DataLoader<string, ListRecord | null>(
      observeBatches('users', 'list', async (ids) =>
        orderByKeys(ids, await stores.personal.findLists(storable(ids)), (list) => list.id),
      ),
    ),
    listsByOwner: new DataLoader<string, ListRecord[]>(
      observeBatches('users', 'listsByOwner', async (ownerIds) =>
        groupByKeys(
          ownerIds,
          await stores.personal.listsOf(storable(ownerIds)),
          (list) => list.ownerId,
        ),
      ),
    ),
    listItems: new DataLoader<string, ListItem[]>(
      observeBatches('users', 'listItems', async (listIds) =>
        groupByKeys(
          listIds,
          await stores.personal.itemsOf(storable(listIds)),
          (item) => item.listId,
        ),
      ),
    ),
    preferences: new DataLoader<string, PreferencesRecord | null>(
      observeBatches('users', 'preferences', async (userIds) =>
        orderByKeys(
          userIds,
          await stores.personal.preferences(storable(userIds)),
          (row) => row.userId,
        ),
      ),
    ),
    // Only the owner (or an admin) reads a watchlist, so a request rarely asks for more than one;
    // each key is one indexed keyset query.
    watchlist: new DataLoader<WatchlistPageKey, WatchlistEntry[], string>(
      observeBatches('users', 'watchlist', (keys) =>
        Promise.all(keys.map((key) => stores.personal.watchlist(key.userId, key.limit, key.after))),
      ),
      {
        cacheKeyFn: (key) =>
          JSON.stringify([
            key.userId,
            key.limit,
            key.after?.addedAt.toISOString(),
            key.after?.movieId,
          ]),
      },
    ),
  };
}

export type UsersLoaders = ReturnType<typeof createLoaders>;
