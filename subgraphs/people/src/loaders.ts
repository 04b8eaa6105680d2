import DataLoader from 'dataloader';
import type { CreditRole } from '@marquee/db';
import { groupByKeys, orderByKeys } from '@marquee/server-kit';
import type { PeopleStores } from './context.ts';
import type { CreditRecord, PersonRecord } from './stores/peopleStore.ts';

const creditsByMovie = (stores: PeopleStores, roles: readonly CreditRole[]) =>
  new DataLoader<string, CreditRecord[]>(async (movieIds) =>
    groupByKeys(movieIds, await stores.people.creditsForMovies(movieIds, roles), (credit) => credit.movieId),
  );

/** Per-request loaders: a page of movies costs one query for all their casts, one for all directors. */
export function createLoaders(stores: PeopleStores) {
  return {
    person: new DataLoader<string, PersonRecord | null>(async (ids) =>
      orderByKeys(ids, await stores.people.findByIds(ids), (person) => person.id),
    ),
    castByMovie: creditsByMovie(stores, ['ACTOR']),
    directorsByMovie: creditsByMovie(stores, ['DIRECTOR']),
    creditsByPerson: new DataLoader<string, CreditRecord[]>(async (personIds) =>
      groupByKeys(personIds, await stores.people.creditsForPeople(personIds), (credit) => credit.personId),
    ),
  };
}

export type PeopleLoaders = ReturnType<typeof createLoaders>;
