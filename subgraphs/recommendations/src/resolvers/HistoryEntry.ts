import type { HistoryEntryResolvers } from '../__generated__/resolvers-types.ts';

export const HistoryEntry: HistoryEntryResolvers = {
  movie: (entry) => ({ id: entry.movieId }),
};
