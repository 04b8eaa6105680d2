import type { EntityExistence } from '@marquee/server-kit';
import type { Accounts } from './accounts.ts';
import type { PersonalStore } from './stores/personalStore.ts';
import type { UserStore } from './stores/userStore.ts';

/** Data access only. */
export interface UsersStores {
  users: UserStore;
  personal: PersonalStore;
}

/** What the resolvers call besides the stores. */
export interface UsersServices {
  /** Sign-up, log-in, tokens, log-out and account deletion, with their rules. */
  accounts: Accounts;
  /** Asks the movies subgraph whether a film exists before it is put on a watchlist or list. */
  movies: EntityExistence;
}
