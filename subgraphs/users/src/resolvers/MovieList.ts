import type { MovieListResolvers } from '../__generated__/resolvers-types.ts';
import { listVisible } from '../access.ts';

export const MovieList: MovieListResolvers = {
  __resolveReference: async (reference, { identity, loaders }) => {
    const list = await loaders.list.load(reference.id);
    return list !== null && listVisible(identity, list) ? list : null;
  },
  owner: async (list, _args, { loaders }) => {
    const owner = await loaders.user.load(list.ownerId);
    if (owner === null) throw new Error(`List ${list.id} has no owner.`);
    return owner;
  },
  movies: async (list, _args, { loaders }) =>
    (await loaders.listItems.load(list.id)).map((item) => ({ id: item.movieId })),
};
