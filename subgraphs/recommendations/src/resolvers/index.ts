import { DateTime } from '@marquee/server-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { HistoryEntry } from './HistoryEntry.ts';
import { Movie } from './Movie.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { Recommendation } from './Recommendation.ts';
import { RecommendationUpdate } from './RecommendationUpdate.ts';
import { Subscription } from './Subscription.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  HistoryEntry,
  Movie,
  User,
  Recommendation,
  RecommendationUpdate,
  DateTime,
};
