import { forbidden, unauthenticated } from '@marquee/errors';
import { pageSize } from '@marquee/server-kit';
import type { UserResolvers } from '../__generated__/resolvers-types.ts';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // A user's recommendations reveal their taste: only they (or an admin) may read them.
  recommendations: async (user, { first }, { identity, loaders }) => {
    if (identity === undefined) throw unauthenticated();
    if (identity.userId !== user.id && identity.role !== 'ADMIN') throw forbidden();
    return (await loaders.forUser.load(user.id)).slice(0, pageSize(first, 10));
  },
};
