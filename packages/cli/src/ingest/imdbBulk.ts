import { bulkUpsert, encodeCopyValue, nonEmptyTables, type BulkValue, type Database, type SqlExecutor } from '@marquee/db';
import type { ImportedCredit, PeopleImportStore } from '@marquee/people';
import { IngestError, type ImportStores } from './context.ts';
import type { ParsedCredit, ParsedPerson, ParsedTitle, ParsedTitleRating } from './imdbParsers.ts';
import { countsOf, outcomeOf, type BatchOutcome, type Parsed } from './runFile.ts';
import type { FileSummary } from './summary.ts';
import { float64Column, IdSet, IdSlots, uint8Column } from './compactIds.ts';

/**
 * The bulk initial load of IMDb files (PostgreSQL, empty tables): batches are COPYed straight
 * into the real tables while their secondary indexes and constraints are dropped (see
 * `withDeferredDefinitions` in @marquee/db). It writes exactly the columns the subgraphs' import
 * stores write, and falls back to those stores' upserts for any batch the fast path cannot take
 * as is (a key repeated within the batch, or already written by an earlier batch), so the
 * summary, the rejects and the stored rows are the ones an incremental load of the same files
 * into empty tables gives.
 */

export type BulkMode = 'auto' | 'on' | 'off';

export const bulkModes: readonly BulkMode[] = ['auto', 'on', 'off'];

/** The tables an IMDb load writes, which must all be empty for a bulk load. */
export const imdbTables = ['people.person', 'people.credit', 'movies.movie', 'recommendations.item_feature'] as const;

/**
 * Whether this load is a bulk one: `off` never, `on` always (an error unless PostgreSQL with
 * empty tables), `auto` when that is the case.
 */
export async function chooseBulk(db: Database, mode: BulkMode): Promise<boolean> {
  if (mode === 'off') return false;
  if (db.kind !== 'postgres') {
    if (mode === 'on') throw new IngestError('--bulk on needs PostgreSQL (DATABASE_URL); the embedded database always loads incrementally.');
    return false;
  }
  const filled = await nonEmptyTables(db.sql, imdbTables);
  if (filled.length === 0) return true;
  if (mode === 'on') {
    throw new IngestError(`--bulk on needs empty tables, but ${filled.join(', ')} already has rows; --bulk auto (the default) loads incrementally then.`);
  }
  return false;
}

const copyRow = (values: readonly BulkValue[]) => `${values.map(encodeCopyValue).join('\t')}\n`;

/**
 * COPYs every part in one transaction. False when a key is already in its table (a unique
 * violation): nothing was written, and the caller takes the upsert path for the batch.
 */
async function copyUnlessConflict(sql: SqlExecutor, parts: readonly { target: string; rows: string }[]): Promise<boolean> {
  try {
    await sql.transaction(async (tx) => {
      for (const part of parts) await tx.copyFrom(part.target, part.rows);
    });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') return false;
    throw error;
  }
}

function hasRepeats(keys: readonly string[]): boolean {
  return new Set(keys).size !== keys.length;
}

const inserted = (count: number): BatchOutcome => ({ inserted: count, updated: 0, unchanged: 0, rejected: [] });

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
      outcome.rejected.push({ line: this.superseded.get(2 * index), reason: `duplicate key: line ${by} has the same key and is the one written` });
    }
    const items = { inserted: 0, updated: 0, unchanged: 0 };
    for (let slot = 0; slot < this.slots.size; slot += 1) {
      if (this.matched.get(slot) !== 1) {
        outcome.rejected.push({ line: this.lines.get(slot), reason: 'unknown title (not in title.basics)' });
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

const personTarget = 'people.person (id, name, birth_year, death_year, professions, imdb_id, known_for)';
const movieTarget = 'movies.movie (id, kind, title, original_title, year, runtime_minutes, genres, imdb_id, average_rating, rating_count, popularity)';
const itemTarget = 'recommendations.item_feature (movie_id, genres, year, popularity)';
const creditTarget = 'people.credit (id, movie_id, person_id, role, characters, billing_order)';

export interface BulkWriters {
  people: (batch: Parsed<ParsedPerson>[]) => Promise<BatchOutcome>;
  titles: (batch: Parsed<ParsedTitle>[]) => Promise<BatchOutcome>;
  principals: (batch: Parsed<ParsedCredit>[]) => Promise<BatchOutcome>;
  /** title.crew's credits, for `writeCrew`. */
  crewCredits: Pick<PeopleImportStore, 'upsertCredits'>;
}

/**
 * title.crew only adds credits: on a credit title.principals already wrote it fills nothing
 * (a crew credit has no characters and no order, and every stored credit has an array of
 * characters), so into tables this load started empty, `DO NOTHING` on a known id does what the
 * store's fill-missing upsert does, without locking and rewriting the existing row.
 */
const crewCredit = {
  table: 'people.credit',
  key: ['id'],
  columns: [
    { name: 'id', type: 'text' },
    { name: 'movie_id', type: 'text', onConflict: 'insertOnly' },
    { name: 'person_id', type: 'text', onConflict: 'insertOnly' },
    { name: 'role', type: 'people.credit_role', onConflict: 'insertOnly' },
    { name: 'characters', type: 'text[]', onConflict: 'insertOnly' },
    { name: 'billing_order', type: 'integer', onConflict: 'insertOnly' },
  ],
} as const;

/**
 * Batch writers for the bulk load. `knownPeople` collects the nconsts written from name.basics:
 * with the credit → person foreign key dropped, credits of anyone else are rejected here, with
 * the reason the foreign-key check of the incremental path gives.
 */
export function bulkWriters(sql: SqlExecutor, stores: ImportStores, ratings: RatingsByTitle): BulkWriters {
  const knownPeople = new IdSet();
  return {
    people: async (batch) => {
      let outcome = inserted(batch.length);
      const rows = batch.map(({ value: p }) => copyRow([p.id, p.name, p.birthYear, p.deathYear, p.professions, p.id, p.knownFor])).join('');
      if (hasRepeats(batch.map(({ value }) => value.id)) || !(await copyUnlessConflict(sql, [{ target: personTarget, rows }]))) {
        outcome = outcomeOf(await stores.people.upsertPeople(batch.map(({ line, value }) => ({ line, ...value }))));
      }
      const written = writtenLines(outcome);
      for (const { line, value } of batch) if (written(line)) knownPeople.add(value.id);
      return outcome;
    },

    titles: async (batch) => {
      let movies = '';
      let items = '';
      for (const { value: t } of batch) {
        const [average, votes] = ratings.lookup(t.id) ?? [null, 0];
        movies += copyRow([t.id, t.kind, t.title, t.originalTitle, t.year, t.runtimeMinutes, t.genres, t.id, average, votes, votes]);
        items += copyRow([t.id, t.genres, t.year, votes]);
      }
      let outcome: BatchOutcome;
      const fast =
        !hasRepeats(batch.map(({ value }) => value.id)) &&
        (await copyUnlessConflict(sql, [
          { target: movieTarget, rows: movies },
          { target: itemTarget, rows: items },
        ]));
      if (fast) {
        outcome = { ...inserted(batch.length), also: { itemFeatures: { inserted: batch.length, updated: 0, unchanged: 0 } } };
      } else {
        // What the incremental load does, then the ratings the fast path would have carried.
        const titles = outcomeOf(await stores.movies.upsertTitles(batch.map(({ line, value }) => ({ line, ...value }))));
        const written = writtenLines(titles);
        const kept = batch.filter(({ line }) => written(line));
        const itemCounts = await stores.interactions.upsertItems(kept.map(({ line, value }) => ({ line, movieId: value.id, genres: value.genres, year: value.year })));
        const rated = kept.flatMap(({ line, value }) => {
          const rating = ratings.lookup(value.id);
          return rating === undefined ? [] : [{ line, id: value.id, averageRating: rating[0], numVotes: rating[1] }];
        });
        await stores.movies.setRatings(rated);
        await stores.interactions.setPopularity(rated.map(({ line, id, numVotes }) => ({ line, movieId: id, popularity: numVotes })));
        outcome = { ...titles, also: { itemFeatures: countsOf(itemCounts) } };
      }
      const written = writtenLines(outcome);
      for (const { line, value } of batch) if (written(line)) ratings.markWritten(value.id);
      return outcome;
    },

    principals: async (batch) => {
      const rejected: BatchOutcome['rejected'] = [];
      const known = batch.filter(({ line, value }) => {
        if (knownPeople.has(value.personId)) return true;
        rejected.push({ line, reason: 'unknown person (nconst not in name.basics)' });
        return false;
      });
      const id = (credit: ParsedCredit) => `${credit.movieId}:${credit.personId}:${credit.role}`;
      if (known.length === 0) return { ...inserted(0), rejected };
      const rows = known
        .map(({ value: c }) => copyRow([id(c), c.movieId, c.personId, c.role, c.characters, c.billingOrder]))
        .join('');
      if (!hasRepeats(known.map(({ value }) => id(value))) && (await copyUnlessConflict(sql, [{ target: creditTarget, rows }]))) {
        return { ...inserted(known.length), rejected };
      }
      const outcome = outcomeOf(await stores.people.upsertCredits(known.map(({ line, value }) => ({ line, ...value })), 'principals'));
      return { ...outcome, rejected: [...rejected, ...outcome.rejected] };
    },

    crewCredits: {
      async upsertCredits(credits: readonly ImportedCredit[], _source, options = {}) {
        const rejected = credits
          .filter(({ personId }) => !knownPeople.has(personId))
          .map(({ line }) => ({ line, reason: 'unknown person (nconst not in name.basics)' }));
        const result = await bulkUpsert(
          sql,
          crewCredit,
          credits
            .filter(({ personId }) => knownPeople.has(personId))
            .map((c) => ({ line: c.line, values: [`${c.movieId}:${c.personId}:${c.role}`, c.movieId, c.personId, c.role, c.characters, c.billingOrder] })),
          options,
        );
        return { ...result, rejected: [...rejected, ...result.rejected] };
      },
    },
  };
}
