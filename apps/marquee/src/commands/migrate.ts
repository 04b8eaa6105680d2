import { applyMigrations, migrateDatabase } from '@marquee/db';
import { loadEnv } from '@marquee/env';
import { checkBackends } from '@marquee/server-kit/serve';
import { openRelationalDatabase } from '@marquee/server-kit/stores';

/**
 * Applies pending migrations to DATABASE_URL, or to the embedded database when it is unset
 * (through the running server's socket if one owns the data directory).
 */
export async function migrateCommand(): Promise<void> {
  const env = loadEnv();
  if (env.DATABASE_URL !== undefined) {
    await checkBackends(env, ['DATABASE_URL']);
    const { applied } = await migrateDatabase(env.DATABASE_URL);
    report(applied);
    return;
  }
  const db = await openRelationalDatabase(env, { command: 'marquee migrate', migrate: false });
  try {
    report((await applyMigrations(db.sql)).applied);
  } finally {
    await db.close();
  }
}

function report(applied: string[]): void {
  console.log(
    applied.length === 0
      ? 'Database is up to date.'
      : `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`,
  );
}
