import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations, openDatabase, type Database } from '../src/index.ts';
import { expectMigrationsMatchSchema } from './migrationsMatchSchema.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
});
afterAll(() => db.close());

describe('migrations on the embedded database (PGlite)', () => {
  it('produce exactly the tables, columns and enums schema.prisma declares', async () => {
    await expectMigrationsMatchSchema(db.sql);
  });

  it('are recorded in _prisma_migrations the way Prisma records them, and re-running applies nothing', async () => {
    const rows = await db.sql.query<{
      migration_name: string;
      checksum: string;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const files = await loadMigrations();
    expect(rows).toEqual(
      files.map((m) => ({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1 })),
    );
    expect(await applyMigrations(db.sql)).toEqual({ applied: [] });
  });

  it('refuse to run when an applied migration file was edited afterwards', async () => {
    const files = await loadMigrations();
    const edited = files.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(applyMigrations(db.sql, edited)).rejects.toThrow(
      /was modified after it was applied/,
    );
  });
});
