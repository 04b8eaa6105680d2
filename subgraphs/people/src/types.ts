import type { PeopleStore } from './stores/peopleStore.ts';

export interface PeopleStores {
  people: PeopleStore;
}
