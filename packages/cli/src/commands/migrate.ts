import { applyMigrations, migrateDatabase, openDatabase } from '@marquee/db';
import { loadEnv } from '@marquee/env';
import { join, resolve } from 'node:path';
import { checkBackends } from '../runtime/startupChecks.ts';

/** Applies pending migrations to DATABASE_URL, or to the embedded database when it is unset. */
export async function migrateCommand(): Promise<void> {
  const env = loadEnv();
  if (env.DATABASE_URL !== undefined) {
    await checkBackends(env, ['DATABASE_URL']);
    const { applied } = await migrateDatabase(env.DATABASE_URL);
    report(applied);
    return;
  }
  const db = await openDatabase({ kind: 'pglite', dataDir: join(resolve(env.MARQUEE_DATA_DIR), 'pgdata') }, { migrate: false });
  try {
    report((await applyMigrations(db.sql)).applied);
  } finally {
    await db.close();
  }
}

function report(applied: string[]): void {
  console.log(applied.length === 0 ? 'Database is up to date.' : `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`);
}
