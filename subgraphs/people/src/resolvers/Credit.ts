import { notFound } from '@marquee/errors';
import type { CreditResolvers } from '../__generated__/resolvers-types.ts';

export const Credit: CreditResolvers = {
  movie: (credit) => ({ id: credit.movieId }),
  person: async (credit, _args, { loaders }) =>
    (await loaders.person.load(credit.personId)) ??
    Promise.reject(notFound(`Person ${credit.personId} not found.`)),
};
