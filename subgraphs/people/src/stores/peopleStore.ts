import type { CreditRole, Database } from '@marquee/db';

export interface PersonRecord {
  id: string;
  name: string;
  birthYear: number | null;
  deathYear: number | null;
  professions: string[];
  imdbId: string | null;
  /** Movie ids, in IMDb's `knownForTitles` order. */
  knownFor: string[];
}

/** What the seed and other writers give; `knownFor` defaults to none. */
export type PersonInput = Omit<PersonRecord, 'knownFor'> & { knownFor?: string[] };

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

/** One window of one person's credits, and how many they have in all. */
export interface CreditSlice {
  credits: CreditRecord[];
  total: number;
}

export interface CreditWindow {
  role: CreditRole | undefined;
  offset: number;
  limit: number;
}

export interface PeoplePage {
  people: PersonRecord[];
  hasNextPage: boolean;
}

export interface PeopleStore {
  findByIds(ids: readonly string[]): Promise<PersonRecord[]>;
  /** Credits of these movies (every role, or only `roles`), best billed first: one query for all movies. */
  creditsForMovies(
    movieIds: readonly string[],
    roles?: readonly CreditRole[],
  ): Promise<CreditRecord[]>;
  /** The same window of each person's credits (best billed first) with their totals: one query for all people. */
  creditsForPeople(
    personIds: readonly string[],
    window: CreditWindow,
  ): Promise<Map<string, CreditSlice>>;
  /** People by name: closest typo-tolerant match first when `text` is given, else alphabetical. */
  search(text: string | undefined, first: number, offset: number): Promise<PeoplePage>;
  count(text: string | undefined): Promise<number>;
  upsertPeople(people: readonly PersonInput[]): Promise<void>;
  upsertCredits(credits: readonly CreditRecord[]): Promise<void>;
}

const billing = [{ billingOrder: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] as const;

const personColumns = `p.id, p.name, p.birth_year AS "birthYear", p.death_year AS "deathYear", p.professions,
  p.imdb_id AS "imdbId", p.known_for AS "knownFor"`;

/** `%>`: word similarity of the query to the name above pg_trgm's threshold (0.6), GIN-indexed. */
const nameMatches = `lower(p.name) %> $1`;

export function createPeopleStore(db: Database): PeopleStore {
  const { prisma, sql } = db;
  return {
    findByIds: (ids) => prisma.person.findMany({ where: { id: { in: [...ids] } } }),
    creditsForMovies: (movieIds, roles) =>
      prisma.credit.findMany({
        where: {
          movieId: { in: [...movieIds] },
          ...(roles === undefined ? {} : { role: { in: [...roles] } }),
        },
        orderBy: [...billing],
      }),
    async creditsForPeople(personIds, { role, offset, limit }) {
      const rows = await sql.query<CreditRecord & { total: number } & Record<string, unknown>>(
        `SELECT id, "movieId", "personId", role, characters, "billingOrder", total FROM (
           SELECT c.id, c.movie_id AS "movieId", c.person_id AS "personId", c.role::text AS role, c.characters,
                  c.billing_order AS "billingOrder",
                  row_number() OVER (PARTITION BY c.person_id ORDER BY c.billing_order ASC NULLS LAST, c.id ASC) AS position,
                  count(*) OVER (PARTITION BY c.person_id)::int AS total
           FROM people.credit c
           WHERE c.person_id = ANY($1::text[]) AND ($2::text IS NULL OR c.role::text = $2::text)
         ) ranked
         WHERE position > $3 AND position <= $3 + $4
         ORDER BY "personId", position`,
        [[...personIds], role ?? null, offset, limit],
      );
      const slices = new Map<string, CreditSlice>();
      for (const { total, ...credit } of rows) {
        const slice = slices.get(credit.personId);
        if (slice) slice.credits.push(credit);
        else slices.set(credit.personId, { credits: [credit], total });
      }
      return slices;
    },
    async search(text, first, offset) {
      const rows =
        text === undefined
          ? await sql.query<PersonRecord & Record<string, unknown>>(
              `SELECT ${personColumns} FROM people.person p ORDER BY p.name, p.id LIMIT $1 OFFSET $2`,
              [first + 1, offset],
            )
          : await sql.query<PersonRecord & Record<string, unknown>>(
              `SELECT ${personColumns} FROM people.person p WHERE ${nameMatches}
               ORDER BY floor(word_similarity($1, lower(p.name)) * 10) DESC, cardinality(p.known_for) DESC, p.name, p.id
               LIMIT $2 OFFSET $3`,
              [text, first + 1, offset],
            );
      return { people: rows.slice(0, first), hasNextPage: rows.length > first };
    },
    async count(text) {
      const [row] =
        text === undefined
          ? await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM people.person p')
          : await sql.query<{ count: number }>(
              `SELECT count(*)::int AS count FROM people.person p WHERE ${nameMatches}`,
              [text],
            );
      return row?.count ?? 0;
    },
    async upsertPeople(people) {
      await prisma.$transaction(
        people.map(({ id, ...data }) =>
          prisma.person.upsert({ where: { id }, create: { id, ...data }, update: data }),
        ),
      );
    },
    async upsertCredits(credits) {
      await prisma.$transaction(
        credits.map(({ id, ...data }) =>
          prisma.credit.upsert({ where: { id }, create: { id, ...data }, update: data }),
        ),
      );
    },
  };
}
