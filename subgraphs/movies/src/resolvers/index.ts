import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Movie } from './Movie.ts';
import { MovieConnection } from './MovieConnection.ts';
import { Query } from './Query.ts';
import { CatalogueStats } from './CatalogueStats.ts';
import { DateTime } from '@marquee/server-kit';

export const resolvers: Resolvers = { Query, Movie, MovieConnection, CatalogueStats, DateTime };
