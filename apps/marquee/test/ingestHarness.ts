import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { createTestDatabase, DisposalStack } from '@marquee/testing';

export interface IngestHarness {
  /** Disposed after the file's tests: databases, connections, the work folder. */
  readonly stack: DisposalStack;
  /** A path in this file's work folder (input files, rejects), deleted afterwards. */
  inWork: (...parts: string[]) => string;
  /** A migrated database of its own on the test server, so no test depends on another's writes. */
  freshDatabase: () => Promise<{ db: Database; url: string }>;
}

/** The setup every ingestion integration file shares; registers its own beforeAll/afterAll. */
export function ingestHarness(name: string): IngestHarness {
  const stack = new DisposalStack();
  let work: string | undefined;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), `marquee-${name}-`));
    work = dir;
    stack.defer(() => rm(dir, { recursive: true, force: true }));
  });
  afterAll(() => stack.disposeAll());
  return {
    stack,
    inWork: (...parts) => {
      if (work === undefined) throw new Error('The work folder exists once beforeAll has run.');
      return join(work, ...parts);
    },
    freshDatabase: async () => {
      const database = await createTestDatabase();
      stack.defer(() => database.dispose());
      const db = stack.adopt(
        await openDatabase({ kind: 'postgres', url: database.url }),
        (opened) => opened.close(),
      );
      return { db, url: database.url };
    },
  };
}

/** File text from lines, newline-terminated. */
export const lines = (...rows: string[]) => `${rows.join('\n')}\n`;
