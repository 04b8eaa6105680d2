import { parse as parseCsv } from 'csv-parse/sync';
import { decimalBetween, expectColumns, field, nonNegativeInteger, requiredText, RowError } from './fields.ts';

export const movielensHeaders = {
  'movies.csv': ['movieId', 'title', 'genres'],
  'links.csv': ['movieId', 'imdbId', 'tmdbId'],
  'ratings.csv': ['userId', 'movieId', 'rating', 'timestamp'],
  'tags.csv': ['userId', 'movieId', 'tag', 'timestamp'],
} as const;

/**
 * One CSV record per line (MovieLens never breaks a field across lines): a line without quotes is
 * split directly (ratings.csv, the big file, has none); one with quotes goes through csv-parse, so
 * `"Title, The (1995)"` and doubled quotes work and a broken quote rejects that line alone.
 */
export function splitCsv(text: string): string[] {
  if (!text.includes('"')) return text.split(',');
  try {
    const records: string[][] = parseCsv(text, { relax_column_count: true });
    const [record] = records;
    if (records.length !== 1 || record === undefined) throw new RowError('not one CSV record');
    return record;
  } catch (error) {
    if (error instanceof RowError) throw error;
    throw new RowError(`broken CSV quoting (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}

const ARTICLE = /^(.*), (The|A|An)$/;
const TITLE_YEAR = /^(.*?)\s*\((\d{4})(?:[-–]\d{0,4})?\)\s*$/;

/**
 * MovieLens writes "Title (Year)" and moves English articles to the end ("American President, The
 * (1995)"): split off the year and put the article back in front.
 */
export function splitTitleYear(raw: string): { title: string; year: number | null } {
  const match = TITLE_YEAR.exec(raw.trim());
  const title = (match?.[1] ?? raw).trim();
  const year = match?.[2] === undefined ? null : Number(match[2]);
  if (year !== null && (year < 1800 || year > 2100)) throw new RowError(`bad year ${year} in title`);
  const article = ARTICLE.exec(title);
  const named = article === null ? title : `${article[2] ?? ''} ${article[1] ?? ''}`;
  if (named === '') throw new RowError('missing title');
  return { title: named, year };
}

export interface ParsedMovielensMovie {
  movielensId: string;
  title: string;
  year: number | null;
  genres: string[];
}

export function parseMoviesCsv(fields: readonly string[]): ParsedMovielensMovie {
  expectColumns(fields, 3);
  const genres = field(fields, 2);
  return {
    movielensId: String(nonNegativeInteger(field(fields, 0), 'movieId')),
    ...splitTitleYear(requiredText(field(fields, 1), 'title')),
    genres: genres === '(no genres listed)' || genres === '' ? [] : genres.split('|'),
  };
}

export interface ParsedLink {
  movielensId: string;
  /** `tt` + the 7-digit zero-padded imdbId. */
  imdbId: string | null;
  tmdbId: string | null;
}

export function parseLinksCsv(fields: readonly string[]): ParsedLink {
  expectColumns(fields, 3);
  const imdb = field(fields, 1);
  const tmdb = field(fields, 2);
  return {
    movielensId: String(nonNegativeInteger(field(fields, 0), 'movieId')),
    imdbId: imdb === '' ? null : `tt${String(nonNegativeInteger(imdb, 'imdbId')).padStart(7, '0')}`,
    tmdbId: tmdb === '' ? null : String(nonNegativeInteger(tmdb, 'tmdbId')),
  };
}

export interface ParsedRating {
  userId: string;
  movielensId: string;
  rating: number;
  at: Date;
}

function rating(value: string): number {
  const number = decimalBetween(value, 'rating', 0.5, 5);
  if (!Number.isInteger(number * 2)) throw new RowError(`bad rating ${JSON.stringify(value)} (not a multiple of 0.5)`);
  return number;
}

function timestamp(value: string): Date {
  return new Date(nonNegativeInteger(value, 'timestamp') * 1000);
}

export function parseRatingsCsv(fields: readonly string[]): ParsedRating {
  expectColumns(fields, 4);
  return {
    userId: String(nonNegativeInteger(field(fields, 0), 'userId')),
    movielensId: String(nonNegativeInteger(field(fields, 1), 'movieId')),
    rating: rating(field(fields, 2)),
    at: timestamp(field(fields, 3)),
  };
}

export interface ParsedTag {
  userId: string;
  movielensId: string;
  tag: string;
  at: Date;
}

export function parseTagsCsv(fields: readonly string[]): ParsedTag {
  expectColumns(fields, 4);
  return {
    userId: String(nonNegativeInteger(field(fields, 0), 'userId')),
    movielensId: String(nonNegativeInteger(field(fields, 1), 'movieId')),
    tag: requiredText(field(fields, 2), 'tag'),
    at: timestamp(field(fields, 3)),
  };
}

// ---------- ml-100k: u.item ('|', ISO-8859-1), u.data (tab), u.user ('|') ----------

export const ml100kGenres = [
  'unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy',
  'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western',
] as const;

export function parseUItem(fields: readonly string[]): ParsedMovielensMovie {
  expectColumns(fields, 5 + ml100kGenres.length);
  const flags = fields.slice(5);
  if (!flags.every((flag) => flag === '0' || flag === '1')) throw new RowError('bad genre flags (not 0 or 1)');
  const { title, year } = splitTitleYear(requiredText(field(fields, 1), 'title'));
  // The release date ("01-Jan-1995") gives the year when the title does not.
  const released = /^\d{2}-[A-Za-z]{3}-(\d{4})$/.exec(field(fields, 2));
  return {
    movielensId: String(nonNegativeInteger(field(fields, 0), 'movie id')),
    title,
    year: year ?? (released?.[1] === undefined ? null : Number(released[1])),
    genres: ml100kGenres.filter((genre, index) => genre !== 'unknown' && flags[index] === '1'),
  };
}

export function parseUData(fields: readonly string[]): ParsedRating {
  expectColumns(fields, 4);
  const value = nonNegativeInteger(field(fields, 2), 'rating');
  if (value < 1 || value > 5) throw new RowError(`bad rating ${value} (not 1 to 5)`);
  return {
    userId: String(nonNegativeInteger(field(fields, 0), 'user id')),
    movielensId: String(nonNegativeInteger(field(fields, 1), 'item id')),
    rating: value,
    at: timestamp(field(fields, 3)),
  };
}

export function parseUUser(fields: readonly string[]): { userId: string } {
  expectColumns(fields, 5);
  nonNegativeInteger(field(fields, 1), 'age');
  return { userId: String(nonNegativeInteger(field(fields, 0), 'user id')) };
}
