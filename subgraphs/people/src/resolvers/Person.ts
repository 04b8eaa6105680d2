import { pageSize } from '@marquee/server-kit';
import type { PersonResolvers } from '../__generated__/resolvers-types.ts';

export const Person: PersonResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.person.load(reference.id),
  credits: async (person, { first }, { loaders }) =>
    (await loaders.creditsByPerson.load(person.id)).slice(0, pageSize(first)),
};
