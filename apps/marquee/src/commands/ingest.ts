import { resolve } from 'node:path';
import type { Database } from '@marquee/db';
import { loadEnv } from '@marquee/env';
import { recordIngestionRun } from '@marquee/movies/import';
import type { IngestSource } from './arguments.ts';
import {
  announceCatalogChange,
  announceNewMovies,
  announceThroughOutbox,
  announcementStart,
  insertedMovies,
} from '../ingest/announce.ts';
import { requireDirectory } from '../errorReport.ts';
import { checkBackends } from '@marquee/server-kit/serve';
import { documentStoreFor, openRelationalDatabase } from '@marquee/server-kit/stores';
import {
  barProgress,
  formatSummary,
  ingestImdb,
  ingestMovielens,
  logProgress,
  type BulkMode,
  type IngestSummary,
} from '../ingest/index.ts';

export type { IngestSource } from './arguments.ts';

export interface IngestCommandOptions {
  rejects?: string;
  json: boolean;
  batchSize?: number;
  bulk: BulkMode;
}

/**
 * Streams a source directory into the stores the environment points at (migrating first, like
 * `seed`). Progress goes to stderr (a bar on a terminal, a line every 5 s otherwise); the summary
 * to stdout. Rejected rows never fail the run, nor does a file that cannot be read to its end (a
 * truncated .gz: a warning on stderr, exit 0): only something fatal exits non-zero. A run that
 * inserted films announces them in one `catalog.moviesAdded` event (see ingest/announce.ts).
 */
export async function ingestCommand(
  source: IngestSource,
  dir: string,
  options: IngestCommandOptions,
): Promise<void> {
  const env = loadEnv();
  await requireDirectory(dir);
  await checkBackends(env);
  const db = await openRelationalDatabase(env, { command: 'marquee ingest', migrate: true });
  let summary: IngestSummary;
  const documents = documentStoreFor(env, db);
  const startedAt = new Date();
  try {
    const since = await announcementStart(db);
    const ingestOptions = {
      progress: process.stderr.isTTY ? barProgress() : logProgress(),
      ...(options.rejects === undefined ? {} : { rejectsDir: resolve(options.rejects) }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      bulk: options.bulk,
      documents,
    };
    summary =
      source === 'imdb'
        ? await ingestImdb(dir, db, ingestOptions)
        : await ingestMovielens(dir, db, ingestOptions);
    summary.announcedMovies = insertedMovies(summary) ? await announce(db, since, summary) : 0;
    await announceChange(db, summary);
    await recordRun(db, startedAt, summary);
  } finally {
    await documents.close().catch(() => undefined);
    await db.close();
  }
  console.log(options.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
  // Partial input is a warning, not a failure: what could be read is loaded, the rest is named.
  for (const file of summary.files) {
    if (file.unreadable !== undefined)
      process.stderr.write(
        `warning: ${file.file} was read only in part: ${file.unreadable.reason}\n`,
      );
  }
}

/**
 * Records the run for `catalogueStats` in the catalogue's own table. The data is loaded whether
 * or not the record is written, so a failure is reported, not fatal.
 */
async function recordRun(db: Database, startedAt: Date, summary: IngestSummary): Promise<void> {
  try {
    await recordIngestionRun(db, {
      source: summary.source,
      mode: summary.mode,
      startedAt,
      summary,
    });
  } catch (error) {
    process.stderr.write(
      `Could not record the run for catalogueStats: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}

/**
 * Announces that the run changed the catalogue (`catalog.changed`, see ingest/announce.ts), so
 * the routers' entity caches drop it. Reported, not fatal: the cached entities expire anyway.
 */
async function announceChange(db: Database, summary: IngestSummary): Promise<void> {
  try {
    await announceCatalogChange(db, summary);
  } catch (error) {
    process.stderr.write(
      `Could not announce the change on catalog.changed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}

/**
 * Announces the run's new films through the catalogue's outbox in the database just loaded (see
 * ingest/announce.ts): the movies subgraph relays it to the event stream, now if it runs, or when
 * it starts. A failure to announce is reported and does not fail the run; the recommender still
 * reloads the catalogue on its periodic check.
 */
async function announce(db: Database, since: string, summary: IngestSummary): Promise<number> {
  try {
    return await announceNewMovies(db, announceThroughOutbox(db), since, summary);
  } catch (error) {
    process.stderr.write(
      `Could not announce the new films on catalog.moviesAdded: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 0;
  }
}
