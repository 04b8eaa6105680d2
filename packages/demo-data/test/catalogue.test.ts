import { describe, expect, it } from 'vitest';
import {
  creditRoles,
  demoCatalogueVersion,
  demoMovies,
  demoPeople,
  demoUsers,
  imdbGenres,
  imdbProfessions,
} from '../src/index.ts';

const tconst = /^tt\d{7,8}$/;
const nconst = /^nm\d{7,8}$/;
const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const peopleById = new Map(demoPeople.map((person) => [person.id, person]));
const movieIds = new Set(demoMovies.map((movie) => movie.id));

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('demo movies', () => {
  it('holds at least 60 films', () => {
    expect(demoMovies.length).toBeGreaterThanOrEqual(60);
  });

  it('gives every film a unique id that is its IMDb tconst', () => {
    expect(duplicates(demoMovies.map((movie) => movie.id))).toEqual([]);
    for (const movie of demoMovies) {
      expect(movie.id, movie.title).toMatch(tconst);
      expect(movie.externalIds.imdb, movie.title).toBe(movie.id);
    }
  });

  it('never reuses an IMDb, TMDB or MovieLens id across films', () => {
    for (const key of ['imdb', 'tmdb', 'movielens'] as const) {
      const ids = demoMovies.flatMap((movie) => movie.externalIds[key] ?? []);
      expect(duplicates(ids), key).toEqual([]);
    }
  });

  it('writes TMDB and MovieLens ids as plain numbers', () => {
    for (const movie of demoMovies) {
      const { tmdb, movielens } = movie.externalIds;
      if (tmdb !== undefined) expect(tmdb, movie.title).toMatch(/^[1-9]\d*$/);
      if (movielens !== undefined) expect(movielens, movie.title).toMatch(/^[1-9]\d*$/);
    }
  });

  it('uses only IMDb genre names', () => {
    const vocabulary = new Set<string>(imdbGenres);
    for (const movie of demoMovies) {
      expect(movie.genres.length, movie.title).toBeGreaterThan(0);
      expect(duplicates(movie.genres), movie.title).toEqual([]);
      for (const genre of movie.genres)
        expect(vocabulary.has(genre), `${movie.title}: ${genre}`).toBe(true);
    }
  });

  it('keeps release years between 1900 and 2026 and runtimes between 60 and 300 minutes', () => {
    for (const movie of demoMovies) {
      expect(Number.isInteger(movie.year), movie.title).toBe(true);
      expect(movie.year, movie.title).toBeGreaterThanOrEqual(1900);
      expect(movie.year, movie.title).toBeLessThanOrEqual(2026);
      expect(Number.isInteger(movie.runtimeMinutes), movie.title).toBe(true);
      expect(movie.runtimeMinutes, movie.title).toBeGreaterThanOrEqual(60);
      expect(movie.runtimeMinutes, movie.title).toBeLessThanOrEqual(300);
    }
  });

  it('gives every film an overview, 3 to 6 keywords and a 0 to 100 popularity', () => {
    for (const movie of demoMovies) {
      expect(movie.kind, movie.title).toBe('movie');
      expect(movie.overview.length, movie.title).toBeGreaterThan(40);
      expect(movie.keywords.length, movie.title).toBeGreaterThanOrEqual(3);
      expect(movie.keywords.length, movie.title).toBeLessThanOrEqual(6);
      expect(movie.popularity, movie.title).toBeGreaterThanOrEqual(0);
      expect(movie.popularity, movie.title).toBeLessThanOrEqual(100);
    }
  });

  it('only sets an original title when it differs from the title', () => {
    for (const movie of demoMovies) {
      if (movie.originalTitle !== undefined) expect(movie.originalTitle).not.toBe(movie.title);
    }
  });

  it('includes at least 12 science-fiction films for a sci-fi leaning recommender', () => {
    const sciFi = demoMovies.filter((movie) => movie.genres.includes('Sci-Fi'));
    expect(sciFi.length).toBeGreaterThanOrEqual(12);
  });

  it('includes The Godfather under its IMDb id', () => {
    const godfather = demoMovies.find((movie) => movie.id === 'tt0068646');
    expect(godfather).toMatchObject({ title: 'The Godfather', year: 1972 });
  });
});

describe('demo credits', () => {
  it('points every credit at a person in the catalogue', () => {
    for (const movie of demoMovies) {
      for (const credit of movie.credits) {
        expect(peopleById.has(credit.personId), `${movie.title}: ${credit.personId}`).toBe(true);
      }
    }
  });

  it('gives every film at least one director and three billed actors', () => {
    for (const movie of demoMovies) {
      const roles = movie.credits.map((credit) => credit.role);
      expect(
        roles.filter((role) => role === 'DIRECTOR').length,
        movie.title,
      ).toBeGreaterThanOrEqual(1);
      expect(roles.filter((role) => role === 'ACTOR').length, movie.title).toBeGreaterThanOrEqual(
        3,
      );
    }
  });

  it('uses only known roles and gives actors characters and consecutive billing', () => {
    const roles = new Set<string>(creditRoles);
    for (const movie of demoMovies) {
      for (const credit of movie.credits) expect(roles.has(credit.role), movie.title).toBe(true);
      const actors = movie.credits.filter((credit) => credit.role === 'ACTOR');
      expect(
        actors.map((credit) => credit.billingOrder),
        movie.title,
      ).toEqual(actors.map((_, index) => index + 1));
      for (const actor of actors) expect(actor.characters?.length, movie.title).toBeGreaterThan(0);
    }
  });

  it('credits a person at most once per role in a film', () => {
    for (const movie of demoMovies) {
      const keys = movie.credits.map((credit) => `${credit.role}:${credit.personId}`);
      expect(duplicates(keys), movie.title).toEqual([]);
    }
  });

  it('shares people across films so the graph connects them', () => {
    const filmsPerPerson = new Map<string, number>();
    for (const movie of demoMovies) {
      for (const personId of new Set(movie.credits.map((credit) => credit.personId))) {
        filmsPerPerson.set(personId, (filmsPerPerson.get(personId) ?? 0) + 1);
      }
    }
    for (const personId of [
      'nm0000631',
      'nm0000244',
      'nm0000148',
      'nm0000199',
      'nm0000134',
      'nm0634240',
      'nm0000206',
    ]) {
      expect(filmsPerPerson.get(personId), peopleById.get(personId)?.name).toBeGreaterThanOrEqual(
        2,
      );
    }
  });
});

describe('demo people', () => {
  it('gives every person a unique id', () => {
    expect(duplicates(demoPeople.map((person) => person.id))).toEqual([]);
  });

  it('uses the IMDb nconst as id when it is known and a readable slug otherwise', () => {
    for (const person of demoPeople) {
      if (person.imdbId === undefined) {
        expect(person.id, person.name).toMatch(slug);
      } else {
        expect(person.imdbId, person.name).toMatch(nconst);
        expect(person.id, person.name).toBe(person.imdbId);
      }
    }
    expect(duplicates(demoPeople.flatMap((person) => person.imdbId ?? []))).toEqual([]);
  });

  it('uses only IMDb profession names', () => {
    const vocabulary = new Set<string>(imdbProfessions);
    for (const person of demoPeople) {
      expect(person.professions.length, person.name).toBeGreaterThan(0);
      for (const profession of person.professions)
        expect(vocabulary.has(profession), person.name).toBe(true);
    }
  });

  it('keeps life years plausible', () => {
    for (const person of demoPeople) {
      if (person.birthYear !== undefined) {
        expect(person.birthYear, person.name).toBeGreaterThanOrEqual(1850);
        expect(person.birthYear, person.name).toBeLessThanOrEqual(2020);
      }
      if (person.deathYear !== undefined && person.birthYear !== undefined) {
        expect(person.deathYear, person.name).toBeGreaterThan(person.birthYear);
      }
      if (person.deathYear !== undefined)
        expect(person.deathYear, person.name).toBeLessThanOrEqual(2026);
    }
  });

  it('lists only people who are credited somewhere', () => {
    const credited = new Set(
      demoMovies.flatMap((movie) => movie.credits.map((credit) => credit.personId)),
    );
    expect(
      demoPeople.filter((person) => !credited.has(person.id)).map((person) => person.name),
    ).toEqual([]);
  });
});

describe('demo users', () => {
  it('has between 5 and 8 users with unique usernames', () => {
    expect(demoUsers.length).toBeGreaterThanOrEqual(5);
    expect(demoUsers.length).toBeLessThanOrEqual(8);
    expect(duplicates(demoUsers.map((user) => user.username))).toEqual([]);
  });

  it('rates existing movies from 0.5 to 5 in half steps, once per movie', () => {
    for (const user of demoUsers) {
      expect(user.ratings.length, user.username).toBeGreaterThan(0);
      expect(duplicates(user.ratings.map((rating) => rating.movieId)), user.username).toEqual([]);
      for (const { movieId, rating } of user.ratings) {
        expect(movieIds.has(movieId), `${user.username}: ${movieId}`).toBe(true);
        expect(rating, `${user.username}: ${movieId}`).toBeGreaterThanOrEqual(0.5);
        expect(rating, `${user.username}: ${movieId}`).toBeLessThanOrEqual(5);
        expect(Number.isInteger(rating * 2), `${user.username}: ${movieId}`).toBe(true);
      }
    }
  });
});

describe('demo catalogue version', () => {
  it('is a positive integer', () => {
    expect(Number.isInteger(demoCatalogueVersion)).toBe(true);
    expect(demoCatalogueVersion).toBeGreaterThan(0);
  });
});
