import { badUserInput } from '@marquee/errors';
import { connection, decodeCursor, encodeCursor, pageSize } from '@marquee/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import {
  normaliseSearchText,
  type MovieFilter,
  type MovieOrder,
  type MovieOrderField,
  type MoviePosition,
} from '../stores/movieStore.ts';

const orderFields: readonly string[] = ['TITLE', 'YEAR', 'POPULARITY', 'RATING'] satisfies MovieOrderField[];

const isPosition = (value: unknown): value is MoviePosition => {
  if (typeof value !== 'object' || value === null) return false;
  const position = value as Record<string, unknown>;
  if (position['kind'] === 'offset') return Number.isInteger(position['offset']) && (position['offset'] as number) >= 0;
  return (
    position['kind'] === 'keyset' &&
    typeof position['field'] === 'string' &&
    orderFields.includes(position['field']) &&
    (position['direction'] === 'ASC' || position['direction'] === 'DESC') &&
    typeof position['id'] === 'string' &&
    (position['value'] === null || typeof position['value'] === 'string' || typeof position['value'] === 'number')
  );
};

const MAX_YEAR = 3000;

function toFilter(input: {
  text?: string | null;
  genres?: readonly string[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  kinds?: readonly string[] | null;
} | null | undefined): MovieFilter {
  const filter: MovieFilter = {};
  if (input === null || input === undefined) return filter;
  const text = normaliseSearchText(input.text ?? undefined);
  if (text !== undefined) filter.text = text;
  if (input.genres) filter.genres = input.genres;
  if (input.kinds) filter.kinds = input.kinds;
  for (const bound of ['yearFrom', 'yearTo'] as const) {
    const year = input[bound];
    if (year === null || year === undefined) continue;
    if (year < 0 || year > MAX_YEAR) throw badUserInput(`"${bound}" must be a year between 0 and ${MAX_YEAR}.`, `filter.${bound}`);
    filter[bound] = year;
  }
  return filter;
}

export const Query: QueryResolvers = {
  movie: (_root, { id }, { loaders }) => loaders.movie.load(id),
  movieByExternalId: async (_root, { source, id }, { stores, loaders }) => {
    const movie = await stores.movies.findByExternalId(source, id);
    if (movie !== null) loaders.movie.prime(movie.id, movie);
    return movie;
  },
  movies: async (_root, { first, after, filter: filterInput, orderBy }, { stores, loaders }) => {
    const size = pageSize(first);
    const filter = toFilter(filterInput);
    const order: MovieOrder | 'RELEVANCE' =
      orderBy !== null && orderBy !== undefined
        ? { field: orderBy.field, direction: orderBy.direction ?? 'DESC' }
        : filter.text !== undefined
          ? 'RELEVANCE'
          : { field: 'POPULARITY', direction: 'DESC' };
    const position = decodeCursor(after, isPosition);
    // A cursor only continues the list it came from.
    const fits =
      position === undefined ||
      (order === 'RELEVANCE'
        ? position.kind === 'offset'
        : position.kind === 'keyset' && position.field === order.field && position.direction === order.direction);
    if (!fits) throw badUserInput('"after" is a cursor from a differently ordered list.', 'after');
    const page = await stores.movies.find({ filter, order, first: size, after: position });
    for (const movie of page.movies) loaders.movie.prime(movie.id, movie);
    const cursors = new Map(page.movies.map((movie, index) => [movie, encodeCursor(page.positions[index])]));
    return {
      ...connection(page.movies, page.hasNextPage, (movie) => cursors.get(movie) ?? '', position !== undefined),
      countAll: () => stores.movies.count(filter),
    };
  },
  genres: (_root, _args, { stores }) => stores.movies.genres(),
};
