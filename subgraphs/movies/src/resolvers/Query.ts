import { badUserInput } from '@marquee/errors';
import {
  connection,
  cursorValue,
  decodeCursor,
  encodeCursor,
  isStorableId,
  pageSize,
  requireText,
  requireTextList,
} from '@marquee/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { requireOperator } from './CatalogueStats.ts';
import {
  normaliseSearchText,
  type MovieFilter,
  type MovieOrder,
  type MovieOrderField,
  type MoviePosition,
} from '../stores/movieStore.ts';

const orderFields: readonly string[] = [
  'TITLE',
  'YEAR',
  'POPULARITY',
  'RATING',
] satisfies MovieOrderField[];

/** What a keyset cursor's sort value must be for each order (the column's type). */
const sortValueFits: Record<MovieOrderField, (value: unknown) => boolean> = {
  TITLE: cursorValue.text,
  YEAR: (value) => value === null || cursorValue.integer(value),
  POPULARITY: cursorValue.number,
  RATING: (value) => value === null || cursorValue.number(value),
};

const isPosition = (
  position: Record<string, unknown>,
): position is MoviePosition & Record<string, unknown> => {
  if (position['kind'] === 'offset') return cursorValue.offset(position['offset']);
  const field = position['field'];
  return (
    position['kind'] === 'keyset' &&
    typeof field === 'string' &&
    orderFields.includes(field) &&
    (position['direction'] === 'ASC' || position['direction'] === 'DESC') &&
    cursorValue.id(position['id']) &&
    sortValueFits[field as MovieOrderField](position['value'])
  );
};

// Search text is cut to 200 characters by the store; far longer input is a mistake or an attack.
const SEARCH_TEXT = { max: 1000 };
// Genre and kind names are short words; a filter names a handful.
const NAME_LIST = { max: 64, maxItems: 50 };

const MAX_YEAR = 3000;

function toFilter(
  input:
    | {
        text?: string | null;
        genres?: readonly string[] | null;
        yearFrom?: number | null;
        yearTo?: number | null;
        kinds?: readonly string[] | null;
      }
    | null
    | undefined,
): MovieFilter {
  const filter: MovieFilter = {};
  if (input === null || input === undefined) return filter;
  const text = normaliseSearchText(
    input.text === null || input.text === undefined
      ? undefined
      : requireText(input.text, 'filter.text', SEARCH_TEXT),
  );
  if (text !== undefined) filter.text = text;
  if (input.genres) filter.genres = requireTextList(input.genres, 'filter.genres', NAME_LIST);
  if (input.kinds) filter.kinds = requireTextList(input.kinds, 'filter.kinds', NAME_LIST);
  for (const bound of ['yearFrom', 'yearTo'] as const) {
    const year = input[bound];
    if (year === null || year === undefined) continue;
    if (year < 0 || year > MAX_YEAR)
      throw badUserInput(`"${bound}" must be a year between 0 and ${MAX_YEAR}.`, `filter.${bound}`);
    filter[bound] = year;
  }
  return filter;
}

export const Query: QueryResolvers = {
  movie: (_root, { id }, { loaders }) => loaders.movie.load(id),
  movieByExternalId: async (_root, { source, id }, { stores, loaders }) => {
    if (!isStorableId(id)) return null;
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
        : position.kind === 'keyset' &&
          position.field === order.field &&
          position.direction === order.direction);
    if (!fits) throw badUserInput('"after" is a cursor from a differently ordered list.', 'after');
    const page = await stores.movies.find({ filter, order, first: size, after: position });
    for (const movie of page.movies) loaders.movie.prime(movie.id, movie);
    const cursors = new Map(
      page.movies.map((movie, index) => [movie, encodeCursor(page.positions[index])]),
    );
    return {
      ...connection(
        page.movies,
        page.hasNextPage,
        (movie) => cursors.get(movie) ?? '',
        position !== undefined,
      ),
      countAll: () => stores.movies.count(filter),
    };
  },
  genres: (_root, _args, { stores }) => stores.movies.genres(),
  catalogueStats: (_root, _args, { identity }) => {
    requireOperator(identity);
    return { id: 'catalogue' };
  },
};
