import type { CreditRole } from '@marquee/db';
import {
  decimalBetween,
  expectColumns,
  field,
  list,
  nconst,
  NULL,
  nonNegativeInteger,
  optionalNonNegativeInteger,
  optionalText,
  optionalYear,
  requiredText,
  RowError,
  tconst,
} from './fields.ts';

/** The IMDb non-commercial files Marquee reads, in load order (people before the credits that need them). */
export const imdbFiles = [
  'name.basics',
  'title.basics',
  'title.ratings',
  'title.principals',
  'title.crew',
] as const;
export type ImdbFile = (typeof imdbFiles)[number];

export const imdbHeaders: Record<ImdbFile, readonly string[]> = {
  'name.basics': [
    'nconst',
    'primaryName',
    'birthYear',
    'deathYear',
    'primaryProfession',
    'knownForTitles',
  ],
  'title.basics': [
    'tconst',
    'titleType',
    'primaryTitle',
    'originalTitle',
    'isAdult',
    'startYear',
    'endYear',
    'runtimeMinutes',
    'genres',
  ],
  'title.ratings': ['tconst', 'averageRating', 'numVotes'],
  'title.principals': ['tconst', 'ordering', 'nconst', 'category', 'job', 'characters'],
  'title.crew': ['tconst', 'directors', 'writers'],
};

/** IMDb TSV: tab-separated, no quoting, `\N` for null. */
export function splitTsv(text: string): string[] {
  return text.split('\t');
}

export interface ParsedPerson {
  id: string;
  name: string;
  birthYear: number | null;
  deathYear: number | null;
  professions: string[];
  knownFor: string[];
}

export function parseNameBasics(fields: readonly string[]): ParsedPerson {
  expectColumns(fields, 6);
  return {
    id: nconst(field(fields, 0)),
    name: requiredText(field(fields, 1), 'primaryName'),
    birthYear: optionalYear(field(fields, 2), 'birthYear'),
    deathYear: optionalYear(field(fields, 3), 'deathYear'),
    professions: list(field(fields, 4)),
    knownFor: list(field(fields, 5)).map((id) => tconst(id, 'knownForTitles id')),
  };
}

export interface ParsedTitle {
  id: string;
  kind: string;
  title: string;
  originalTitle: string | null;
  year: number | null;
  runtimeMinutes: number | null;
  genres: string[];
}

export function parseTitleBasics(fields: readonly string[]): ParsedTitle {
  expectColumns(fields, 9);
  const isAdult = field(fields, 4);
  if (isAdult !== '0' && isAdult !== '1' && isAdult !== NULL)
    throw new RowError(`bad isAdult ${JSON.stringify(isAdult)}`);
  const title = requiredText(field(fields, 2), 'primaryTitle');
  const originalTitle = optionalText(field(fields, 3));
  return {
    id: tconst(field(fields, 0)),
    kind: requiredText(field(fields, 1), 'titleType'),
    title,
    // Stored only when it differs, as the demo catalogue does.
    originalTitle: originalTitle === title ? null : originalTitle,
    year: optionalYear(field(fields, 5), 'startYear'),
    runtimeMinutes: optionalNonNegativeInteger(field(fields, 7), 'runtimeMinutes'),
    genres: list(field(fields, 8)),
  };
}

export interface ParsedTitleRating {
  id: string;
  averageRating: number;
  numVotes: number;
}

export function parseTitleRatings(fields: readonly string[]): ParsedTitleRating {
  expectColumns(fields, 3);
  return {
    id: tconst(field(fields, 0)),
    averageRating: decimalBetween(field(fields, 1), 'averageRating', 1, 10),
    numVotes: nonNegativeInteger(field(fields, 2), 'numVotes'),
  };
}

/** IMDb principal categories → Marquee credit roles. */
export function roleOf(category: string): CreditRole {
  switch (category) {
    case 'actor':
    case 'actress':
    case 'self':
      return 'ACTOR';
    case 'director':
      return 'DIRECTOR';
    case 'writer':
      return 'WRITER';
    case 'producer':
      return 'PRODUCER';
    case 'composer':
      return 'COMPOSER';
    case 'cinematographer':
      return 'CINEMATOGRAPHER';
    case 'editor':
      return 'EDITOR';
    default:
      return 'OTHER';
  }
}

export interface ParsedCredit {
  movieId: string;
  personId: string;
  role: CreditRole;
  characters: string[];
  billingOrder: number | null;
}

function characters(value: string): string[] {
  if (value === NULL) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new RowError(`bad characters ${JSON.stringify(value)} (not a JSON array)`);
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new RowError(`bad characters ${JSON.stringify(value)} (not a JSON array of strings)`);
  }
  return parsed;
}

export function parseTitlePrincipals(fields: readonly string[]): ParsedCredit {
  expectColumns(fields, 6);
  return {
    movieId: tconst(field(fields, 0)),
    billingOrder: nonNegativeInteger(field(fields, 1), 'ordering'),
    personId: nconst(field(fields, 2)),
    role: roleOf(requiredText(field(fields, 3), 'category')),
    characters: characters(field(fields, 5)),
  };
}

export interface ParsedCrew {
  movieId: string;
  directors: string[];
  writers: string[];
}

export function parseTitleCrew(fields: readonly string[]): ParsedCrew {
  expectColumns(fields, 3);
  return {
    movieId: tconst(field(fields, 0)),
    directors: list(field(fields, 1)).map((id) => nconst(id, 'director nconst')),
    writers: list(field(fields, 2)).map((id) => nconst(id, 'writer nconst')),
  };
}
