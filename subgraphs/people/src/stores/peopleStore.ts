import type { CreditRole, Database } from '@marquee/db';

export interface PersonRecord {
  id: string;
  name: string;
  birthYear: number | null;
  deathYear: number | null;
  professions: string[];
  imdbId: string | null;
}

export interface CreditRecord {
  id: string;
  movieId: string;
  personId: string;
  role: CreditRole;
  characters: string[];
  billingOrder: number | null;
}

/** A movie as the people subgraph knows it: only its key (the movies subgraph owns the rest). */
export interface MovieReference {
  id: string;
}

export interface PeopleStore {
  findByIds(ids: readonly string[]): Promise<PersonRecord[]>;
  /** Credits of these movies in these roles, best billed first: one query for all movies. */
  creditsForMovies(movieIds: readonly string[], roles: readonly CreditRole[]): Promise<CreditRecord[]>;
  creditsForPeople(personIds: readonly string[]): Promise<CreditRecord[]>;
  upsertPeople(people: readonly PersonRecord[]): Promise<void>;
  upsertCredits(credits: readonly CreditRecord[]): Promise<void>;
}

const billing = [{ billingOrder: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] as const;

export function createPeopleStore(db: Database): PeopleStore {
  const { prisma } = db;
  return {
    findByIds: (ids) => prisma.person.findMany({ where: { id: { in: [...ids] } } }),
    creditsForMovies: (movieIds, roles) =>
      prisma.credit.findMany({
        where: { movieId: { in: [...movieIds] }, role: { in: [...roles] } },
        orderBy: [...billing],
      }),
    creditsForPeople: (personIds) =>
      prisma.credit.findMany({ where: { personId: { in: [...personIds] } }, orderBy: [...billing] }),
    async upsertPeople(people) {
      await prisma.$transaction(
        people.map(({ id, ...data }) => prisma.person.upsert({ where: { id }, create: { id, ...data }, update: data })),
      );
    },
    async upsertCredits(credits) {
      await prisma.$transaction(
        credits.map(({ id, ...data }) => prisma.credit.upsert({ where: { id }, create: { id, ...data }, update: data })),
      );
    },
  };
}
