import { basename, resolve } from 'node:path';
import {
  isForeignKey,
  isPrimaryKey,
  recoverInterruptedBulkLoad,
  restoreDefinitions,
  withDeferredDefinitions,
  type Database,
  type DeferredDefinition,
} from '@marquee/db';
import { movieCopy } from '@marquee/movies/import';
import {
  creditCopy,
  personCopy,
  type ImportedCredit,
  type PeopleImportStore,
} from '@marquee/people/import';
import { itemFeatureCopy } from '@marquee/recommendations/import';
import {
  findFile,
  importStores,
  IngestError,
  rejectsWriter,
  type IngestOptions,
} from './context.ts';
import {
  bulkWriters,
  chooseBulk,
  completeRatingsSummary,
  imdbTables,
  imdbTriggers,
  RatingsByTitle,
  type PrimaryKeys,
} from './imdbBulk.ts';
import { RowError } from './fields.ts';
import { RejectedKeys } from './rejectedKeys.ts';
import {
  imdbFiles,
  imdbHeaders,
  parseNameBasics,
  parseTitleBasics,
  parseTitleCrew,
  parseTitlePrincipals,
  parseTitleRatings,
  splitTsv,
  type ImdbFile,
  type ParsedCredit,
  type ParsedPerson,
} from './imdbParsers.ts';
import { eachRawLine } from './lines.ts';
import type { Progress } from './progress.ts';
import type { RejectsWriter } from './rejects.ts';
import { countsOf, outcomeOf, runFile, type BatchOutcome, type FileJob } from './runFile.ts';
import type { FileSummary, IngestSummary } from './summary.ts';
import { TitleWatermark } from './titleWatermark.ts';

/**
 * Loads IMDb's non-commercial TSVs from `dir` (`<name>.tsv` or `<name>.tsv.gz`), people first so
 * credits can refer to them. Every title type is kept (`kind` = titleType). Missing files are
 * skipped; a directory with none of them is an error.
 *
 * Into empty PostgreSQL tables this is a bulk initial load (`options.bulk`, see imdbBulk.ts):
 * indexes and constraints are dropped, rows COPYed straight in and the indexes rebuilt at the end.
 * Otherwise every batch is upserted, so a re-run of the same files changes nothing.
 */
export async function ingestImdb(
  dir: string,
  db: Database,
  options: IngestOptions,
): Promise<IngestSummary> {
  const startedAt = performance.now();
  // Before anything else: finish what an interrupted bulk load left undone.
  await recoverInterruptedBulkLoad(db.sql);
  const paths = new Map<ImdbFile, string>();
  for (const name of imdbFiles) {
    const path = await findFile(dir, [`${name}.tsv.gz`, `${name}.tsv`]);
    if (path !== undefined) paths.set(name, path);
  }
  if (paths.size === 0) {
    throw new IngestError(
      `No IMDb files in ${dir}: expected ${imdbFiles.map((name) => `${name}.tsv[.gz]`).join(', ')}.`,
    );
  }
  const bulk = await chooseBulk(db, options.bulk ?? 'auto');
  const rejects = rejectsWriter(dir, options);
  try {
    // Tables analysed as soon as their indexes were rebuilt, while later files loaded.
    const analysed = new Set<string>();
    const files = bulk
      ? await withDeferredDefinitions(
          db.sql,
          imdbTables,
          (deferred) => loadBulk(paths, db, options, rejects, deferred, analysed),
          { ...options.restore, triggers: imdbTriggers },
        )
      : await loadIncrementally(paths, db, options, rejects);
    if (bulk)
      await Promise.all(
        imdbTables
          .filter((table) => !analysed.has(table))
          .map((table) => db.sql.exec(`ANALYZE ${table}`)),
      );
    return {
      source: 'imdb',
      mode: bulk ? 'bulk' : 'incremental',
      dir: resolve(dir),
      files,
      seconds: (performance.now() - startedAt) / 1000,
    };
  } finally {
    await rejects.close();
  }
}

type Jobs = { [F in ImdbFile]: Omit<FileJob<ReturnType<(typeof parsers)[F]>>, 'path'> };

function commonJob(options: IngestOptions) {
  return {
    split: splitTsv,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  };
}

/**
 * People whose name.basics line was rejected: a credit of theirs is rejected as an unknown person,
 * and its reason names the person and this root cause.
 */
class RejectedPeople {
  private readonly keys = new RejectedKeys('name.basics', (fields) =>
    NCONST.test(fields[0] ?? '') ? fields[0] : undefined,
  );

  /** name.basics' parser, remembering the nconst of each line it rejects. */
  watch(parse: typeof parseNameBasics): (fields: string[], line: number) => ParsedPerson {
    return this.keys.watch((fields) => parse(fields));
  }

  /** The reason a credit of `personId` is rejected when that person is not stored. */
  reason(personId: string): string {
    const root = this.keys.rootCause(personId);
    return root === undefined
      ? `unknown person ${personId} (not in name.basics)`
      : `unknown person ${personId}: ${root}`;
  }

  /** Rewrites "unknown person" rejects of a batch of credits to name the person and the root cause. */
  explain(outcome: BatchOutcome, personOf: (line: number) => string | undefined): BatchOutcome {
    return {
      ...outcome,
      rejected: outcome.rejected.map((reject) => {
        const personId = reject.reason.startsWith('unknown person')
          ? personOf(reject.line)
          : undefined;
        return personId === undefined
          ? reject
          : { line: reject.line, reason: this.reason(personId) };
      }),
    };
  }
}

const NCONST = /^nm\d{7,}$/;

/**
 * title.principals sorted by title (as IMDb publishes it) may name a person twice on one title
 * with the same role (two orderings): the first line, with the earlier billing order, is kept and
 * the repeat is rejected with the line it repeats. One title's principals are held at a time.
 */
function firstBillingOnly(
  parse: typeof parseTitlePrincipals,
): (fields: string[], line: number) => ParsedCredit {
  let title = '';
  // The current title's credits so far, by index (no object per line).
  const people: string[] = [];
  const roles: string[] = [];
  const lines: number[] = [];
  const orderings: (number | null)[] = [];
  // Person and role → index, only for a title with more credits than a scan suits: a title has
  // about ten, and building a key string per line to hash was about 3% of a bulk load's Node
  // CPU (profile, 300,000 titles).
  const SCAN_LIMIT = 16;
  const seen = new Map<string, number>();
  const indexOf = (personId: string, role: string): number => {
    if (people.length <= SCAN_LIMIT) {
      for (let index = 0; index < people.length; index += 1)
        if (people[index] === personId && roles[index] === role) return index;
      return -1;
    }
    if (seen.size === 0)
      for (let index = 0; index < people.length; index += 1)
        seen.set(`${people[index] ?? ''}\t${roles[index] ?? ''}`, index);
    return seen.get(`${personId}\t${role}`) ?? -1;
  };
  return (fields, line) => {
    const credit = parse(fields);
    if (credit.movieId !== title) {
      title = credit.movieId;
      seen.clear();
      people.length = 0;
      roles.length = 0;
      lines.length = 0;
      orderings.length = 0;
    }
    const first = indexOf(credit.personId, credit.role);
    if (first >= 0) {
      throw new RowError(
        `repeated principal: ${credit.personId} is already credited as ${credit.role} on ${credit.movieId} by line ${lines[first] ?? 0} (ordering ${orderings[first] ?? '\\N'}), which is kept`,
      );
    }
    if (seen.size > 0) seen.set(`${credit.personId}\t${credit.role}`, people.length);
    people.push(credit.personId);
    roles.push(credit.role);
    lines.push(line);
    orderings.push(credit.billingOrder);
    return credit;
  };
}

/** The incremental load: every batch upserted through the subgraphs' import stores. */
function incrementalJobs(
  db: Database,
  options: IngestOptions,
  rejectedPeople: RejectedPeople,
): Jobs {
  const stores = importStores(db, options);
  const common = commonJob(options);
  return {
    'name.basics': {
      ...common,
      header: imdbHeaders['name.basics'],
      parse: rejectedPeople.watch(parseNameBasics),
      write: async (batch) =>
        outcomeOf(
          await stores.people.upsertPeople(batch.map(({ line, value }) => ({ line, ...value }))),
        ),
    },
    'title.basics': {
      ...common,
      header: imdbHeaders['title.basics'],
      parse: parsers['title.basics'],
      async write(batch) {
        const titles = await stores.movies.upsertTitles(
          batch.map(({ line, value }) => ({ line, ...value })),
        );
        const outcome = { ...outcomeOf(titles), dropped: titles.conflicts };
        const items = await stores.interactions.upsertItems(
          batch.map(({ line, value }) => ({
            line,
            movieId: value.id,
            title: value.title,
            genres: value.genres,
            year: value.year,
          })),
        );
        return { ...outcome, also: { itemFeatures: countsOf(items) } };
      },
    },
    'title.ratings': {
      ...common,
      header: imdbHeaders['title.ratings'],
      parse: parsers['title.ratings'],
      async write(batch) {
        const outcome = outcomeOf(
          await stores.movies.setRatings(batch.map(({ line, value }) => ({ line, ...value }))),
        );
        const rejected = new Set(outcome.rejected.map((reject) => reject.line));
        const items = await stores.interactions.setPopularity(
          batch
            .filter(({ line }) => !rejected.has(line))
            .map(({ line, value }) => ({ line, movieId: value.id, popularity: value.numVotes })),
        );
        return { ...outcome, also: { itemFeatures: countsOf(items) } };
      },
    },
    'title.principals': {
      ...common,
      header: imdbHeaders['title.principals'],
      parse: firstBillingOnly(parseTitlePrincipals),
      write: async (batch) =>
        outcomeOf(
          await stores.people.upsertCredits(
            batch.map(({ line, value }) => ({ line, ...value })),
            'principals',
          ),
        ),
    },
    'title.crew': {
      ...common,
      header: imdbHeaders['title.crew'],
      parse: parsers['title.crew'],
      write: (batch) => writeCrew(stores.people, batch, rejectedPeople),
    },
  };
}

/** title.principals' writer, with unknown people's rejects naming the person and why they are unknown. */
function explainingPrincipals(
  write: NonNullable<Jobs['title.principals']['write']>,
  rejectedPeople: RejectedPeople,
): NonNullable<Jobs['title.principals']['write']> {
  return async (batch) => {
    const outcome = await write(batch);
    if (outcome.rejected.length === 0) return outcome;
    const personOf = new Map(batch.map(({ line, value }) => [line, value.personId]));
    return rejectedPeople.explain(outcome, (line) => personOf.get(line));
  };
}

async function loadIncrementally(
  paths: ReadonlyMap<ImdbFile, string>,
  db: Database,
  options: IngestOptions,
  rejects: RejectsWriter,
): Promise<FileSummary[]> {
  const rejectedPeople = new RejectedPeople();
  const jobs = incrementalJobs(db, options, rejectedPeople);
  const principals = jobs['title.principals'].write;
  if (principals !== undefined)
    jobs['title.principals'].write = explainingPrincipals(principals, rejectedPeople);
  const context = { progress: options.progress, rejects };
  const files = [];
  for (const [name, path] of paths) {
    // The mapped type pairs each file with its own parser; TypeScript cannot follow the key through the loop.
    files.push(await runFile({ ...(jobs[name] as FileJob<unknown>), path }, context));
  }
  return files;
}

/**
 * Bulk load order: people, then the credits (they need only the people), titles last, so the
 * credits' indexes (their four take the longest to build) are built while title.basics loads
 * and only the movies' are left after the last file. title.crew loads beside title.principals
 * (see `TitleWatermark`), so the credits' data is in, and their builds start, once the longer of
 * the two is. Each file's counts and rejects do not depend on the order: a credit's movie is not
 * checked, and the ratings are matched to the titles at the end.
 */
const bulkOrder = [
  'name.basics',
  'title.principals',
  'title.crew',
  'title.basics',
] as const satisfies readonly ImdbFile[];

/**
 * Rows per COPY in the bulk load, unless `--batch-size` says otherwise. A batch's parsed rows stay
 * alive until its COPY is done, and V8's young-generation collections copy every live object
 * each time: with two files loading at once, two batches in flight each and one being parsed,
 * 10,000-row batches made those collections about a third of the process's CPU; a quarter of that
 * cut its CPU by about 8% (`marquee ingest` with every statement answered at once, 300,000
 * titles), for 4 times as many COPY transactions, which cost the server little. title.basics
 * too, now that the analytics rollups' statement-level triggers, which ran once per COPY, are off
 * during a bulk load.
 */
const BULK_BATCH_SIZE = 2_500;

/**
 * Progress of a file loaded beside another: the bar shows one file at a time, so this one's
 * calls are held and played back in one go once the other's bar is done.
 */
function heldProgress(): Progress & { replay(to: Progress): void } {
  let file = '';
  let total = 0;
  let startedAt = 0;
  let last = { rows: 0, bytes: 0 };
  return {
    start(name, totalBytes) {
      file = name;
      total = totalBytes;
      startedAt = performance.now();
    },
    update(rows, bytes) {
      last = { rows, bytes };
    },
    stop() {},
    replay(to) {
      to.start(file, total, startedAt);
      to.update(last.rows, last.bytes);
      to.stop();
    },
  };
}

/**
 * The bulk load, with the incremental load's counts, in `bulkOrder`. title.ratings is read
 * first so title.basics COPYs each movie with its rating; the ratings' outcome is known once
 * title.basics is written. A table's indexes are rebuilt in the background as soon as no later
 * file writes it (people after name.basics, credits after title.crew, movies and item features
 * after title.basics), while the next file loads; the foreign key comes with the credits'.
 */
async function loadBulk(
  paths: ReadonlyMap<ImdbFile, string>,
  db: Database,
  options: IngestOptions,
  rejects: RejectsWriter,
  deferred: readonly DeferredDefinition[],
  analysed: Set<string>,
): Promise<FileSummary[]> {
  const ratings = new RatingsByTitle();
  const besidePrincipals = paths.has('title.principals') && paths.has('title.crew');
  const watermark = new TitleWatermark();
  const writers = bulkWriters(
    db.sql,
    importStores(db, options),
    ratings,
    earlyPrimaryKeys(db, deferred, options),
    besidePrincipals ? watermark : undefined,
  );
  const rejectedPeople = new RejectedPeople();
  const jobs = incrementalJobs(db, options, rejectedPeople);
  for (const name of ['name.basics', 'title.principals', 'title.crew', 'title.basics'] as const)
    jobs[name].batchSize ??= BULK_BATCH_SIZE;
  jobs['name.basics'].write = writers.people;
  jobs['title.basics'].write = writers.titles;
  jobs['title.principals'].write = explainingPrincipals(writers.principals, rejectedPeople);
  jobs['title.crew'].write = async (batch) => {
    if (besidePrincipals) await watermark.reached(batch.map(({ value }) => value.movieId));
    return writeCrew(writers.crewCredits, batch, rejectedPeople);
  };
  const context = { progress: options.progress, rejects };
  const files = new Map<ImdbFile, FileSummary>();
  const rebuilding: Promise<void>[] = [];
  /**
   * Rebuilds `tables`' indexes, and their foreign keys when `foreignKeys` (the tables they
   * reference were rebuilt before: credits → people); else withDeferredDefinitions does at the end.
   */
  const rebuild = (tables: readonly string[], foreignKeys = false) => {
    const before = Promise.allSettled(rebuilding);
    const definitions = deferred.filter((definition) => tables.includes(definition.tableName));
    const done = (async () => {
      await restoreDefinitions(
        db.sql,
        definitions.filter((definition) => !isForeignKey(definition)),
        options.restore,
      );
      await Promise.all(tables.map((table) => db.sql.exec(`ANALYZE ${table}`)));
      for (const table of tables) analysed.add(table);
      if (!foreignKeys) return;
      await before;
      await restoreDefinitions(db.sql, definitions.filter(isForeignKey), options.restore);
    })();
    // Awaited below; this only keeps a failure from being reported as unhandled meanwhile.
    done.catch(() => undefined);
    rebuilding.push(done);
  };

  /** title.principals and title.crew at once, each with its own connections. */
  async function loadCredits(): Promise<void> {
    const crewProgress = heldProgress();
    const principals = (async () => {
      try {
        return await runFile(
          { ...jobs['title.principals'], path: paths.get('title.principals') ?? '' },
          context,
        );
      } finally {
        watermark.finish();
      }
    })();
    const crew = runFile(
      { ...jobs['title.crew'], path: paths.get('title.crew') ?? '' },
      { ...context, progress: crewProgress },
    );
    // Both settle before a failure of either goes on: nothing of this pair is still writing then.
    const [principalsSummary, crewSummary] = await Promise.allSettled([principals, crew]);
    if (principalsSummary.status === 'rejected') throw principalsSummary.reason;
    if (crewSummary.status === 'rejected') throw crewSummary.reason;
    crewProgress.replay(options.progress);
    files.set('title.principals', principalsSummary.value);
    files.set('title.crew', crewSummary.value);
  }

  async function loadFiles(): Promise<void> {
    const ratingsPath = paths.get('title.ratings');
    if (ratingsPath !== undefined) {
      const lookup = {
        ...jobs['title.ratings'],
        path: ratingsPath,
        collect: (row: Parameters<RatingsByTitle['add']>[0]) => ratings.add(row),
      };
      delete lookup.write;
      files.set('title.ratings', await runFile(lookup, context));
    }
    for (const name of bulkOrder) {
      const path = paths.get(name);
      if (path === undefined) continue;
      if (besidePrincipals && name === 'title.principals') await loadCredits();
      else if (!(besidePrincipals && name === 'title.crew'))
        files.set(name, await runFile({ ...(jobs[name] as FileJob<unknown>), path }, context));
      if (name === 'name.basics') rebuild([personCopy.table]);
      if (name === 'title.crew' || (name === 'title.principals' && !paths.has('title.crew')))
        rebuild([creditCopy.table], paths.has('name.basics'));
      if (name === 'title.basics') rebuild([movieCopy.table, itemFeatureCopy.table]);
    }
    const ratingsSummary = files.get('title.ratings');
    if (ratingsPath !== undefined && ratingsSummary !== undefined) {
      const outcome = ratings.outcome();
      completeRatingsSummary(ratingsSummary, outcome);
      // outcome.rejected is in line order: one more pass over the file writes each with its text.
      let index = 0;
      await eachRawLine(
        ratingsPath,
        outcome.rejected.map(({ line }) => line),
        async (line, raw) => {
          for (; outcome.rejected[index]?.line === line; index += 1) {
            await rejects.write({
              file: basename(ratingsPath),
              line,
              reason: outcome.rejected[index]?.reason ?? '',
              raw,
            });
          }
        },
      );
      const rejectsFile = rejects.pathOf(ratingsSummary.file);
      if (rejectsFile !== undefined) ratingsSummary.rejectsFile = rejectsFile;
    }
  }

  try {
    await loadFiles();
  } catch (error) {
    // Rebuilds under way are settled before withDeferredDefinitions restores everything.
    await Promise.allSettled(rebuilding);
    throw error;
  }
  // A failed rebuild fails the load; the definitions stay recorded for the restore that follows.
  await Promise.all(rebuilding);
  return [...paths.keys()].flatMap((name) => files.get(name) ?? []);
}

/** Primary keys recreated on demand during the load, each once (see `PrimaryKeys`). */
function earlyPrimaryKeys(
  db: Database,
  deferred: readonly DeferredDefinition[],
  options: IngestOptions,
): PrimaryKeys {
  const builds = new Map<string, Promise<void>>();
  return {
    has: (table) => builds.has(table),
    async ensure(tables) {
      await Promise.all(
        tables.map((table) => {
          let build = builds.get(table);
          if (build === undefined) {
            const keys = deferred.filter((d) => d.tableName === table && isPrimaryKey(d));
            build = restoreDefinitions(db.sql, keys, options.restore);
            builds.set(table, build);
          }
          return build;
        }),
      );
    },
  };
}

const parsers = {
  'name.basics': parseNameBasics,
  'title.basics': parseTitleBasics,
  'title.ratings': parseTitleRatings,
  'title.principals': parseTitlePrincipals,
  'title.crew': parseTitleCrew,
} as const;

/**
 * One title.crew line becomes several credits, counted and reported per credit: a credit of an
 * unknown person is a dropped part of its line (in the rejects file, naming the nconst and why it
 * is unknown) while the line's other credits are written. A line counts as inserted when any of its
 * credits was new, updated when any changed, unchanged otherwise; rejected only when none of its
 * credits could be written, or a later line repeats its tconst. The store sees each credit under
 * its index in the batch, so its outcome can be traced to the credit, not only the line.
 */
async function writeCrew(
  people: Pick<PeopleImportStore, 'upsertCredits'>,
  batch: { line: number; value: ReturnType<typeof parseTitleCrew> }[],
  rejectedPeople: RejectedPeople,
): Promise<BatchOutcome> {
  // One object per credit, under its index (what the store reports by); `owner` is its line's
  // index in the batch, and per-line tallies are arrays by that index, not maps.
  const credits: ImportedCredit[] = [];
  const owner: number[] = [];
  const perLine = new Uint32Array(batch.length);
  batch.forEach(({ value }, index) => {
    for (const [role, people] of [
      ['DIRECTOR', value.directors],
      ['WRITER', value.writers],
    ] as const) {
      for (const personId of people) {
        credits.push({
          line: credits.length,
          movieId: value.movieId,
          personId,
          role,
          characters: [],
          billingOrder: null,
        });
        owner.push(index);
      }
    }
    perLine[index] = value.directors.length + value.writers.length;
  });
  const result = await people.upsertCredits(credits, 'crew', { trackLines: true });
  const lineOf = (creditIndex: number) => batch[owner[creditIndex] ?? -1]?.line ?? -1;
  const repeated = new Map<number, string>();
  for (const { line, by } of result.superseded) {
    if (owner[line] !== owner[by])
      repeated.set(
        lineOf(line),
        `duplicate tconst: line ${lineOf(by)} has the same title's crew and is the one written`,
      );
  }
  const unknown = new Map<number, { line: number; reason: string }[]>();
  for (const { line: creditIndex } of result.rejected) {
    const credit = credits[creditIndex];
    if (credit === undefined) continue;
    const line = lineOf(creditIndex);
    const role = credit.role === 'DIRECTOR' ? 'director' : 'writer';
    const list = unknown.get(line) ?? [];
    list.push({
      line,
      reason: `${role} not credited on ${credit.movieId}: ${rejectedPeople.reason(credit.personId)}`,
    });
    unknown.set(line, list);
  }
  // 1: a credit of the line was new, 2: one changed (and none was new).
  const changed = new Uint8Array(batch.length);
  for (const creditIndex of result.updatedLines ?? []) changed[owner[creditIndex] ?? 0] = 2;
  for (const creditIndex of result.insertedLines ?? []) changed[owner[creditIndex] ?? 0] = 1;
  const outcome: BatchOutcome = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [...repeated].map(([line, reason]) => ({ line, reason })),
    dropped: [],
  };
  batch.forEach(({ line }, index) => {
    if (repeated.has(line)) return;
    const lost = unknown.get(line) ?? [];
    if (lost.length > 0 && lost.length === perLine[index]) {
      // Nothing of the line was written: it is rejected, with each credit's reason.
      outcome.rejected.push({ line, reason: lost.map(({ reason }) => reason).join('; ') });
      return;
    }
    outcome.dropped?.push(...lost);
    if (changed[index] === 1) outcome.inserted += 1;
    else if (changed[index] === 2) outcome.updated += 1;
    else outcome.unchanged += 1;
  });
  return { ...outcome, also: { credits: countsOf(result) } };
}
