import type { MovieConnectionResolvers } from '../__generated__/resolvers-types.ts';
import type { MovieRecord } from '../stores/movieStore.ts';

/** A fetched page; `totalCount` is counted only when the client asks for it (a second query). */
export interface MovieConnectionModel {
  edges: { cursor: string; node: MovieRecord }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  countAll: () => Promise<number>;
}

export const MovieConnection: MovieConnectionResolvers = {
  totalCount: (page) => page.countAll(),
};
