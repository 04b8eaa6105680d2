import { classicMovies } from './movies/classics.ts';
import { eightiesMovies } from './movies/eighties.ts';
import { ninetiesMovies } from './movies/nineties.ts';
import { recentMovies } from './movies/recent.ts';
import { seventiesMovies } from './movies/seventies.ts';
import { twoThousandsMovies } from './movies/two-thousands.ts';
import type { DemoMovie } from './types.ts';

/** The whole demo catalogue, oldest first. */
export const demoMovies: readonly DemoMovie[] = [
  ...classicMovies,
  ...seventiesMovies,
  ...eightiesMovies,
  ...ninetiesMovies,
  ...twoThousandsMovies,
  ...recentMovies,
];
