import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  me: (_root, _args, { identity, loaders }) => (identity === undefined ? null : loaders.user.load(identity.userId)),
  user: (_root, { id }, { loaders }) => loaders.user.load(id),
};
