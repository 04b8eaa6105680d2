import { connection, decodeCursor, encodeCursor, pageSize } from '@marquee/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import type { MovieCursor } from '../stores/movieStore.ts';

const isMovieCursor = (value: unknown): value is MovieCursor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as MovieCursor).popularity === 'number' &&
  typeof (value as MovieCursor).id === 'string';

export const Query: QueryResolvers = {
  movie: (_root, { id }, { loaders }) => loaders.movie.load(id),
  movies: async (_root, { first, after }, { stores, loaders }) => {
    const size = pageSize(first);
    const cursor = decodeCursor(after, isMovieCursor);
    const [page, totalCount] = await Promise.all([stores.movies.page(size, cursor), stores.movies.count()]);
    for (const movie of page.movies) loaders.movie.prime(movie.id, movie);
    return {
      ...connection(page.movies, page.hasNextPage, (m) => encodeCursor({ popularity: m.popularity, id: m.id }), cursor !== undefined),
      totalCount,
    };
  },
};
