import { unauthenticated } from '@marquee/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { validateRating } from '../validation.ts';

export const Mutation: MutationResolvers = {
  rateMovie: async (_root, { movieId, rating }, { identity, stores }) => {
    if (identity === undefined) throw unauthenticated();
    const saved = await stores.ratings.upsert({ userId: identity.userId, movieId, rating: validateRating(rating) });
    await stores.events.publish('rating.changed', {
      userId: saved.userId,
      movieId: saved.movieId,
      rating: saved.rating,
      at: saved.updatedAt.toISOString(),
    });
    return saved;
  },
};
