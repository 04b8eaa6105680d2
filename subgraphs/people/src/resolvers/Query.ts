import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  person: (_root, { id }, { loaders }) => loaders.person.load(id),
};
