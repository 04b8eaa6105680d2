import { signedIn } from '@marquee/server-kit';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types.ts';
import type { RecommendationsUpdatedEvent } from '../events/notifications.ts';

export const Subscription: SubscriptionResolvers = {
  recommendationsUpdated: {
    // Always the viewer's own stream: there is no argument naming someone else's.
    subscribe: (_parent, _args, { identity, services }) => {
      const { userId } = signedIn(identity, 'Sign in to subscribe to your recommendations.');
      return services.notifications.listen(userId);
    },
    resolve: (event: RecommendationsUpdatedEvent) => event,
  },
};
