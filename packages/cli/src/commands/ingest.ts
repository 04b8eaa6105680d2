import { join, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { Redis } from 'ioredis';
import { openDatabase } from '@marquee/db';
import { loadEnv, type Env } from '@marquee/env';
import { createMemoryPubSub, createRedisPubSub, type MarqueeTopics, type PubSub } from '@marquee/pubsub';
import { announceNewMovies, announcementStart } from '../ingest/announce.ts';
import { documentStoreFor } from '../runtime/stores.ts';
import { barProgress, bulkModes, formatSummary, ingestImdb, ingestMovielens, logProgress, type BulkMode, type IngestSummary } from '../ingest/index.ts';

export type IngestSource = 'imdb' | 'movielens';

export function parseIngestSource(value: string): IngestSource {
  if (value === 'imdb' || value === 'movielens') return value;
  throw new InvalidArgumentError('Expected imdb or movielens.');
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return number;
}

export function parseBulkMode(value: string): BulkMode {
  const mode = bulkModes.find((candidate) => candidate === value);
  if (mode === undefined) throw new InvalidArgumentError(`Expected ${bulkModes.join(', ')}.`);
  return mode;
}

export interface IngestCommandOptions {
  rejects?: string;
  json: boolean;
  batchSize?: number;
  bulk: BulkMode;
}

/**
 * Where the run's new films are announced: the services' Redis (REDIS_URL, REDIS_PREFIX), or the
 * in-process pubsub of embedded mode, where nothing else listens.
 */
function openAnnouncements(env: Env): { pubsub: PubSub<MarqueeTopics>; close(): Promise<void> } {
  if (env.REDIS_URL === undefined) {
    const pubsub = createMemoryPubSub<MarqueeTopics>();
    return { pubsub, close: () => pubsub.close() };
  }
  const publisher = new Redis(env.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 3 });
  // Connection errors surface as the publish's failure, reported once.
  publisher.on('error', () => undefined);
  // Never subscribed, so never connected: a pubsub still needs a subscriber connection of its own.
  const subscriber = new Redis(env.REDIS_URL, { lazyConnect: true });
  const pubsub = createRedisPubSub<MarqueeTopics>({ publisher, subscriber, prefix: env.REDIS_PREFIX });
  return {
    pubsub,
    async close() {
      await pubsub.close();
      await publisher.quit();
      subscriber.disconnect();
    },
  };
}

/**
 * Streams a source directory into the stores the environment points at (migrating first, like
 * `seed`). Progress goes to stderr (a bar on a terminal, a line every 5 s otherwise); the summary
 * to stdout. Rejected rows never fail the run: only something fatal exits non-zero. A run that
 * inserted films announces them in one `catalog.moviesAdded` event (see ingest/announce.ts).
 */
export async function ingestCommand(source: IngestSource, dir: string, options: IngestCommandOptions): Promise<void> {
  const env = loadEnv();
  const db =
    env.DATABASE_URL === undefined
      ? await openDatabase({ kind: 'pglite', dataDir: join(resolve(env.MARQUEE_DATA_DIR), 'pgdata') })
      : await openDatabase({ kind: 'postgres', url: env.DATABASE_URL }, { migrate: true });
  let summary: IngestSummary;
  const announcements = openAnnouncements(env);
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
    summary = source === 'imdb' ? await ingestImdb(dir, db, ingestOptions) : await ingestMovielens(dir, db, ingestOptions);
    try {
      summary.announcedMovies = await announceNewMovies(db, announcements.pubsub, since, summary);
    } catch (error) {
      // The rows are in: a pubsub that cannot be reached costs the announcement, not the run
      // (Redis pub/sub delivers nothing to a subscriber that is not connected either).
      summary.announcedMovies = 0;
      process.stderr.write(`Could not announce the new films on catalog.moviesAdded: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  } finally {
    await announcements.close().catch(() => undefined);
    await documents.close().catch(() => undefined);
    await db.close();
  }
  console.log(options.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
}
