import { afterAll } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { analyticsSuite } from './analyticsSuite.ts';

// The embedded default: the same migrations and triggers on PGlite.
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});
analyticsSuite(async () => {
  const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  opened.push(db);
  return db;
});
