import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { DisposalStack } from '@marquee/testing';
import { ingestImdb, IngestError, silentProgress } from '../src/ingest/index.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

let db: Database;
let dir: string;

beforeAll(async () => {
  db = stack.adopt(await openDatabase({ kind: 'pglite', dataDir: undefined }), (opened) =>
    opened.close(),
  );
  dir = await mkdtemp(join(tmpdir(), 'marquee-ingest-pglite-'));
  stack.defer(() => rm(dir, { recursive: true, force: true }));
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'title.basics.tsv'),
    'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n' +
      'tt0111161\tmovie\tThe Shawshank Redemption\tThe Shawshank Redemption\t0\t1994\t\\N\t142\tDrama\n',
  );
});

describe('bulk initial load on the embedded database (PGlite)', () => {
  it('refuses --bulk on: the bulk path needs PostgreSQL', async () => {
    const before = await db.sql.query('SELECT count(*)::int AS n FROM movies.movie');
    await expect(ingestImdb(dir, db, { progress: silentProgress, bulk: 'on' })).rejects.toThrow(
      IngestError,
    );
    expect(await db.sql.query('SELECT count(*)::int AS n FROM movies.movie')).toEqual(before);
  });

  it('loads empty tables incrementally under --bulk auto', async () => {
    const summary = await ingestImdb(dir, db, { progress: silentProgress });
    expect(summary.mode).toBe('incremental');
    expect(summary.files).toMatchObject([{ file: 'title.basics.tsv', read: 1, inserted: 1 }]);
  });
});
