import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, RestoreOptions } from '@marquee/db';
import {
  createLazyDocumentStore,
  createSqlDocumentStore,
  type DocumentStore,
} from '@marquee/documents';
import { UserError } from '@marquee/errors';
import { createMovieImportStore, type MovieImportStore } from '@marquee/movies/import';
import { createPeopleImportStore, type PeopleImportStore } from '@marquee/people/import';
import {
  createInteractionImportStore,
  type InteractionImportStore,
} from '@marquee/recommendations/import';
import { createRatingImportStore, type RatingImportStore } from '@marquee/reviews/import';
import { createUserImportStore, type UserImportStore } from '@marquee/users/import';
import type { Progress } from './progress.ts';
import { RejectsWriter } from './rejects.ts';

export interface IngestOptions {
  /** Where rejected lines go (default `<dir>/rejects`). */
  rejectsDir?: string;
  progress: Progress;
  /** Rows per COPY batch (default 10,000). */
  batchSize?: number;
  /**
   * `auto` (default): a bulk initial load when the database is PostgreSQL and the target tables
   * are empty, else incremental upserts; `on`: bulk or fail; `off`: always incremental.
   */
  bulk?: 'auto' | 'on' | 'off';
  /** Bulk load: how its index rebuilds run (memory per build) and a report of each (benchmark). */
  restore?: RestoreOptions;
  /** Where movie documents go (MongoDB in services mode); default: the JSONB document store on `db`. */
  documents?: DocumentStore;
}

/** Each subgraph's data goes through that subgraph's own import store. */
export interface ImportStores {
  movies: MovieImportStore;
  people: PeopleImportStore;
  users: UserImportStore;
  ratings: RatingImportStore;
  interactions: InteractionImportStore;
}

export function importStores(
  db: Database,
  options: Pick<IngestOptions, 'documents'>,
): ImportStores {
  // Without a document store given (tests, the benchmark), the one the embedded default uses.
  const documents =
    options.documents ?? createLazyDocumentStore(() => createSqlDocumentStore(db.sql));
  return {
    movies: createMovieImportStore(db, documents),
    people: createPeopleImportStore(db),
    users: createUserImportStore(db),
    ratings: createRatingImportStore(db),
    interactions: createInteractionImportStore(db),
  };
}

export function rejectsWriter(dir: string, options: IngestOptions): RejectsWriter {
  return new RejectsWriter(options.rejectsDir ?? join(dir, 'rejects'));
}

/** The first of `names` that exists in `dir`, or undefined. */
export async function findFile(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    const path = join(dir, name);
    try {
      await access(path);
      return path;
    } catch {
      // Try the next spelling.
    }
  }
  return undefined;
}

/** A failure that stops the whole run (missing input, unreachable database): exit code 1. */
export class IngestError extends UserError {
  override readonly name = 'IngestError';
}
