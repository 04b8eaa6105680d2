import { parse as parseCsv } from 'csv-parse/sync';
import {
  decimalBetween,
  expectColumns,
  field,
  nonNegativeInteger,
  requiredText,
  RowError,
} from './fields.ts';

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
    throw new RowError(
      `broken CSV quoting (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
}

/**
 * Articles MovieLens moves to the end of a title, in the languages its catalogue has: English,
 * French, Italian, Spanish, Portuguese, German, Dutch and the Scandinavian languages
 * ("Misérables, Les", "Postino, Il", "Avventura, L'", "Boot, Das").
 */
const ARTICLE =
  /^(.*), (The|A|An|Les|Le|La|L'|Il|Lo|I|Gli|Un|Une|Uno|Una|El|Los|Las|O|Os|As|Der|Die|Das|Den|Det|Ein|Eine|De|Het|En|Et)$/;
/** A trailing "(V)" (video) or "(TV)" marker after the year, as ml-100k writes it. */
const KIND_MARK = /\s*\((V|TV)\)$/;
const YEAR = /\s*\((\d{4})(?:[-–]\d{0,4})?\)$/;
/** A trailing parenthesised alternate title: "(Double Life of Veronique, The)", "(a.k.a. Se7en)". */
const ALTERNATE = /\s+\(((?:[^()]|\([^()]*\))+)\)$/;

/** "Misérables, Les" → "Les Misérables"; "Avventura, L'" → "L'Avventura". */
function articleInFront(title: string): string {
  const article = ARTICLE.exec(title);
  if (article === null) return title;
  const word = article[2] ?? '';
  return word.endsWith("'") ? `${word}${article[1] ?? ''}` : `${word} ${article[1] ?? ''}`;
}

export interface MovielensTitle {
  title: string;
  /** The first parenthesised alternate title, if any (MovieLens's other-language or a.k.a. title). */
  alternateTitle: string | null;
  year: number | null;
  /** `video` for "(V)", `tvMovie` for "(TV)", else `movie`. */
  kind: string;
}

/**
 * MovieLens writes "Title (Alternate title) (Year)", moves articles to the end ("American
 * President, The (1995)"), and ml-100k may add "(V)" after the year: split these apart and put
 * each article back in front.
 */
export function splitTitleYear(raw: string): MovielensTitle {
  let rest = raw.trim();
  let kind = 'movie';
  const mark = KIND_MARK.exec(rest);
  if (mark !== null) {
    kind = mark[1] === 'V' ? 'video' : 'tvMovie';
    rest = rest.slice(0, mark.index);
  }
  const yearMatch = YEAR.exec(rest);
  const year = yearMatch?.[1] === undefined ? null : Number(yearMatch[1]);
  if (yearMatch !== null) rest = rest.slice(0, yearMatch.index);
  const alternates: string[] = [];
  for (
    let alternate = ALTERNATE.exec(rest);
    alternate !== null && alternate.index > 0;
    alternate = ALTERNATE.exec(rest)
  ) {
    alternates.unshift((alternate[1] ?? '').replace(/^a\.k\.a\.\s*/i, '').trim());
    rest = rest.slice(0, alternate.index);
  }
  const title = articleInFront(rest.trim());
  if (title === '') throw new RowError('missing title');
  const alternate = alternates.find((text) => text !== '');
  return {
    title,
    alternateTitle: alternate === undefined ? null : articleInFront(alternate),
    year,
    kind,
  };
}

export interface ParsedMovielensMovie extends MovielensTitle {
  movielensId: string;
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

// ---------- ml-1m and ml-10m: movies.dat, ratings.dat, users.dat, tags.dat ('::'-separated) ----------

/** `::`-separated, no quoting (ml-1m, ml-10m). */
export function splitDat(text: string): string[] {
  return text.split('::');
}

/** movies.dat: MovieID::Title::Genres (the same columns as movies.csv). */
export const parseMoviesDat = parseMoviesCsv;

/** ratings.dat: UserID::MovieID::Rating::Timestamp (ml-1m whole stars, ml-10m halves). */
export const parseRatingsDat = parseRatingsCsv;

/** users.dat (ml-1m): UserID::Gender::Age::Occupation::Zip-code. */
export function parseUsersDat(fields: readonly string[]): { userId: string } {
  expectColumns(fields, 5);
  return { userId: String(nonNegativeInteger(field(fields, 0), 'UserID')) };
}

/** tags.dat (ml-10m): UserID::MovieID::Tag::Timestamp; a tag holding "::" keeps it. */
export function parseTagsDat(fields: readonly string[]): ParsedTag {
  if (fields.length < 4) throw new RowError(`expected 4 columns, found ${fields.length}`);
  return parseTagsCsv([
    field(fields, 0),
    field(fields, 1),
    fields.slice(2, -1).join('::'),
    fields.at(-1) ?? '',
  ]);
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
  if (!Number.isInteger(number * 2))
    throw new RowError(`bad rating ${JSON.stringify(value)} (not a multiple of 0.5)`);
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
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

export function parseUItem(fields: readonly string[]): ParsedMovielensMovie {
  expectColumns(fields, 5 + ml100kGenres.length);
  const flags = fields.slice(5);
  if (!flags.every((flag) => flag === '0' || flag === '1'))
    throw new RowError('bad genre flags (not 0 or 1)');
  const { year, ...title } = splitTitleYear(requiredText(field(fields, 1), 'title'));
  // The release date ("01-Jan-1995") gives the year when the title does not.
  const released = /^\d{2}-[A-Za-z]{3}-(\d{4})$/.exec(field(fields, 2));
  return {
    movielensId: String(nonNegativeInteger(field(fields, 0), 'movie id')),
    ...title,
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
