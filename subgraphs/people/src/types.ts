import type { PeopleStore } from './stores/peopleStore.ts';
import type { RisingStore } from './stores/risingStore.ts';

export interface PeopleStores {
  people: PeopleStore;
  /** Ratings per film and day from rating events (`risingPeople`). */
  rising: RisingStore;
}
