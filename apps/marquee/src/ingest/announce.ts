import { randomUUID } from 'node:crypto';
import { writeOutboxEvent, type Database } from '@marquee/db';
import { MOVIES_OUTBOX } from '@marquee/movies/import';
import type { CatalogChangedEvent, MoviesAddedEvent } from '@marquee/pubsub';
import type { IngestSummary } from './summary.ts';

/**
 * Announcing the films an ingestion added: one `catalog.moviesAdded` event per run, since its
 * consumers reload the whole catalogue on each. It names at most `MAX_ANNOUNCED` films, newest by
 * year first: which films are new is read back from the movies' `created_at`, so the ingestion
 * holds no list of what it inserted, whatever the input size.
 */
export const MAX_ANNOUNCED = 1000;

/** The files whose inserted lines are new films. */
const movieFiles = /^(title\.basics\.tsv(\.gz)?|movies\.csv|u\.item)$/;

/**
 * The database's clock before the run, truncated to `created_at`'s millisecond precision: every
 * film inserted afterwards has a `created_at` at or after it.
 */
export async function announcementStart(db: Database): Promise<string> {
  const [row] = await db.sql.query<{ since: string }>(
    `SELECT date_trunc('milliseconds', clock_timestamp())::text AS since`,
  );
  if (row === undefined) throw new Error('The database did not tell its time.');
  return row.since;
}

/** Whether the run inserted any film. */
export function insertedMovies(summary: IngestSummary): boolean {
  return summary.files.some((file) => movieFiles.test(file.file) && file.inserted > 0);
}

/** The ids of up to `limit` films created since `since`, newest by year first (then by id). */
export async function moviesCreatedSince(
  db: Database,
  since: string,
  limit = MAX_ANNOUNCED,
): Promise<string[]> {
  const rows = await db.sql.query<{ id: string }>(
    `SELECT id FROM movies.movie WHERE created_at >= $1::timestamptz ORDER BY year DESC NULLS LAST, id LIMIT $2`,
    [since, limit],
  );
  return rows.map((row) => row.id);
}

/** Where an announcement goes. */
export type Announce = (event: MoviesAddedEvent) => Promise<void>;

/**
 * Writes the announcement to the catalogue's outbox (`movies.event_outbox`) in the database the
 * run loaded, in services and embedded mode alike: the movies subgraph relays it to the event
 * stream, where the recommendations group takes it with acknowledgement. So it is delivered at
 * least once whatever is down when the run ends (Redis, the movies or recommendations subgraph,
 * the embedded server): it waits in PostgreSQL, then in the stream.
 */
export const announceThroughOutbox =
  (db: Database): Announce =>
  async (event) => {
    await writeOutboxEvent(db.prisma, MOVIES_OUTBOX, {
      id: randomUUID(),
      topic: 'catalog.moviesAdded',
      payload: event,
    });
  };

/**
 * Announces the run's new films, if it inserted any, as one event; returns how many ids it
 * named (0 when nothing was announced).
 */
export async function announceNewMovies(
  db: Database,
  announce: Announce,
  since: string,
  summary: IngestSummary,
): Promise<number> {
  if (!insertedMovies(summary)) return 0;
  const movieIds = await moviesCreatedSince(db, since);
  if (movieIds.length === 0) return 0;
  await announce({ movieIds, at: new Date().toISOString() });
  return movieIds.length;
}

/** The files whose lines (or the stores they fed) inserted or updated anything. */
export function changedFiles(summary: IngestSummary): string[] {
  return summary.files
    .filter(
      (file) =>
        file.inserted + file.updated > 0 ||
        Object.values(file.also).some((counts) => counts.inserted + counts.updated > 0),
    )
    .map((file) => file.file);
}

/**
 * Announces, through the catalogue's outbox like the new films, that the run changed the
 * catalogue (`catalog.changed`), so caches of it (the router's entity cache) drop what they
 * hold; returns whether it did. A run that changed nothing announces nothing.
 */
export async function announceCatalogChange(
  db: Database,
  summary: IngestSummary,
): Promise<boolean> {
  const files = changedFiles(summary);
  if (files.length === 0) return false;
  const payload: CatalogChangedEvent = {
    source: summary.source,
    files,
    at: new Date().toISOString(),
  };
  await writeOutboxEvent(db.prisma, MOVIES_OUTBOX, {
    id: randomUUID(),
    topic: 'catalog.changed',
    payload,
  });
  return true;
}
