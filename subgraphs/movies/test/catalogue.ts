import type { MovieInput } from '../src/stores/movieStore.ts';

/** Real titles (ids, years, genres as IMDb has them); popularity is a vote count, rating out of 10. */
const film = (
  id: string,
  title: string,
  year: number | null,
  genres: string[],
  popularity: number,
  averageRating: number | null,
  extra: Partial<MovieInput> = {},
): MovieInput => ({
  id,
  kind: 'movie',
  title,
  originalTitle: null,
  year,
  runtimeMinutes: 120,
  genres,
  imdbId: id,
  tmdbId: null,
  movielensId: null,
  popularity,
  averageRating,
  ratingCount: averageRating === null ? 0 : popularity,
  ...extra,
});

export const catalogue: MovieInput[] = [
  film('tt0068646', 'The Godfather', 1972, ['Crime', 'Drama'], 2_100_000, 9.2, {
    tmdbId: '238',
    movielensId: '858',
  }),
  film('tt0071562', 'The Godfather Part II', 1974, ['Crime', 'Drama'], 1_400_000, 9.0, {
    tmdbId: '240',
    movielensId: '1221',
  }),
  film('tt0099674', 'The Godfather Part III', 1990, ['Crime', 'Drama'], 450_000, 7.6),
  // A little-seen film whose title is closer to the typo than The Godfather's is.
  film('tt0353496', 'Godfather', 1991, ['Comedy', 'Drama'], 12_000, 8.6, {
    originalTitle: 'Godfather',
  }),
  film('tt0047034', 'Godzilla', 1954, ['Horror', 'Sci-Fi'], 100_000, 7.5),
  film('tt0831387', 'Godzilla', 2014, ['Action', 'Adventure', 'Sci-Fi'], 430_000, 6.4),
  film('tt0099685', 'Goodfellas', 1990, ['Biography', 'Crime', 'Drama'], 1_300_000, 8.7),
  film(
    'tt0060196',
    'The Good, the Bad and the Ugly',
    1966,
    ['Adventure', 'Drama', 'Western'],
    840_000,
    8.8,
    {
      originalTitle: 'Il buono, il brutto, il cattivo',
    },
  ),
  film('tt0078748', 'Alien', 1979, ['Horror', 'Sci-Fi'], 960_000, 8.5),
  film('tt0090605', 'Aliens', 1986, ['Action', 'Adventure', 'Sci-Fi'], 780_000, 8.4),
  film('tt0141842', 'The Sopranos', 1999, ['Crime', 'Drama'], 470_000, 9.2, { kind: 'tvSeries' }),
  // Unknown year and no rating yet: listed last when ordering by either.
  film('tt9999990', 'Untitled Godfather Documentary', null, ['Documentary'], 10, null),
];

export const byTitle = (title: string) => catalogue.find((movie) => movie.title === title);
