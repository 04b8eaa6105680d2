import { DateTime } from '@marquee/server-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Movie } from './Movie.ts';
import { Mutation } from './Mutation.ts';
import { Rating } from './Rating.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { Mutation, Rating, Movie, User, DateTime };
