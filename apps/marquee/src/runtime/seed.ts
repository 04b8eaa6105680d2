import { randomUUID } from 'node:crypto';
import { demoCatalogueVersion, demoMovies, demoPeople, demoUsers } from '@marquee/demo-data';
import { createMovieStore, movieDocuments } from '@marquee/movies/import';
import { createPeopleStore } from '@marquee/people/import';
import { createRecommendationStore } from '@marquee/recommendations/import';
import { createRatingStore } from '@marquee/reviews/import';
import { createUserStore } from '@marquee/users/import';
import type { Stores } from '@marquee/server-kit/serve';

export interface SeedSummary {
  movies: number;
  people: number;
  credits: number;
  users: number;
  ratings: number;
}

/**
 * Writes the demo catalogue through each subgraph's own store (never across ownership lines).
 * Idempotent: every write is an upsert keyed by the demo data's stable ids.
 */
export async function seedDemoCatalogue(stores: Stores): Promise<SeedSummary> {
  const movies = createMovieStore(stores.db);
  const people = createPeopleStore(stores.db);
  const users = createUserStore(stores.db);
  const ratings = createRatingStore(stores.db);
  const recommendations = createRecommendationStore(stores.db);
  const source = `demo-catalogue@${demoCatalogueVersion}`;

  await movies.upsertMany(
    demoMovies.map((movie) => ({
      id: movie.id,
      kind: movie.kind,
      title: movie.title,
      originalTitle: movie.originalTitle ?? null,
      year: movie.year,
      runtimeMinutes: movie.runtimeMinutes,
      genres: [...movie.genres],
      imdbId: movie.externalIds.imdb ?? null,
      tmdbId: movie.externalIds.tmdb ?? null,
      movielensId: movie.externalIds.movielens ?? null,
      popularity: movie.popularity,
    })),
  );
  await movieDocuments(stores.documents).putMany(
    demoMovies.map((movie) => ({
      _id: movie.id,
      overview: movie.overview,
      ...(movie.tagline === undefined ? {} : { tagline: movie.tagline }),
      keywords: [...movie.keywords],
      source,
    })),
  );
  await people.upsertPeople(
    demoPeople.map((person) => ({
      id: person.id,
      name: person.name,
      birthYear: person.birthYear ?? null,
      deathYear: person.deathYear ?? null,
      professions: [...person.professions],
      imdbId: person.imdbId ?? null,
    })),
  );
  const credits = demoMovies.flatMap((movie) =>
    movie.credits.map((credit) => ({
      id: `${movie.id}:${credit.personId}:${credit.role}`,
      movieId: movie.id,
      personId: credit.personId,
      role: credit.role,
      characters: [...(credit.characters ?? [])],
      billingOrder: credit.billingOrder ?? null,
    })),
  );
  await people.upsertCredits(credits);
  await recommendations.upsertItems(
    demoMovies.map((movie) => ({
      movieId: movie.id,
      title: movie.title,
      genres: [...movie.genres],
      keywords: [...movie.keywords],
      people: [...new Set(movie.credits.map((credit) => credit.personId))],
      year: movie.year,
      popularity: movie.popularity,
    })),
  );

  // Demo users have no password: they show data on first start but cannot log in.
  const userIds = await users.ensureMany(
    demoUsers.map((user) => ({
      id: randomUUID(),
      username: user.username,
      displayName: user.displayName,
      passwordHash: null,
    })),
  );
  const demoRatings = demoUsers.flatMap((user) => {
    const userId = userIds.get(user.username);
    if (userId === undefined) throw new Error(`Demo user ${user.username} was not created.`);
    return user.ratings.map((rating) => ({
      userId,
      movieId: rating.movieId,
      rating: rating.rating,
    }));
  });
  const at = new Date();
  await ratings.upsertMany(demoRatings);
  await recommendations.recordInteractions(demoRatings.map((rating) => ({ ...rating, at })));

  return {
    movies: demoMovies.length,
    people: demoPeople.length,
    credits: credits.length,
    users: demoUsers.length,
    ratings: demoRatings.length,
  };
}

/** First start: an empty catalogue gets the demo data. */
export async function seedIfEmpty(stores: Stores): Promise<SeedSummary | undefined> {
  const count = await stores.db.prisma.movie.count();
  return count === 0 ? seedDemoCatalogue(stores) : undefined;
}
