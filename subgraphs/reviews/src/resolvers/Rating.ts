import type { RatingResolvers } from '../__generated__/resolvers-types.ts';

export const Rating: RatingResolvers = {
  movie: (rating) => ({ id: rating.movieId }),
  user: (rating) => ({ id: rating.userId }),
};
