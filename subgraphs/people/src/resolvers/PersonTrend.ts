import type { FilmTrendResolvers, PersonTrendResolvers } from '../__generated__/resolvers-types.ts';

export const PersonTrend: PersonTrendResolvers = {
  // Ranked people hold credits, so they exist here; the loader batches them in one query.
  person: async (gain, _, { loaders }) => {
    const person = await loaders.person.load(gain.personId);
    if (person === null) throw new Error(`person ${gain.personId} has credits but no row`);
    return person;
  },
};

export const FilmTrend: FilmTrendResolvers = {
  movie: (film) => ({ id: film.movieId }),
};
