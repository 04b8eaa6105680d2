import type { PersonActivityResolvers } from '../__generated__/resolvers-types.ts';

export const PersonActivity: PersonActivityResolvers = {
  person: (share) => ({ id: share.personId }),
};
