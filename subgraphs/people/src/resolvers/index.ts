import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Credit } from './Credit.ts';
import { Movie } from './Movie.ts';
import { Person } from './Person.ts';
import { PersonConnection } from './PersonConnection.ts';
import { Query } from './Query.ts';
import { FilmTrend, PersonTrend } from './PersonTrend.ts';

export const resolvers: Resolvers = {
  Query,
  Person,
  PersonConnection,
  Credit,
  Movie,
  PersonTrend,
  FilmTrend,
};
