import { DateTime } from '@marquee/server-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Movie } from './Movie.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { Rating } from './Rating.ts';
import { Review } from './Review.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { Query, Mutation, Rating, Review, Movie, User, DateTime };
