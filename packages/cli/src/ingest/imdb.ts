import { basename, resolve } from 'node:path';
import { recoverInterruptedBulkLoad, restoreDefinitions, withDeferredDefinitions, type Database, type DeferredDefinition } from '@marquee/db';
import type { ImportedCredit, PeopleImportStore } from '@marquee/people';
import { findFile, importStores, IngestError, rejectsWriter, type IngestOptions } from './context.ts';
import { bulkWriters, chooseBulk, completeRatingsSummary, imdbTables, RatingsByTitle } from './imdbBulk.ts';
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
} from './imdbParsers.ts';
import { eachRawLine } from './lines.ts';
import type { RejectsWriter } from './rejects.ts';
import { countsOf, outcomeOf, runFile, type BatchOutcome, type FileJob } from './runFile.ts';
import type { FileSummary, IngestSummary } from './summary.ts';

/**
 * Loads IMDb's non-commercial TSVs from `dir` (`<name>.tsv` or `<name>.tsv.gz`), people first so
 * credits can refer to them. Every title type is kept (`kind` = titleType). Missing files are
 * skipped; a directory with none of them is an error.
 *
 * Into empty PostgreSQL tables this is a bulk initial load (`options.bulk`, see imdbBulk.ts):
 * indexes and constraints are dropped, rows COPYed straight in and the indexes rebuilt at the end.
 * Otherwise every batch is upserted, so a re-run of the same files changes nothing.
 */
export async function ingestImdb(dir: string, db: Database, options: IngestOptions): Promise<IngestSummary> {
  const startedAt = performance.now();
  // Before anything else: finish what an interrupted bulk load left undone.
  await recoverInterruptedBulkLoad(db.sql);
  const paths = new Map<ImdbFile, string>();
  for (const name of imdbFiles) {
    const path = await findFile(dir, [`${name}.tsv.gz`, `${name}.tsv`]);
    if (path !== undefined) paths.set(name, path);
  }
  if (paths.size === 0) {
    throw new IngestError(`No IMDb files in ${dir}: expected ${imdbFiles.map((name) => `${name}.tsv[.gz]`).join(', ')}.`);
  }
  const bulk = await chooseBulk(db, options.bulk ?? 'auto');
  const rejects = rejectsWriter(dir, options);
  try {
    // Tables analysed as soon as their indexes were rebuilt, while later files loaded.
    const analysed = new Set<string>();
    const files = bulk
      ? await withDeferredDefinitions(db.sql, imdbTables, (deferred) => loadBulk(paths, db, options, rejects, deferred, analysed), options.restore)
      : await loadIncrementally(paths, db, options, rejects);
    if (bulk) await Promise.all(imdbTables.filter((table) => !analysed.has(table)).map((table) => db.sql.exec(`ANALYZE ${table}`)));
    return { source: 'imdb', mode: bulk ? 'bulk' : 'incremental', dir: resolve(dir), files, seconds: (performance.now() - startedAt) / 1000 };
  } finally {
    await rejects.close();
  }
}

type Jobs = { [F in ImdbFile]: Omit<FileJob<ReturnType<(typeof parsers)[F]>>, 'path'> };

function commonJob(options: IngestOptions) {
  return { split: splitTsv, ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) };
}

/** The incremental load: every batch upserted through the subgraphs' import stores. */
function incrementalJobs(db: Database, options: IngestOptions): Jobs {
  const stores = importStores(db, options);
  const common = commonJob(options);
  return {
    'name.basics': {
      ...common,
      header: imdbHeaders['name.basics'],
      parse: parsers['name.basics'],
      write: async (batch) => outcomeOf(await stores.people.upsertPeople(batch.map(({ line, value }) => ({ line, ...value })))),
    },
    'title.basics': {
      ...common,
      header: imdbHeaders['title.basics'],
      parse: parsers['title.basics'],
      async write(batch) {
        const outcome = outcomeOf(await stores.movies.upsertTitles(batch.map(({ line, value }) => ({ line, ...value }))));
        const items = await stores.interactions.upsertItems(batch.map(({ line, value }) => ({ line, movieId: value.id, title: value.title, genres: value.genres, year: value.year })));
        return { ...outcome, also: { itemFeatures: countsOf(items) } };
      },
    },
    'title.ratings': {
      ...common,
      header: imdbHeaders['title.ratings'],
      parse: parsers['title.ratings'],
      async write(batch) {
        const outcome = outcomeOf(await stores.movies.setRatings(batch.map(({ line, value }) => ({ line, ...value }))));
        const rejected = new Set(outcome.rejected.map((reject) => reject.line));
        const items = await stores.interactions.setPopularity(
          batch.filter(({ line }) => !rejected.has(line)).map(({ line, value }) => ({ line, movieId: value.id, popularity: value.numVotes })),
        );
        return { ...outcome, also: { itemFeatures: countsOf(items) } };
      },
    },
    'title.principals': {
      ...common,
      header: imdbHeaders['title.principals'],
      parse: parsers['title.principals'],
      write: async (batch) => outcomeOf(await stores.people.upsertCredits(batch.map(({ line, value }) => ({ line, ...value })), 'principals')),
    },
    'title.crew': {
      ...common,
      header: imdbHeaders['title.crew'],
      parse: parsers['title.crew'],
      write: (batch) => writeCrew(stores.people, batch),
    },
  };
}

async function loadIncrementally(paths: ReadonlyMap<ImdbFile, string>, db: Database, options: IngestOptions, rejects: RejectsWriter): Promise<FileSummary[]> {
  const jobs = incrementalJobs(db, options);
  const context = { progress: options.progress, rejects };
  const files = [];
  for (const [name, path] of paths) {
    // The mapped type pairs each file with its own parser; TypeScript cannot follow the key through the loop.
    files.push(await runFile({ ...(jobs[name] as FileJob<unknown>), path }, context));
  }
  return files;
}

/**
 * The bulk load, in the incremental load's file order and with its counts. title.ratings is read
 * first so title.basics COPYs each movie with its rating; the ratings' outcome is known once
 * title.basics is written. A table's indexes are rebuilt in the background as soon as no later
 * file writes it (people after name.basics, movies and item features after title.basics), while
 * the credits load; the credits' own and the foreign key are rebuilt at the end.
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
  const writers = bulkWriters(db.sql, importStores(db, options), ratings);
  const jobs = incrementalJobs(db, options);
  jobs['name.basics'].write = writers.people;
  jobs['title.basics'].write = writers.titles;
  jobs['title.principals'].write = writers.principals;
  jobs['title.crew'].write = (batch) => writeCrew(writers.crewCredits, batch);
  const context = { progress: options.progress, rejects };
  const files = new Map<ImdbFile, FileSummary>();
  const rebuilding: Promise<void>[] = [];
  const rebuild = (tables: readonly string[]) => {
    const definitions = deferred.filter((definition) => tables.includes(definition.tableName) && !/^FOREIGN KEY/i.test(definition.definition));
    const done = restoreDefinitions(db.sql, definitions, options.restore).then(async () => {
      await Promise.all(tables.map((table) => db.sql.exec(`ANALYZE ${table}`)));
      for (const table of tables) analysed.add(table);
    });
    // Awaited below; this only keeps a failure from being reported as unhandled meanwhile.
    done.catch(() => undefined);
    rebuilding.push(done);
  };

  async function loadFiles(): Promise<void> {
    const ratingsPath = paths.get('title.ratings');
    if (ratingsPath !== undefined) {
      const lookup = { ...jobs['title.ratings'], path: ratingsPath, collect: (row: Parameters<RatingsByTitle['add']>[0]) => ratings.add(row) };
      delete lookup.write;
      files.set('title.ratings', await runFile(lookup, context));
    }
    for (const [name, path] of paths) {
      if (name === 'title.ratings') continue;
      files.set(name, await runFile({ ...(jobs[name] as FileJob<unknown>), path }, context));
      if (name === 'name.basics') rebuild(['people.person']);
      if (name === 'title.basics') rebuild(['movies.movie', 'recommendations.item_feature']);
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
            await rejects.write({ file: basename(ratingsPath), line, reason: outcome.rejected[index]?.reason ?? '', raw });
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

const parsers = {
  'name.basics': parseNameBasics,
  'title.basics': parseTitleBasics,
  'title.ratings': parseTitleRatings,
  'title.principals': parseTitlePrincipals,
  'title.crew': parseTitleCrew,
} as const;

/**
 * One title.crew line becomes several credits. A line counts as inserted when any of its credits
 * was new, updated when any changed, unchanged otherwise, and rejected when one of its people is
 * unknown (its other credits are still written).
 */
async function writeCrew(
  people: Pick<PeopleImportStore, 'upsertCredits'>,
  batch: { line: number; value: ReturnType<typeof parseTitleCrew> }[],
): Promise<BatchOutcome> {
  const credits: ImportedCredit[] = batch.flatMap(({ line, value }) => [
    ...value.directors.map((personId) => ({ line, movieId: value.movieId, personId, role: 'DIRECTOR' as const, characters: [], billingOrder: null })),
    ...value.writers.map((personId) => ({ line, movieId: value.movieId, personId, role: 'WRITER' as const, characters: [], billingOrder: null })),
  ]);
  const result = await people.upsertCredits(credits, 'crew', { trackLines: true });
  const reasons = new Map<number, string>();
  for (const { line, reason } of result.rejected) reasons.set(line, reason);
  for (const { line, by } of result.superseded) {
    if (line !== by) reasons.set(line, `duplicate tconst: line ${by} has the same title's crew and is the one written`);
  }
  const inserted = new Set(result.insertedLines);
  const updated = new Set(result.updatedLines);
  const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, rejected: [...reasons].map(([line, reason]) => ({ line, reason })) };
  for (const { line } of batch) {
    if (reasons.has(line)) continue;
    if (inserted.has(line)) outcome.inserted += 1;
    else if (updated.has(line)) outcome.updated += 1;
    else outcome.unchanged += 1;
  }
  return { ...outcome, also: { credits: countsOf(result) } };
}
