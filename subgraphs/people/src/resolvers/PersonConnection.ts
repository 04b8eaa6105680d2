import type { PersonConnectionResolvers } from '../__generated__/resolvers-types.ts';
import type { PersonRecord } from '../stores/peopleStore.ts';

/** A fetched page; `totalCount` is counted only when the client asks for it (a second query). */
export interface PersonConnectionModel {
  edges: { cursor: string; node: PersonRecord }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  countAll: () => Promise<number>;
}

export const PersonConnection: PersonConnectionResolvers = {
  totalCount: (page) => page.countAll(),
};
