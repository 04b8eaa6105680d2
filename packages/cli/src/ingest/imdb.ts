import { resolve } from 'node:path';
import type { Database } from '@marquee/db';
import type { ImportedCredit, PeopleImportStore } from '@marquee/people';
import { findFile, importStores, IngestError, rejectsWriter, type IngestOptions } from './context.ts';
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
import { countsOf, outcomeOf, runFile, type BatchOutcome, type FileJob } from './runFile.ts';
import type { IngestSummary } from './summary.ts';

/**
 * Loads IMDb's non-commercial TSVs from `dir` (`<name>.tsv` or `<name>.tsv.gz`), people first so
 * credits can refer to them. Every title type is kept (`kind` = titleType). Missing files are
 * skipped; a directory with none of them is an error.
 */
export async function ingestImdb(dir: string, db: Database, options: IngestOptions): Promise<IngestSummary> {
  const startedAt = performance.now();
  const stores = importStores(db);
  const paths = new Map<ImdbFile, string>();
  for (const name of imdbFiles) {
    const path = await findFile(dir, [`${name}.tsv.gz`, `${name}.tsv`]);
    if (path !== undefined) paths.set(name, path);
  }
  if (paths.size === 0) {
    throw new IngestError(`No IMDb files in ${dir}: expected ${imdbFiles.map((name) => `${name}.tsv[.gz]`).join(', ')}.`);
  }
  const rejects = rejectsWriter(dir, options);
  const context = { progress: options.progress, rejects };
  const common = { split: splitTsv, ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) };

  const jobs: { [F in ImdbFile]: Omit<FileJob<ReturnType<(typeof parsers)[F]>>, 'path'> } = {
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
        const items = await stores.interactions.upsertItems(batch.map(({ line, value }) => ({ line, movieId: value.id, genres: value.genres, year: value.year })));
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

  const files = [];
  try {
    for (const [name, path] of paths) {
      // The mapped type pairs each file with its own parser; TypeScript cannot follow the key through the loop.
      files.push(await runFile({ ...(jobs[name] as FileJob<unknown>), path }, context));
    }
  } finally {
    await rejects.close();
  }
  return { source: 'imdb', dir: resolve(dir), files, seconds: (performance.now() - startedAt) / 1000 };
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
  people: PeopleImportStore,
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
