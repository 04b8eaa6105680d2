import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulkUpsert,
  encodeCopyValue,
  openDatabase,
  type BulkTarget,
  type Database,
} from '../src/index.ts';

const target: BulkTarget = {
  table: 'movies.movie',
  key: ['id'],
  columns: [
    { name: 'id', type: 'text' },
    { name: 'title', type: 'text' },
    { name: 'year', type: 'integer', onConflict: 'fillMissing' },
    { name: 'genres', type: 'text[]' },
  ],
  touch: 'updated_at',
};

describe('bulkUpsert on PGlite', () => {
  let db: Database;
  // Migrating an in-memory PGlite takes seconds on a busy 2-core machine.
  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  }, 60_000);
  afterAll(() => db.close());

  it('encodes tabs, newlines, backslashes, nulls and arrays in COPY text format', () => {
    expect(encodeCopyValue('a\tb\nc\\d')).toBe('a\\tb\\nc\\\\d');
    expect(encodeCopyValue(null)).toBe('\\N');
    expect(encodeCopyValue(['Sci-Fi', 'say "hi"'])).toBe('{"Sci-Fi","say \\\\"hi\\\\""}');
  });

  it('counts inserts, then nothing on a re-run, then only the rows that changed', async () => {
    const rows = [
      { line: 2, values: ['x1', 'Tab\there', null, ['Drama', 'Back\\slash']] },
      { line: 3, values: ['x2', 'Two', 1999, []] },
    ];
    expect(await bulkUpsert(db.sql, target, rows)).toMatchObject({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await bulkUpsert(db.sql, target, rows)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    const changed = await bulkUpsert(db.sql, target, [
      { line: 2, values: ['x1', 'Tab\there', 2001, ['Drama', 'Back\\slash']] },
      { line: 3, values: ['x2', 'Two', 1850, []] },
    ]);
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const stored = await db.sql.query(
      'SELECT id, title, year, genres FROM movies.movie WHERE id IN ($1, $2) ORDER BY id',
      ['x1', 'x2'],
    );
    expect(stored).toEqual([
      { id: 'x1', title: 'Tab\there', year: 2001, genres: ['Drama', 'Back\\slash'] },
      { id: 'x2', title: 'Two', year: 1999, genres: [] },
    ]);
  });

  it('keeps the last of several rows with one key and reports the superseded line', async () => {
    const result = await bulkUpsert(db.sql, target, [
      { line: 5, values: ['dup', 'First', null, []] },
      { line: 9, values: ['dup', 'Second', null, []] },
    ]);
    expect(result.superseded).toEqual([{ line: 5, by: 9 }]);
    expect(result.inserted).toBe(1);
    expect(await db.sql.query('SELECT title FROM movies.movie WHERE id = $1', ['dup'])).toEqual([
      { title: 'Second' },
    ]);
  });
});
