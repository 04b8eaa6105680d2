import { resolve } from 'node:path';
import type { Database } from '@marquee/db';
import { loadEnv, type Env } from '@marquee/env';
import type { IngestSource } from './arguments.ts';
import {
  announceNewMovies,
  announceOnStream,
  announcementStart,
  insertedMovies,
} from '../ingest/announce.ts';
import { requireDirectory } from '../errorReport.ts';
import { checkBackends } from '@marquee/server-kit/serve';
import {
  documentStoreFor,
  openEventStream,
  openPubSub,
  openRelationalDatabase,
} from '@marquee/server-kit/stores';
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
    summary.announcedMovies = insertedMovies(summary) ? await announce(env, db, since, summary) : 0;
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
 * Announces the run's new films on the services' Redis event stream (REDIS_URL, REDIS_PREFIX),
 * where they wait for a recommendations subgraph that is down, or, on the embedded database, to
 * the server that owns it (relayed through its socket; when this run owns
 * the folder itself no server is running, and the server reads the catalogue when it starts).
 * Opened only now, after the load; a failure to announce is reported and does not fail the run.
 */
async function announce(
  env: Env,
  db: Database,
  since: string,
  summary: IngestSummary,
): Promise<number> {
  let events: { close(): Promise<void> };
  let publish: Parameters<typeof announceNewMovies>[1];
  if (env.REDIS_URL === undefined) {
    const relayed = openPubSub(env, undefined, db);
    events = relayed;
    publish = (event) => relayed.pubsub.publish('catalog.moviesAdded', event);
  } else {
    const durable = openEventStream(env);
    events = durable;
    publish = announceOnStream(durable.stream);
  }
  try {
    return await announceNewMovies(db, publish, since, summary);
  } catch (error) {
    process.stderr.write(
      `Could not announce the new films on catalog.moviesAdded: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 0;
  } finally {
    await events.close().catch(() => undefined);
  }
}
