import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase, relayOutbox } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { MOVIES_OUTBOX } from '@marquee/movies/import';
import {
  createRedisEventStream,
  type CatalogChangedEvent,
  type MarqueeTopics,
  type MoviesAddedEvent,
} from '@marquee/pubsub';
import { createTestDatabase, createTestRedisPrefix, runMarquee } from '@marquee/testing';
import { generateImdb } from '../src/generate/index.ts';
import type { IngestSummary } from '../src/ingest/index.ts';
import { ingestHarness } from './ingestHarness.ts';

const { stack, inWork } = ingestHarness('ingest-announce');

/**
 * A fresh database and Redis prefix, every `catalog.moviesAdded` and `catalog.changed` event
 * appended under it, and
 * `startRelay`, which drains the catalogue's outbox to the stream as the movies subgraph does.
 */
async function servicesEnvironment(): Promise<{
  env: Record<string, string>;
  events: MoviesAddedEvent[];
  changes: CatalogChangedEvent[];
  url: string;
  startRelay: () => void;
}> {
  const database = await createTestDatabase();
  stack.defer(() => database.dispose());
  const db = await openDatabase({ kind: 'postgres', url: database.url }, { migrate: true });
  stack.defer(() => db.close());
  const prefix = createTestRedisPrefix();
  const redis = stack.adopt(new Redis(inject('testRedisUrl')), (client) => client.quit());
  const stream = stack.adopt(
    createRedisEventStream<MarqueeTopics>({
      redis,
      prefix,
      blockingConnection: () =>
        stack.adopt(new Redis(inject('testRedisUrl')), (client) =>
          Promise.resolve(client.disconnect()),
        ),
    }),
    (opened) => opened.close(),
  );
  const events: MoviesAddedEvent[] = [];
  // The announcements wait in the event stream for the recommendations consumer group.
  await stream.consume('catalog.moviesAdded', 'recommendations', ({ payload }) => {
    events.push(payload);
    return Promise.resolve();
  });
  const changes: CatalogChangedEvent[] = [];
  // The routers' entity caches drop what they hold on each.
  await stream.consume('catalog.changed', 'router-entity-cache', ({ payload }) => {
    changes.push(payload);
    return Promise.resolve();
  });
  const startRelay = () => {
    const relay = relayOutbox({
      sql: db.sql,
      table: MOVIES_OUTBOX,
      stream,
      logger: createLogger({ name: 'test', level: 'silent' }),
    });
    stack.defer(() => relay.stop());
  };
  return {
    env: { DATABASE_URL: database.url, REDIS_URL: inject('testRedisUrl'), REDIS_PREFIX: prefix },
    events,
    changes,
    url: database.url,
    startRelay,
  };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ingest = async (args: string[], env: Record<string, string>) => {
  const output = await runMarquee(['ingest', ...args, '--json'], env);
  return JSON.parse(output.slice(output.indexOf('{\n'))) as IngestSummary;
};

/** Long enough for an event published before the command exited to have arrived. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('marquee ingest announces new films through the catalogue outbox', () => {
  it('publishes one catalog.moviesAdded event with the new films, newest first, and one catalog.changed, delivered once a relay runs, and neither when a second run changes nothing', async () => {
    const { env, events, changes, url, startRelay } = await servicesEnvironment();
    const dir = inWork('three');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'title.basics.tsv'),
      [
        'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres',
        'tt0111161\tmovie\tThe Shawshank Redemption\tThe Shawshank Redemption\t0\t1994\t\\N\t142\tDrama',
        'tt0068646\tmovie\tThe Godfather\tThe Godfather\t0\t1972\t\\N\t175\tCrime,Drama',
        'tt0000001\tshort\tCarmencita\tCarmencita\t0\t\\N\t\\N\t1\tDocumentary',
        'tt1375666\tmovie\tInception\tInception\t0\t2010\t\\N\t148\tAction,Sci-Fi',
        '',
      ].join('\n'),
    );
    const before = Date.now();
    const first = await ingest(['imdb', dir], env);
    expect(first.announcedMovies).toBe(4);
    // Nothing relays yet (the movies subgraph is down): the announcement waits in PostgreSQL.
    const waiting = await openDatabase({ kind: 'postgres', url });
    try {
      expect(await waiting.sql.query(`SELECT topic FROM ${MOVIES_OUTBOX} ORDER BY seq`)).toEqual([
        { topic: 'catalog.moviesAdded' },
        { topic: 'catalog.changed' },
      ]);
    } finally {
      await waiting.close();
    }
    await settle();
    expect(events).toEqual([]);
    startRelay();
    await until(() => events.length > 0);
    await settle();
    expect(events).toHaveLength(1);
    expect(events[0]?.movieIds).toEqual(['tt1375666', 'tt0111161', 'tt0068646', 'tt0000001']);
    expect(Date.parse(events[0]?.at ?? '')).toBeGreaterThanOrEqual(before);
    await until(() => changes.length > 0);
    expect(changes).toMatchObject([{ source: 'imdb', files: ['title.basics.tsv'] }]);

    const second = await ingest(['imdb', dir], env);
    expect(second.files).toMatchObject([
      { file: 'title.basics.tsv', read: 4, inserted: 0, updated: 0, unchanged: 4 },
    ]);
    expect(second.announcedMovies).toBe(0);
    await settle();
    expect(events).toHaveLength(1);
    // A run that changed nothing leaves every cache as it is.
    expect(changes).toHaveLength(1);
    // Two `marquee ingest` processes: their start alone can take seconds on a busy machine.
  }, 90_000);

  it('names at most 1,000 films, the newest by year, after a bulk load and after a run that adds films to a filled catalogue', async () => {
    const { env, events, url, startRelay } = await servicesEnvironment();
    startRelay();
    const dir = inWork('generated');
    await generateImdb(dir, { titles: 1500, seed: 3 });
    const bulk = await ingest(['imdb', dir], env);
    expect(bulk.mode).toBe('bulk');
    expect(bulk.announcedMovies).toBe(1000);
    await until(() => events.length > 0);

    const db = await openDatabase({ kind: 'postgres', url });
    try {
      const newest = await db.sql.query<{ id: string }>(
        'SELECT id FROM movies.movie ORDER BY year DESC NULLS LAST, id LIMIT 1000',
      );
      expect(events[0]?.movieIds).toEqual(newest.map((row) => row.id));

      // Two films more: only they are announced, by the incremental load this time.
      const more = inWork('more');
      await mkdir(more, { recursive: true });
      await writeFile(
        join(more, 'title.basics.tsv'),
        [
          'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres',
          'tt9000001\tmovie\tOlder\tOlder\t0\t1950\t\\N\t90\tDrama',
          'tt9000002\tmovie\tNewer\tNewer\t0\t2020\t\\N\t90\tDrama',
          '',
        ].join('\n'),
      );
      const incremental = await ingest(['imdb', more], env);
      expect(incremental.mode).toBe('incremental');
      await until(() => events.length > 1);
      await settle();
      expect(events.map((event) => event.movieIds)).toEqual([
        newest.map((row) => row.id),
        ['tt9000002', 'tt9000001'],
      ]);
    } finally {
      await db.close();
    }
  }, 90_000);
});
