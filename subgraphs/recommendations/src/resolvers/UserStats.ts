import { pageSize } from '@marquee/server-kit';
import type { UserStatsResolvers } from '../__generated__/resolvers-types.ts';

export const UserStats: UserStatsResolvers = {
  ratingsByMonth: (stats) => stats.byMonth,
  favouriteGenres: (stats, { first }) => stats.genres.slice(0, pageSize(first, 5)),
  peopleMostWatched: (stats, { first }) => stats.people.slice(0, pageSize(first, 5)),
};
