import type { MovieResolvers } from '../__generated__/resolvers-types.ts';
import { keywordsOf } from '../stores/movieDocumentStore.ts';

export const Movie: MovieResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.movie.load(reference.id),
  externalIds: (movie) => ({ imdb: movie.imdbId, tmdb: movie.tmdbId, movielens: movie.movielensId }),
  overview: async (movie, _args, { loaders }) => (await loaders.movieDocument.load(movie.id))?.overview ?? null,
  tagline: async (movie, _args, { loaders }) => (await loaders.movieDocument.load(movie.id))?.tagline ?? null,
  keywords: async (movie, _args, { loaders }) => keywordsOf(await loaders.movieDocument.load(movie.id)),
  posterUrl: async (movie, _args, { loaders }) => (await loaders.movieDocument.load(movie.id))?.posterUrl ?? null,
};
