import { forbidden } from '@marquee/errors';
import { pageSize, signedIn } from '@marquee/server-kit';
import type { UserResolvers } from '../__generated__/resolvers-types.ts';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // A user's recommendations reveal their taste: only they (or an admin) may read them.
  recommendations: async (user, { first }, { identity, loaders }) => {
    const caller = signedIn(identity);
    if (caller.userId !== user.id && caller.role !== 'ADMIN') throw forbidden();
    return (await loaders.forUser.load(user.id)).slice(0, pageSize(first, 10));
  },
  // The same rule: statistics of a user's ratings are as private as the ratings' taste.
  stats: (user, _, { identity, loaders }) => {
    const caller = signedIn(identity);
    if (caller.userId !== user.id && caller.role !== 'ADMIN') throw forbidden();
    return loaders.userStats.load(user.id);
  },
};
