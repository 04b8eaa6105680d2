import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Movie } from './Movie.ts';
import { MovieConnection } from './MovieConnection.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { Query, Movie, MovieConnection };
