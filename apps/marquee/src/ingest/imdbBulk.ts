import {
  copyUnlessConflict,
  nonEmptyTables,
  type CopyPart,
  type Database,
  type SqlExecutor,
} from '@marquee/db';
import { movieCopy } from '@marquee/movies/import';
import {
  creditCopy,
  insertCrewCredits,
  personCopy,
  type ImportedCredit,
  type PeopleImportStore,
} from '@marquee/people/import';
import { itemFeatureCopy } from '@marquee/recommendations/import';
import type { BulkMode } from './bulkMode.ts';
import { IngestError, type ImportStores } from './context.ts';
import type { ParsedCredit, ParsedPerson, ParsedTitle, ParsedTitleRating } from './imdbParsers.ts';
import { countsOf, outcomeOf, type BatchOutcome, type Parsed } from './runFile.ts';
import type { FileSummary } from './summary.ts';
import { CreditKeys, float64Column, IdSet, IdSlots, SeenIds, uint8Column } from './compactIds.ts';
import type { TitleWatermark } from './titleWatermark.ts';

/**
 * The bulk initial load of IMDb files (PostgreSQL, empty tables): batches are COPYed straight
 * into the real tables while their indexes and constraints, primary keys included, are dropped
 * (see `withDeferredDefinitions` in @marquee/db). Each table's COPY columns and rows come from
 * its owner's import face (`personCopy`, `creditCopy`, `movieCopy`, `itemFeatureCopy`), beside the
 * upserts that write the same columns; this file only orchestrates. Repeated keys are found in process (`SeenIds`, `CreditKeys`): a table
 * about to take a key twice gets its primary key back first (`PrimaryKeys`), and from then on a
 * batch the COPY cannot take as is (a key repeated within it, or written by an earlier batch)
 * goes through the stores' upserts, so the summary, the rejects and the stored rows are the ones
 * an incremental load of the same files into empty tables gives. Real IMDb files repeat no key,
 * so the primary keys are built once, after the load, like the other indexes.
 */

export { bulkModes, type BulkMode } from './bulkMode.ts';

/** The tables an IMDb load writes, which must all be empty for a bulk load. */
export const imdbTables = [
  personCopy.table,
  creditCopy.table,
  movieCopy.table,
  itemFeatureCopy.table,
] as const;

/**
 * The statement-level triggers on those tables that a bulk load turns off and replaces by one
 * recomputation of what they maintain (the analytics rollups): every other trigger fires as usual.
 */
export const imdbTriggers = [...movieCopy.triggers, ...itemFeatureCopy.triggers];

/**
 * Whether this load is a bulk one: `off` never, `on` always (an error unless PostgreSQL with
 * empty tables), `auto` when that is the case.
 */
export async function chooseBulk(db: Database, mode: BulkMode): Promise<boolean> {
  if (mode === 'off') return false;
  if (db.kind !== 'postgres') {
    if (mode === 'on')
      throw new IngestError(
        '--bulk on needs PostgreSQL (DATABASE_URL); the embedded database always loads incrementally.',
      );
    return false;
  }
  const filled = await nonEmptyTables(db.sql, imdbTables);
  if (filled.length === 0) return true;
  if (mode === 'on') {
    throw new IngestError(
      `--bulk on needs empty tables, but ${filled.join(', ')} already has rows; --bulk auto (the default) loads incrementally then.`,
    );
  }
  return false;
}

const inserted = (count: number): BatchOutcome => ({
  inserted: count,
  updated: 0,
  unchanged: 0,
  rejected: [],
});

/** Lines of a batch that an outcome did not reject. */
function writtenLines(outcome: BatchOutcome): (line: number) => boolean {
  const rejected = new Set(outcome.rejected.map(({ line }) => line));
  return (line) => !rejected.has(line);
}

/**
 * title.ratings read before title.basics, so each movie row is COPYed with its rating instead of
 * rewritten by an UPDATE per rating afterwards. Kept in typed arrays outside the garbage-collected
 * heap (see compactIds.ts): about 40 bytes per rated title, some 60 MB for IMDb's 1.5 million.
 */
export class RatingsByTitle {
  private readonly slots = new IdSlots();
  private readonly lines = float64Column();
  private readonly averages = float64Column();
  private readonly votes = float64Column();
  private readonly matched = uint8Column();
  /** Ratings replaced by a later line with the same tconst: pairs of (line, by). */
  private readonly superseded = float64Column();
  private supersededCount = 0;

  add({ line, value }: Parsed<ParsedTitleRating>): void {
    const { slot, isNew } = this.slots.add(value.id);
    if (!isNew) {
      this.superseded.set(2 * this.supersededCount, this.lines.get(slot));
      this.superseded.set(2 * this.supersededCount + 1, line);
      this.supersededCount += 1;
    }
    this.lines.set(slot, line);
    this.averages.set(slot, value.averageRating);
    this.votes.set(slot, value.numVotes);
    this.matched.set(slot, 0);
  }

  /** The slot of `id`'s rating, or -1. */
  slotOf(id: string): number {
    return this.slots.get(id);
  }

  average(slot: number): number {
    return this.averages.get(slot);
  }

  numVotes(slot: number): number {
    return this.votes.get(slot);
  }

  /** The rating of `id`, if any, as [averageRating, numVotes]. */
  lookup(id: string): [number, number] | undefined {
    const slot = this.slots.get(id);
    return slot < 0 ? undefined : [this.averages.get(slot), this.votes.get(slot)];
  }

  /** Records that `id`'s movie row was written with its rating. */
  markWritten(id: string): void {
    const slot = this.slots.get(id);
    if (slot >= 0) this.matched.set(slot, 1);
  }

  /**
   * What title.ratings did, counted as the incremental load counts it: a rating of a written
   * title updated its movie (and its item feature, unless numVotes is 0, the default), a rating
   * of an unknown title or one superseded by a later line is a reject.
   */
  outcome(): BatchOutcome {
    const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
    for (let index = 0; index < this.supersededCount; index += 1) {
      const by = this.superseded.get(2 * index + 1);
      outcome.rejected.push({
        line: this.superseded.get(2 * index),
        reason: `duplicate key: line ${by} has the same key and is the one written`,
      });
    }
    const items = { inserted: 0, updated: 0, unchanged: 0 };
    for (let slot = 0; slot < this.slots.size; slot += 1) {
      if (this.matched.get(slot) !== 1) {
        outcome.rejected.push({
          line: this.lines.get(slot),
          reason: 'unknown title (not in title.basics)',
        });
        continue;
      }
      outcome.updated += 1;
      if (this.votes.get(slot) === 0) items.unchanged += 1;
      else items.updated += 1;
    }
    outcome.rejected.sort((a, b) => a.line - b.line);
    return { ...outcome, also: { itemFeatures: items } };
  }
}

/** Folds the ratings outcome into the lookup pass's summary of title.ratings. */
export function completeRatingsSummary(summary: FileSummary, outcome: BatchOutcome): void {
  // The lookup pass counted every good line as unchanged; the merge decides what they were.
  summary.unchanged = 0;
  summary.updated += outcome.updated;
  summary.rejected += outcome.rejected.length;
  for (const [store, counts] of Object.entries(outcome.also ?? {})) summary.also[store] = counts;
}

/**
 * The primary keys the bulk load dropped. A table's is recreated early, once, when a batch is about
 * to write a key the table may already hold; otherwise with the table's other indexes.
 */
export interface PrimaryKeys {
  /** Whether `table`'s primary key was asked back (it may still be building: `ensure` awaits it). */
  has(table: string): boolean;
  /** Recreates the primary keys of `tables`, or waits for the build already under way. */
  ensure(tables: readonly string[]): Promise<void>;
}

/** The flag of a crew role in `CreditKeys`, or undefined for the roles title.crew never writes. */
function crewFlag(role: ImportedCredit['role']): 0 | 1 | undefined {
  return role === 'DIRECTOR' ? 0 : role === 'WRITER' ? 1 : undefined;
}

export interface BulkWriters {
  people: (batch: Parsed<ParsedPerson>[]) => Promise<BatchOutcome>;
  titles: (batch: Parsed<ParsedTitle>[]) => Promise<BatchOutcome>;
  principals: (batch: Parsed<ParsedCredit>[]) => Promise<BatchOutcome>;
  /** title.crew's credits, for `writeCrew`. */
  crewCredits: Pick<PeopleImportStore, 'upsertCredits'>;
}

/**
 * Whether every id of `batch` is new to `seen` (added to it here): when not, the batch may write
 * a key twice, which only the table's primary key can turn into an update.
 */
function allNew<T>(batch: readonly Parsed<T>[], seen: SeenIds, idOf: (row: T) => string): boolean {
  let fresh = true;
  for (const { value } of batch) if (!seen.add(idOf(value))) fresh = false;
  return fresh;
}

/**
 * COPYs a batch's parts: straight in when its keys are new and the tables have no primary key
 * yet; else once the primary keys are back, and false when the COPY met a key already there (the
 * caller upserts the batch then).
 */
async function copyParts(
  sql: SqlExecutor,
  primaryKeys: PrimaryKeys,
  keysAreNew: boolean,
  parts: readonly CopyPart[],
): Promise<boolean> {
  const tables = parts.map(({ target }) => target.slice(0, target.indexOf(' ')));
  // Checked before the first await: batches are handed over in file order, so a batch that came
  // after the one asking for the primary key waits for it.
  if (keysAreNew && !tables.some((table) => primaryKeys.has(table))) {
    await sql.transaction(async (tx) => {
      for (const part of parts) await tx.copyFrom(part.target, part.rows);
    });
    return true;
  }
  await primaryKeys.ensure(tables);
  return copyUnlessConflict(sql, parts);
}

/**
 * Batch writers for the bulk load. `knownPeople` collects the nconsts written from name.basics:
 * with the credit → person foreign key dropped, credits of anyone else are rejected here, with
 * the reason the foreign-key check of the incremental path gives. `principalsWatermark` learns
 * each title.principals title as its batch is handed over, after its director and writer credits
 * are recorded for title.crew (which loads beside title.principals).
 */
export function bulkWriters(
  sql: SqlExecutor,
  stores: ImportStores,
  ratings: RatingsByTitle,
  primaryKeys: PrimaryKeys,
  principalsWatermark?: TitleWatermark,
): BulkWriters {
  const knownPeople = new IdSet();
  const seenPeople = new SeenIds();
  const seenTitles = new SeenIds();
  // title.principals' titles whose run of lines has ended: a title met again after another may
  // repeat a credit (within a run, `firstBillingOnly` rejects repeats).
  const principalTitles = new SeenIds();
  let currentTitle = '';
  // The director and writer credits written, for title.crew (while the credits have no primary key).
  const crewKeys = new CreditKeys();
  return {
    people: async (batch) => {
      let outcome = inserted(batch.length);
      const keysAreNew = allNew(batch, seenPeople, (person) => person.id);
      const rows = batch.map(({ value }) => personCopy.row(value)).join('');
      const parts = [{ target: personCopy.target, rows }];
      if (!(await copyParts(sql, primaryKeys, keysAreNew, parts))) {
        outcome = outcomeOf(
          await stores.people.upsertPeople(batch.map(({ line, value }) => ({ line, ...value }))),
        );
      }
      const written = writtenLines(outcome);
      for (const { line, value } of batch) if (written(line)) knownPeople.add(value.id);
      return outcome;
    },

    titles: async (batch) => {
      const movies: string[] = [];
      const items: string[] = [];
      for (const { value: t } of batch) {
        const slot = ratings.slotOf(t.id);
        const rating =
          slot < 0
            ? undefined
            : { averageRating: ratings.average(slot), numVotes: ratings.numVotes(slot) };
        movies.push(movieCopy.row(t, rating));
        items.push(
          itemFeatureCopy.row(
            { movieId: t.id, title: t.title, genres: t.genres, year: t.year },
            rating?.numVotes ?? 0,
          ),
        );
      }
      let outcome: BatchOutcome;
      const keysAreNew = allNew(batch, seenTitles, (title) => title.id);
      const fast = await copyParts(sql, primaryKeys, keysAreNew, [
        { target: movieCopy.target, rows: movies.join('') },
        { target: itemFeatureCopy.target, rows: items.join('') },
      ]);
      if (fast) {
        outcome = {
          ...inserted(batch.length),
          also: { itemFeatures: { inserted: batch.length, updated: 0, unchanged: 0 } },
        };
      } else {
        // What the incremental load does, then the ratings the fast path would have carried.
        const titles = outcomeOf(
          await stores.movies.upsertTitles(batch.map(({ line, value }) => ({ line, ...value }))),
        );
        const written = writtenLines(titles);
        const kept = batch.filter(({ line }) => written(line));
        const itemCounts = await stores.interactions.upsertItems(
          kept.map(({ line, value }) => ({
            line,
            movieId: value.id,
            title: value.title,
            genres: value.genres,
            year: value.year,
          })),
        );
        const rated = kept.flatMap(({ line, value }) => {
          const rating = ratings.lookup(value.id);
          return rating === undefined
            ? []
            : [{ line, id: value.id, averageRating: rating[0], numVotes: rating[1] }];
        });
        await stores.movies.setRatings(rated);
        await stores.interactions.setPopularity(
          rated.map(({ line, id, numVotes }) => ({ line, movieId: id, popularity: numVotes })),
        );
        outcome = { ...titles, also: { itemFeatures: countsOf(itemCounts) } };
      }
      const written = writtenLines(outcome);
      for (const { line, value } of batch) if (written(line)) ratings.markWritten(value.id);
      return outcome;
    },

    principals: async (batch) => {
      const rejected: BatchOutcome['rejected'] = [];
      const known = batch.filter(({ line, value }) => {
        principalsWatermark?.see(value.movieId);
        if (knownPeople.has(value.personId)) return true;
        rejected.push({ line, reason: 'unknown person (nconst not in name.basics)' });
        return false;
      });
      if (known.length === 0) return { ...inserted(0), rejected };
      let keysAreNew = true;
      for (const { value } of known) {
        if (value.movieId === currentTitle) continue;
        if (!principalTitles.add(value.movieId)) keysAreNew = false;
        currentTitle = value.movieId;
      }
      if (keysAreNew && !primaryKeys.has(creditCopy.table)) {
        for (const { value } of known) {
          const flag = crewFlag(value.role);
          if (flag !== undefined) crewKeys.add(value.movieId, value.personId, flag);
        }
      }
      const rows = known.map(({ value }) => creditCopy.row(value)).join('');
      const parts = [{ target: creditCopy.target, rows }];
      if (await copyParts(sql, primaryKeys, keysAreNew, parts)) {
        return { ...inserted(known.length), rejected };
      }
      const outcome = outcomeOf(
        await stores.people.upsertCredits(
          known.map(({ line, value }) => ({ line, ...value })),
          'principals',
        ),
      );
      return { ...outcome, rejected: [...rejected, ...outcome.rejected] };
    },

    crewCredits: {
      upsertCredits: (credits) =>
        insertCrewCredits(sql, credits, {
          knownPeople,
          // Once the credits' primary key is back, credits the upserts wrote are only in the table.
          ...(primaryKeys.has(creditCopy.table)
            ? {}
            : {
                written: {
                  add: (c: Pick<ImportedCredit, 'movieId' | 'personId' | 'role'>) =>
                    crewKeys.add(c.movieId, c.personId, crewFlag(c.role) ?? 0),
                },
              }),
        }),
    },
  };
}
