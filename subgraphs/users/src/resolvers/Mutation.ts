import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  signUp: (_root, args, { stores }) => stores.accounts.signUp(args),
  logIn: (_root, args, { stores }) => stores.accounts.logIn(args),
};
