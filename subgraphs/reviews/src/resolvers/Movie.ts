import type { MovieResolvers } from '../__generated__/resolvers-types.ts';

export const Movie: MovieResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  ratingSummary: async (movie, _args, { loaders }) => {
    const { average, count } = await loaders.summary.load(movie.id);
    return { average: average === null ? null : Math.round(average * 100) / 100, count };
  },
};
