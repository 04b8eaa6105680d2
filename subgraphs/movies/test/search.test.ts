import { openDatabase } from '@marquee/db';
import { describeTitleSearch } from './searchSuite.ts';

// PGlite with the same extensions (pg_trgm, unaccent) and migrations as PostgreSQL.
describeTitleSearch(async () => {
  const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  return { db, dispose: () => db.close() };
});
