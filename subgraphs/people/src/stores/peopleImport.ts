import {
  bulkUpsert,
  type BulkColumn,
  type BulkResult,
  type CreditRole,
  type Database,
} from '@marquee/db';

/** A person from IMDb's `name.basics`; the id is the nconst. */
export interface ImportedPerson {
  line: number;
  id: string;
  name: string;
  birthYear: number | null;
  deathYear: number | null;
  professions: readonly string[];
  /** tconsts of the titles they are known for (name.basics knownForTitles). */
  knownFor: readonly string[];
}

/** A credit: id `${movieId}:${personId}:${role}`. */
export interface ImportedCredit {
  line: number;
  movieId: string;
  personId: string;
  role: CreditRole;
  characters: readonly string[];
  billingOrder: number | null;
}

/** Bulk writes into the people subgraph's tables, for `marquee ingest`. */
export interface PeopleImportStore {
  upsertPeople(rows: readonly ImportedPerson[]): Promise<BulkResult>;
  /**
   * `principals` (title.principals) overwrite; `crew` (title.crew: no characters, no order) only
   * adds credits and fills what is missing, so loading both never flips a row back and forth.
   * Credits of unknown people are rejected. `trackLines` reports which lines wrote something.
   */
  upsertCredits(
    rows: readonly ImportedCredit[],
    source: 'principals' | 'crew',
    options?: { trackLines?: boolean },
  ): Promise<BulkResult>;
}

const personColumns: BulkColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'birth_year', type: 'integer' },
  { name: 'death_year', type: 'integer' },
  { name: 'professions', type: 'text[]' },
  { name: 'imdb_id', type: 'text' },
  { name: 'known_for', type: 'text[]' },
];

function creditColumns(source: 'principals' | 'crew'): BulkColumn[] {
  const details = source === 'crew' ? 'fillMissing' : 'overwrite';
  return [
    { name: 'id', type: 'text' },
    { name: 'movie_id', type: 'text' },
    { name: 'person_id', type: 'text' },
    { name: 'role', type: 'people.credit_role' },
    { name: 'characters', type: 'text[]', onConflict: details },
    { name: 'billing_order', type: 'integer', onConflict: details },
  ];
}

export function createPeopleImportStore(db: Database): PeopleImportStore {
  return {
    upsertPeople: (rows) =>
      bulkUpsert(
        db.sql,
        { table: 'people.person', key: ['id'], columns: personColumns, touch: 'updated_at' },
        rows.map((row) => ({
          line: row.line,
          values: [
            row.id,
            row.name,
            row.birthYear,
            row.deathYear,
            row.professions,
            row.id,
            row.knownFor,
          ],
        })),
      ),
    upsertCredits: (rows, source, options = {}) =>
      bulkUpsert(
        db.sql,
        {
          table: 'people.credit',
          key: ['id'],
          columns: creditColumns(source),
          requires: {
            column: 'person_id',
            table: 'people.person',
            refColumn: 'id',
            reason: 'unknown person (nconst not in name.basics)',
          },
        },
        rows.map((row) => ({
          line: row.line,
          values: [
            `${row.movieId}:${row.personId}:${row.role}`,
            row.movieId,
            row.personId,
            row.role,
            row.characters,
            row.billingOrder,
          ],
        })),
        options,
      ),
  };
}
