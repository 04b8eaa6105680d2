/**
 * IMDb's genre vocabulary, restricted to the genres the demo catalogue uses for feature films.
 * Kept as data so tests and seeders can validate against the same list.
 */
export const imdbGenres = [
  'Action',
  'Adventure',
  'Animation',
  'Biography',
  'Comedy',
  'Crime',
  'Drama',
  'Family',
  'Fantasy',
  'History',
  'Horror',
  'Music',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

export type ImdbGenre = (typeof imdbGenres)[number];

/** IMDb's profession vocabulary, as far as the demo people need it. */
export const imdbProfessions = [
  'actor',
  'actress',
  'director',
  'writer',
  'producer',
  'composer',
] as const;

export type ImdbProfession = (typeof imdbProfessions)[number];

export const creditRoles = [
  'ACTOR',
  'DIRECTOR',
  'WRITER',
  'PRODUCER',
  'COMPOSER',
  'CINEMATOGRAPHER',
  'EDITOR',
  'OTHER',
] as const;

export type CreditRole = (typeof creditRoles)[number];

export interface DemoPerson {
  /** Stable id: the IMDb nconst (e.g. `nm0000338`) when known, otherwise a name slug. */
  id: string;
  name: string;
  birthYear?: number;
  deathYear?: number;
  /** Values from {@link imdbProfessions}. */
  professions: string[];
  /** IMDb nconst; present only when it has been checked. */
  imdbId?: string;
  /** One sentence in our own words. */
  biography?: string;
}

export interface DemoCredit {
  personId: string;
  role: CreditRole;
  /** Character names, for ACTOR credits. */
  characters?: string[];
  /** 1-based position among the film's billed cast, for ACTOR credits. */
  billingOrder?: number;
}

export interface DemoMovie {
  /** Stable id: the film's IMDb tconst. */
  id: string;
  kind: 'movie';
  title: string;
  /** Title in the original language, when it differs from `title`. */
  originalTitle?: string;
  /** Year of first release. */
  year: number;
  runtimeMinutes: number;
  /** Values from {@link imdbGenres}. */
  genres: string[];
  externalIds: { imdb?: string; tmdb?: string; movielens?: string };
  /** One or two sentences in our own words, not studio copy. */
  overview: string;
  /** Our own short line, not the studio tagline. */
  tagline?: string;
  keywords: string[];
  /**
   * Illustrative relative popularity from 0 to 100, assigned by hand so that rankings look
   * plausible in a demo. It is not derived from any box-office, vote or traffic data.
   */
  popularity: number;
  credits: DemoCredit[];
}

export interface DemoRating {
  movieId: string;
  /** 0.5 to 5 in steps of 0.5. */
  rating: number;
}

export interface DemoUser {
  username: string;
  displayName: string;
  ratings: DemoRating[];
}
