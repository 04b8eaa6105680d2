import { pageSize } from '@marquee/server-kit';
import type { MovieResolvers } from '../__generated__/resolvers-types.ts';

export const Movie: MovieResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  similar: async (movie, { first }, { loaders }) =>
    (await loaders.similar.load(movie.id))
      .slice(0, pageSize(first, 10))
      .map((scored) => ({ id: scored.movieId })),
  // The viewer's own prediction; anonymous viewers get null rather than an error, so a film page
  // queries it for everyone.
  predictedRating: (movie, _args, { identity, loaders }) =>
    identity === undefined
      ? null
      : loaders.predictedRating.load({ userId: identity.userId, movieId: movie.id }),
};
