import { notFound } from '@marquee/errors';
import type { MovieResolvers } from '../__generated__/resolvers-types.ts';
import { keywordsOf } from '../stores/movieDocumentStore.ts';

export const Movie: MovieResolvers = {
  // Another subgraph's reference to a film the catalogue does not hold (a known-for title never
  // imported, a rated film since removed) is `null` with NOT_FOUND at its path, so the client
  // learns why the item is empty; the field or list item is nullable, so the rest still answers.
  __resolveReference: async (reference, { loaders }) => {
    const movie = await loaders.movie.load(reference.id);
    if (movie === null) throw notFound(`There is no film with the id "${reference.id}".`);
    return movie;
  },
  externalIds: (movie) => ({
    imdb: movie.imdbId,
    tmdb: movie.tmdbId,
    movielens: movie.movielensId,
  }),
  overview: async (movie, _args, { loaders }) =>
    (await loaders.movieDocument.load(movie.id))?.overview ?? null,
  tagline: async (movie, _args, { loaders }) =>
    (await loaders.movieDocument.load(movie.id))?.tagline ?? null,
  keywords: async (movie, _args, { loaders }) =>
    keywordsOf(await loaders.movieDocument.load(movie.id)),
  posterUrl: async (movie, _args, { loaders }) =>
    (await loaders.movieDocument.load(movie.id))?.posterUrl ?? null,
};
