import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { recoverInterruptedBulkLoad } from './bulkLoad.ts';
import { createPgExecutor } from './pgExecutor.ts';
import type { SqlExecutor } from './sql.ts';

/** prisma/migrations at the repository root: the same files `prisma migrate deploy` applies. */
export const migrationsDir = fileURLToPath(new URL('../../../prisma/migrations/', import.meta.url));

/** Arbitrary constant: serialises concurrent migrators (several replicas starting at once). */
const MIGRATION_LOCK_KEY = 72_616_873;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(`${dir}/${name}/migration.sql`, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

// The table Prisma Migrate keeps, created exactly as Prisma does, so `prisma migrate deploy`
// and `prisma migrate status` agree with this runner about what has been applied.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, each in its own transaction.
 * A recorded migration whose file changed since is an error, as it is for Prisma.
 */
export async function applyMigrations(
  sql: SqlExecutor,
  migrations?: readonly Migration[],
): Promise<{ applied: string[] }> {
  const all = migrations ?? (await loadMigrations());
  return sql.transaction(async (tx) => {
    // Transaction-scoped lock: released at commit, so no connection is left holding it.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    // Before anything else: recreate the indexes and constraints a bulk load dropped and did not
    // live to recreate (a pending migration may rely on them).
    await recoverInterruptedBulkLoad(tx);
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await tx.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const applied: string[] = [];
    for (const migration of all) {
      const recorded = done.get(migration.name);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was modified after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      applied.push(migration.name);
    }
    return { applied };
  });
}

/** Applies the migrations to the PostgreSQL database at `url` (used by the CLI and tests). */
export async function migrateDatabase(url: string): Promise<{ applied: string[] }> {
  const executor = createPgExecutor(new pg.Pool({ connectionString: url, max: 1 }));
  try {
    return await applyMigrations(executor);
  } finally {
    await executor.close();
  }
}
