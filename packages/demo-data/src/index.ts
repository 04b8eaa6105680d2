export { demoMovies } from './movies.ts';
export { demoPeople } from './people.ts';
export { demoUsers } from './users.ts';
export {
  creditRoles,
  imdbGenres,
  imdbProfessions,
  type CreditRole,
  type DemoCredit,
  type DemoMovie,
  type DemoPerson,
  type DemoRating,
  type DemoUser,
  type ImdbGenre,
  type ImdbProfession,
} from './types.ts';

/**
 * Version of the demo data. Bump it whenever movies, people or users change so a seeder can
 * tell that an already-seeded database holds an older catalogue.
 */
export const demoCatalogueVersion = 1;
