import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Movie } from './Movie.ts';
import { Query } from './Query.ts';
import { Recommendation } from './Recommendation.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { Query, Movie, User, Recommendation };
