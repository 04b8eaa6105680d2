import { pageSize } from '@marquee/server-kit';
import type { RecommendationUpdateResolvers } from '../__generated__/resolvers-types.ts';

export const RecommendationUpdate: RecommendationUpdateResolvers = {
  user: (event) => ({ id: event.userId }),
  added: (event) => event.added,
  // The event's subscriber is its user (Subscription.recommendationsUpdated), so no further check.
  recommendations: async (event, { first }, { loaders }) =>
    (await loaders.forUser.load(event.userId)).slice(0, pageSize(first, 10)),
  at: (event) => new Date(event.at),
};
