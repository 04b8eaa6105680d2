import { notFound } from '@marquee/errors';
import { requireId, signedIn } from '@marquee/server-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  recordInteraction: async (_, { movieId, kind }, { identity, stores, services }) => {
    const { userId } = signedIn(identity, 'Sign in to record what you watch.');
    const id = requireId(movieId, 'movieId');
    if (!(await services.engine.hasMovie(id))) throw notFound('There is no film with that id.');
    return stores.history.record(userId, id, kind, new Date());
  },
};
