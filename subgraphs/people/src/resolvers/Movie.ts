import { pageSize } from '@marquee/server-kit';
import type { PersonRecord } from '../stores/peopleStore.ts';
import type { MovieResolvers } from '../__generated__/resolvers-types.ts';

export const Movie: MovieResolvers = {
  // Any movie id is a valid reference here: a film with no credits has an empty cast.
  __resolveReference: (reference) => ({ id: reference.id }),
  cast: async (movie, { first }, { loaders }) =>
    (await loaders.castByMovie.load(movie.id)).slice(0, pageSize(first, 10)),
  directors: async (movie, _args, { loaders }) => {
    const credits = await loaders.directorsByMovie.load(movie.id);
    const people = await loaders.person.loadMany(credits.map((credit) => credit.personId));
    return people.filter((person): person is PersonRecord => person !== null && !(person instanceof Error));
  },
};
