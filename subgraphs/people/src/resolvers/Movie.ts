import type { CreditRole } from '@marquee/db';
import { pageSize } from '@marquee/server-kit';
import type { PeopleContext } from '../context.ts';
import type { MovieResolvers } from '../__generated__/resolvers-types.ts';
import type { PersonRecord } from '../stores/peopleStore.ts';

async function peopleIn(
  movieId: string,
  role: CreditRole,
  { loaders }: PeopleContext,
): Promise<PersonRecord[]> {
  const credits = (await loaders.creditsByMovie.load(movieId)).filter(
    (credit) => credit.role === role,
  );
  const people = await loaders.person.loadMany(credits.map((credit) => credit.personId));
  return people.filter(
    (person): person is PersonRecord => person !== null && !(person instanceof Error),
  );
}

const crewOrder: readonly CreditRole[] = [
  'DIRECTOR',
  'WRITER',
  'PRODUCER',
  'COMPOSER',
  'CINEMATOGRAPHER',
  'EDITOR',
  'OTHER',
];

export const Movie: MovieResolvers = {
  // Any movie id is a valid reference here: a film with no credits has an empty cast.
  __resolveReference: (reference) => ({ id: reference.id }),
  cast: async (movie, { first }, { loaders }) => {
    const size = pageSize(first, 10);
    return (await loaders.creditsByMovie.load(movie.id))
      .filter((credit) => credit.role === 'ACTOR')
      .slice(0, size);
  },
  crew: async (movie, _args, { loaders }) =>
    (await loaders.creditsByMovie.load(movie.id))
      .filter((credit) => credit.role !== 'ACTOR')
      // Stable: billing order is kept within a role.
      .sort((a, b) => crewOrder.indexOf(a.role) - crewOrder.indexOf(b.role)),
  directors: (movie, _args, context) => peopleIn(movie.id, 'DIRECTOR', context),
  writers: (movie, _args, context) => peopleIn(movie.id, 'WRITER', context),
};
