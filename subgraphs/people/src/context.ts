import type { SubgraphContext } from '@marquee/server-kit';
import type { PeopleLoaders } from './loaders.ts';
import type { PeopleStore } from './stores/peopleStore.ts';

export interface PeopleStores {
  people: PeopleStore;
}

export type PeopleContext = SubgraphContext<PeopleStores, PeopleLoaders>;
