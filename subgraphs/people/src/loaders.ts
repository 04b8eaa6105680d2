import DataLoader from 'dataloader';
import { observeBatches } from '@marquee/telemetry';
import { groupByKeys, orderByKeys, storableIds } from '@marquee/server-kit';
import type { PeopleStores } from './types.ts';
import type {
  CreditRecord,
  CreditSlice,
  CreditWindow,
  PersonRecord,
} from './stores/peopleStore.ts';

/**
 * Per-request loaders. A page of movies costs one query for all their credits (cast, crew,
 * directors and writers share it) and one for all the people in them, whatever the page size.
 */
export function createLoaders(stores: PeopleStores) {
  // `Person.credits` takes arguments: people asked for with the same window share one batch.
  const creditWindows = new Map<string, DataLoader<string, CreditSlice>>();
  return {
    person: new DataLoader<string, PersonRecord | null>(
      observeBatches('people', 'person', async (ids) =>
        orderByKeys(ids, await stores.people.findByIds(storableIds(ids)), (person) => person.id),
      ),
    ),
    creditsByMovie: new DataLoader<string, CreditRecord[]>(
      observeBatches('people', 'creditsByMovie', async (movieIds) =>
        groupByKeys(
          movieIds,
          await stores.people.creditsForMovies(storableIds(movieIds)),
          (credit) => credit.movieId,
        ),
      ),
    ),
    creditsByPerson(window: CreditWindow): DataLoader<string, CreditSlice> {
      const key = `${window.role ?? '*'}:${window.offset}:${window.limit}`;
      let loader = creditWindows.get(key);
      if (loader === undefined) {
        loader = new DataLoader<string, CreditSlice>(
          observeBatches('people', 'creditsByPerson', async (personIds) => {
            const slices = await stores.people.creditsForPeople(storableIds(personIds), window);
            return personIds.map((id) => slices.get(id) ?? { credits: [], total: 0 });
          }),
        );
        creditWindows.set(key, loader);
      }
      return loader;
    },
  };
}

export type PeopleLoaders = ReturnType<typeof createLoaders>;
