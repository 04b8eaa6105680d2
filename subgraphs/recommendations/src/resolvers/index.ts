import { DateTime } from '@marquee/server-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Movie } from './Movie.ts';
import { Query } from './Query.ts';
import { Recommendation } from './Recommendation.ts';
import { RecommendationUpdate } from './RecommendationUpdate.ts';
import { Subscription } from './Subscription.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = {
  Query,
  Subscription,
  Movie,
  User,
  Recommendation,
  RecommendationUpdate,
  DateTime,
};
