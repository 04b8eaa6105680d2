import type { EntityExistence } from '@marquee/server-kit';
import type { Accounts } from './accounts.ts';
import type { PersonalStore } from './stores/personalStore.ts';
import type { UserStore } from './stores/userStore.ts';

export interface UsersStores {
  users: UserStore;
  personal: PersonalStore;
  accounts: Accounts;
  /** Asks the movies subgraph whether a film exists before it is put on a watchlist or list. */
  movies: EntityExistence;
}
