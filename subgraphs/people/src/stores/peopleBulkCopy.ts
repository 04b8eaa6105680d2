import {
  copyInteger,
  copyText,
  copyTextArray,
  copyUnlessConflict,
  type BulkResult,
  type SqlExecutor,
} from '@marquee/db';
import type { ImportedCredit, ImportedPerson } from './peopleImport.ts';

/**
 * The people subgraph's tables as a bulk initial load COPYs them (into empty tables, indexes
 * dropped): the same columns `upsertPeople` and `upsertCredits` write, kept here beside them so
 * that a change of the table changes both.
 */

export const personCopy = {
  table: 'people.person',
  target: 'people.person (id, name, birth_year, death_year, professions, imdb_id, known_for)',
  row: (p: Omit<ImportedPerson, 'line'>): string =>
    `${p.id}\t${copyText(p.name)}\t${copyInteger(p.birthYear)}\t${copyInteger(p.deathYear)}\t${copyTextArray(p.professions)}\t${p.id}\t${copyTextArray(p.knownFor)}\n`,
} as const;

const creditId = (c: Pick<ImportedCredit, 'movieId' | 'personId' | 'role'>): string =>
  `${c.movieId}:${c.personId}:${c.role}`;

export const creditCopy = {
  table: 'people.credit',
  target: 'people.credit (id, movie_id, person_id, role, characters, billing_order)',
  row: (c: Omit<ImportedCredit, 'line'>): string =>
    `${creditId(c)}\t${c.movieId}\t${c.personId}\t${c.role}\t${copyTextArray(c.characters)}\t${copyInteger(c.billingOrder)}\n`,
} as const;

/** A title.crew credit: no characters, no order. */
const crewRow = (id: string, c: Pick<ImportedCredit, 'movieId' | 'personId' | 'role'>): string =>
  `${id}\t${c.movieId}\t${c.personId}\t${c.role}\t{}\t\\N\n`;

/** Per connection, emptied by every commit: one title.crew batch's credits on their way in. */
const CREW_STAGE = 'marquee_crew_stage';

export interface CrewCreditOptions {
  /** The people the load wrote: credits of anyone else are rejected (the foreign key is dropped). */
  knownPeople: { has(personId: string): boolean };
  /**
   * Every director and writer credit already in the table, while it has no primary key: `add`
   * answers whether the credit is new (and records it). Absent once the primary key is back.
   */
  written?: { add(credit: Pick<ImportedCredit, 'movieId' | 'personId' | 'role'>): boolean };
}

/**
 * title.crew only adds credits: on a credit title.principals already wrote it fills nothing (a
 * crew credit has no characters and no order, and every stored credit has an array of
 * characters), so into tables this load started empty, leaving a known credit alone does what the
 * store's fill-missing upsert does. The batch's credit ids are looked up first and the new ones
 * COPYed straight in, which costs the database about half of an `INSERT … ON CONFLICT` per credit;
 * when that COPY meets a credit written meanwhile (a concurrent batch with the same credit), the
 * batch goes through a temporary table and `ON CONFLICT DO NOTHING` instead. Either way what comes
 * back is the lines whose credits were new: what the crew loader needs to count lines.
 */
export async function insertCrewCredits(
  sql: SqlExecutor,
  credits: readonly ImportedCredit[],
  { knownPeople, written }: CrewCreditOptions,
): Promise<BulkResult> {
  const rejected: BulkResult['rejected'] = [];
  const superseded: BulkResult['superseded'] = [];
  // A credit repeated within the batch is written for its last line.
  const byId = new Map<string, ImportedCredit>();
  for (const credit of credits) {
    if (!knownPeople.has(credit.personId)) {
      rejected.push({ line: credit.line, reason: 'unknown person (nconst not in name.basics)' });
      continue;
    }
    const id = creditId(credit);
    const earlier = byId.get(id);
    if (earlier !== undefined) superseded.push({ line: earlier.line, by: credit.line });
    byId.set(id, credit);
  }
  let insertedLines: number[] = [];
  if (byId.size > 0 && written !== undefined) {
    // Every director and writer credit in the table is in `written`: no lookup, no primary key.
    const rows: string[] = [];
    for (const [id, credit] of byId) {
      if (!written.add(credit)) continue;
      rows.push(crewRow(id, credit));
      insertedLines.push(credit.line);
    }
    if (rows.length > 0) await sql.copyFrom(creditCopy.target, rows.join(''));
  } else if (byId.size > 0) {
    // By the primary key: the table was analysed empty, so the planner would otherwise scan it whole.
    const known = await sql.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      return tx.query<{ id: string }>('SELECT id FROM people.credit WHERE id = ANY($1::text[])', [
        [...byId.keys()],
      ]);
    });
    const existing = new Set(known.map(({ id }) => id));
    // In id order, as the fallback's insert: two batches' COPYs of a shared credit wait on each other in one order.
    const fresh = [...byId]
      .filter(([id]) => !existing.has(id))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const rows = fresh.map(([id, c]) => crewRow(id, c)).join('');
    if (
      fresh.length === 0 ||
      (await copyUnlessConflict(sql, [{ target: creditCopy.target, rows }]))
    ) {
      insertedLines = fresh.map(([, credit]) => credit.line);
    } else {
      const staged = [...byId]
        .map(([id, c]) => `${c.line}\t${id}\t${c.movieId}\t${c.personId}\t${c.role}\n`)
        .join('');
      insertedLines = await sql.transaction(async (tx) => {
        await tx.exec(
          `CREATE TEMP TABLE IF NOT EXISTS ${CREW_STAGE} (_line bigint, id text, movie_id text, person_id text, role people.credit_role) ON COMMIT DELETE ROWS`,
        );
        await tx.copyFrom(`${CREW_STAGE} (_line, id, movie_id, person_id, role)`, staged);
        const added = await tx.query<{ line: number }>(
          `WITH added AS (
             INSERT INTO people.credit AS t (id, movie_id, person_id, role, characters, billing_order)
             SELECT id, movie_id, person_id, role, '{}', NULL FROM ${CREW_STAGE}
             -- Key order: concurrent batches that share keys lock them in the same order (no deadlock).
             ORDER BY id
             ON CONFLICT (id) DO NOTHING
             RETURNING t.id)
           SELECT s._line::int AS line FROM ${CREW_STAGE} s JOIN added USING (id)`,
        );
        return added.map((row) => row.line);
      });
    }
  }
  return {
    inserted: insertedLines.length,
    updated: 0,
    unchanged: byId.size - insertedLines.length,
    rejected,
    superseded,
    insertedLines,
    updatedLines: [],
  };
}
