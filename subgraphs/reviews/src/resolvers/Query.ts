import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  review: (_root, { id }, { loaders }) => loaders.review.load(id),
};
