import { isStorableId } from '@marquee/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { listVisible } from '../access.ts';

export const Query: QueryResolvers = {
  me: (_root, _args, { identity, loaders }) =>
    identity === undefined ? null : loaders.user.load(identity.userId),
  user: (_root, { id }, { loaders }) => loaders.user.load(id),
  userByUsername: async (_root, { username }, { stores }) =>
    isStorableId(username) ? stores.users.findByUsername(username.trim().toLowerCase()) : null,
  list: async (_root, { id }, { identity, loaders }) => {
    const list = await loaders.list.load(id);
    return list !== null && listVisible(identity, list) ? list : null;
  },
};
