import { pageSize } from '@marquee/server-kit';
import type { UserResolvers } from '../__generated__/resolvers-types.ts';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  ratings: async (user, { first }, { loaders }) =>
    (await loaders.ratingsByUser.load(user.id)).slice(0, pageSize(first)),
  reviews: (user, { first }, { loaders }) =>
    loaders.reviewsByUser.load({ userId: user.id, limit: pageSize(first) }),
};
