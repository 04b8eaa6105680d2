import { pageSize, requireText } from '@marquee/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { trendRange } from '../analytics/range.ts';

export const Query: QueryResolvers = {
  trending: (_, { window, first }, { services }) =>
    services.engine.trending(window ?? 'WEEK', pageSize(first, 10)),
  popular: (_, { genre, first }, { services }) =>
    services.engine.popular(
      genre === null || genre === undefined ? null : requireText(genre, 'genre', { max: 64 }),
      pageSize(first, 10),
    ),
  genreTrends: (_, { from, to, bucket }, { stores }) => {
    const period = bucket ?? 'YEAR';
    const range = trendRange(from, to, period);
    return stores.analytics.genreTrends(range.from, range.to, period);
  },
};
