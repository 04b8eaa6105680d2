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
import { UserStats } from './UserStats.ts';
import { PersonActivity } from './PersonActivity.ts';
import { CatalogueStats } from './CatalogueStats.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  HistoryEntry,
  Movie,
  User,
  UserStats,
  PersonActivity,
  CatalogueStats,
  Recommendation,
  RecommendationUpdate,
  DateTime,
};
