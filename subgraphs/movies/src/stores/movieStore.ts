import type { Database } from '@marquee/db';

/** A catalogue row as stored; resolvers shape it for the API. */
export interface MovieRecord {
  id: string;
  kind: string;
  title: string;
  originalTitle: string | null;
  year: number | null;
  runtimeMinutes: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: string | null;
  movielensId: string | null;
  popularity: number;
  /** An outside rating (IMDb or MovieLens, 0–10 or 0.5–5 as the source gives it), filled by ingestion. */
  averageRating: number | null;
  ratingCount: number;
}

export interface MovieFilter {
  /** Free text, matched typo-tolerantly against titles. */
  text?: string;
  /** Every one of these genres. */
  genres?: readonly string[];
  yearFrom?: number;
  yearTo?: number;
  /** Any of these kinds (`movie`, `tvSeries`, …). */
  kinds?: readonly string[];
}

export type MovieOrderField = 'TITLE' | 'YEAR' | 'POPULARITY' | 'RATING';
export type SortDirection = 'ASC' | 'DESC';
export interface MovieOrder {
  field: MovieOrderField;
  direction: SortDirection;
}

/**
 * Where a page starts. Ordered lists use a keyset (the last row's sort value and id), so deep
 * pages stay index scans; relevance-ranked text search uses an offset, because its sort key is
 * computed per query (documented in the schema).
 */
export type MoviePosition =
  | { kind: 'keyset'; field: MovieOrderField; direction: SortDirection; value: string | number | null; id: string }
  | { kind: 'offset'; offset: number };

export interface MovieQuery {
  filter: MovieFilter;
  /** `RELEVANCE` needs `filter.text`. */
  order: MovieOrder | 'RELEVANCE';
  first: number;
  after: MoviePosition | undefined;
}

export interface MoviePage {
  movies: MovieRecord[];
  hasNextPage: boolean;
  /** The position just after each movie, in order (a cursor for every edge). */
  positions: MoviePosition[];
}

export type ExternalSource = 'IMDB' | 'TMDB' | 'MOVIELENS';

export interface GenreCount {
  name: string;
  movieCount: number;
}

export type MovieInput = Omit<MovieRecord, 'popularity' | 'averageRating' | 'ratingCount'> & {
  popularity?: number;
  averageRating?: number | null;
  ratingCount?: number;
};

export interface MovieStore {
  findByIds(ids: readonly string[]): Promise<MovieRecord[]>;
  findByExternalId(source: ExternalSource, id: string): Promise<MovieRecord | null>;
  /** One page in the requested order; one query whatever the page size. */
  find(query: MovieQuery): Promise<MoviePage>;
  count(filter: MovieFilter): Promise<number>;
  genres(): Promise<GenreCount[]>;
  upsertMany(movies: readonly MovieInput[]): Promise<void>;
}

const select = {
  id: true,
  kind: true,
  title: true,
  originalTitle: true,
  year: true,
  runtimeMinutes: true,
  genres: true,
  imdbId: true,
  tmdbId: true,
  movielensId: true,
  popularity: true,
  averageRating: true,
  ratingCount: true,
} as const;

const columns = `m.id, m.kind, m.title, m.original_title AS "originalTitle", m.year,
  m.runtime_minutes AS "runtimeMinutes", m.genres, m.imdb_id AS "imdbId", m.tmdb_id AS "tmdbId",
  m.movielens_id AS "movielensId", m.popularity, m.average_rating AS "averageRating", m.rating_count AS "ratingCount"`;

/** The sort column of each order; every order ends with `id` so pages are stable. */
const sortColumn: Record<MovieOrderField, { column: string; nullable: boolean; type: string }> = {
  TITLE: { column: 'm.title', nullable: false, type: 'text' },
  YEAR: { column: 'm.year', nullable: true, type: 'integer' },
  POPULARITY: { column: 'm.popularity', nullable: false, type: 'double precision' },
  RATING: { column: 'm.average_rating', nullable: true, type: 'real' },
};

const fullText = `to_tsvector('simple'::regconfig, m.title || ' ' || coalesce(m.original_title, ''))`;

/**
 * Relevance of a title to the (lower-cased) query `$1`, 0..1: pg_trgm's word similarity (the
 * query against the best-matching stretch of the title, so `godfater` scores 0.78 against "The
 * Godfather"), raised to 0.7 when every query word appears in the title (full text, any order).
 * Ranking uses it rounded down to tenths, then popularity: near-equal matches go to the film people
 * know, so "godfater" lists The Godfather (1972) before a little-seen "Godfather".
 */
const relevance = `GREATEST(word_similarity($1, lower(m.title)),
  CASE WHEN ${fullText} @@ plainto_tsquery('simple'::regconfig, $1) THEN 0.7 ELSE 0 END)`;

/** Parameters in order; `$1` is reserved for the search text when there is one. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Search text as matched: trimmed, lower-cased, bounded (trigram cost grows with its length). */
export function normaliseSearchText(text: string | undefined): string | undefined {
  const normalised = text?.trim().toLowerCase().slice(0, 200);
  return normalised === undefined || normalised === '' ? undefined : normalised;
}

function whereClause(filter: MovieFilter, params: Params): string[] {
  const conditions: string[] = [];
  const text = normaliseSearchText(filter.text);
  if (text !== undefined) {
    const q = params.add(text);
    // `%>` is word similarity above pg_trgm.word_similarity_threshold (0.6), served by the GIN
    // trigram index; the full-text branch is served by the tsvector index.
    conditions.push(`(lower(m.title) %> ${q} OR ${fullText} @@ plainto_tsquery('simple'::regconfig, ${q}))`);
  }
  if (filter.genres !== undefined && filter.genres.length > 0) conditions.push(`m.genres @> ${params.add([...filter.genres])}::text[]`);
  if (filter.kinds !== undefined && filter.kinds.length > 0) conditions.push(`m.kind = ANY(${params.add([...filter.kinds])}::text[])`);
  if (filter.yearFrom !== undefined) conditions.push(`m.year >= ${params.add(filter.yearFrom)}::int`);
  if (filter.yearTo !== undefined) conditions.push(`m.year <= ${params.add(filter.yearTo)}::int`);
  return conditions;
}

const where = (conditions: readonly string[]) => (conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`);

/** Rows after `position` in `order` (unknown values sort last in both directions). */
function keysetCondition(order: MovieOrder, position: Extract<MoviePosition, { kind: 'keyset' }>, params: Params): string {
  const { column, type } = sortColumn[order.field];
  const id = params.add(position.id);
  if (position.value === null) return `(${column} IS NULL AND m.id > ${id})`;
  const value = `${params.add(position.value)}::${type}`;
  const beyond = order.direction === 'ASC' ? '>' : '<';
  return `(${column} ${beyond} ${value} OR (${column} = ${value} AND m.id > ${id}) OR ${column} IS NULL)`;
}

function orderClause(order: MovieOrder): string {
  const { column, nullable } = sortColumn[order.field];
  // Non-null columns keep PostgreSQL's default null placement so their plain btree index serves
  // both directions; nullable ones put unknowns last and have a DESC NULLS LAST index.
  const nulls = nullable ? ' NULLS LAST' : '';
  return `ORDER BY ${column} ${order.direction}${nulls}, m.id ASC`;
}

function sortValue(movie: MovieRecord, field: MovieOrderField): string | number | null {
  switch (field) {
    case 'TITLE':
      return movie.title;
    case 'YEAR':
      return movie.year;
    case 'POPULARITY':
      return movie.popularity;
    case 'RATING':
      return movie.averageRating;
  }
}

export function createMovieStore(db: Database): MovieStore {
  const { prisma, sql } = db;
  const externalColumn = { IMDB: 'imdbId', TMDB: 'tmdbId', MOVIELENS: 'movielensId' } as const;
  return {
    findByIds: (ids) => prisma.movie.findMany({ where: { id: { in: [...ids] } }, select }),
    findByExternalId: (source, id) => prisma.movie.findFirst({ where: { [externalColumn[source]]: id }, select }),
    async find({ filter, order, first, after }) {
      const params = new Params();
      const conditions = whereClause(filter, params);
      if (order === 'RELEVANCE') {
        if (normaliseSearchText(filter.text) === undefined) throw new Error('Relevance order needs search text.');
        const offset = after?.kind === 'offset' ? after.offset : 0;
        const rows = await sql.query<MovieRecord & Record<string, unknown>>(
          `SELECT ${columns} FROM movies.movie m ${where(conditions)}
           ORDER BY floor(${relevance} * 10) DESC, m.popularity DESC, m.id ASC
           LIMIT ${params.add(first + 1)} OFFSET ${params.add(offset)}`,
          params.values,
        );
        const movies = rows.slice(0, first);
        return {
          movies,
          hasNextPage: rows.length > first,
          positions: movies.map((_, index) => ({ kind: 'offset', offset: offset + index + 1 })),
        };
      }
      if (after?.kind === 'keyset') conditions.push(keysetCondition(order, after, params));
      const rows = await sql.query<MovieRecord & Record<string, unknown>>(
        `SELECT ${columns} FROM movies.movie m ${where(conditions)} ${orderClause(order)} LIMIT ${params.add(first + 1)}`,
        params.values,
      );
      const movies = rows.slice(0, first);
      return {
        movies,
        hasNextPage: rows.length > first,
        positions: movies.map((movie) => ({ kind: 'keyset', ...order, value: sortValue(movie, order.field), id: movie.id })),
      };
    },
    async count(filter) {
      const params = new Params();
      const [row] = await sql.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM movies.movie m ${where(whereClause(filter, params))}`,
        params.values,
      );
      return row?.count ?? 0;
    },
    genres: () =>
      sql.query<{ name: string; movieCount: number }>(
        `SELECT genre AS name, count(*)::int AS "movieCount" FROM movies.movie, unnest(genres) AS genre GROUP BY genre ORDER BY genre`,
      ),
    async upsertMany(movies) {
      await prisma.$transaction(
        movies.map(({ id, ...data }) => prisma.movie.upsert({ where: { id }, create: { id, ...data }, update: data })),
      );
    },
  };
}
