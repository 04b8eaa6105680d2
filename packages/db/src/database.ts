import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.ts';
import { applyMigrations } from './migrate.ts';
import { createPgExecutor } from './pgExecutor.ts';
import { createPGliteExecutor } from './pgliteExecutor.ts';
import type { SqlExecutor } from './sql.ts';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize?: number }
  /** Embedded PostgreSQL (PGlite); `dataDir` undefined keeps it in memory (tests). */
  | { kind: 'pglite'; dataDir: string | undefined };

export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly prisma: PrismaClient;
  readonly sql: SqlExecutor;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations on open. Defaults to true for PGlite, false for PostgreSQL,
   * where `marquee migrate` (or the compose `migrate` service) owns schema changes. */
  migrate?: boolean;
}

/** Opens the relational store once per process; every subgraph receives it (STYLE §5). */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    const sql = createPgExecutor(pool);
    if (options.migrate === true) await applyMigrations(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.url, max: config.poolSize ?? 10 }) });
    return {
      kind: 'postgres',
      prisma,
      sql,
      async close() {
        await prisma.$disconnect();
        await sql.close();
      },
    };
  }
  // PGlite creates its own folder but not the folders above it (a fresh MARQUEE_DATA_DIR).
  if (config.dataDir !== undefined) await mkdir(dirname(config.dataDir), { recursive: true });
  const lite = await PGlite.create(config.dataDir ?? 'memory://', { extensions: { pg_trgm } });
  const sql = createPGliteExecutor(lite);
  if (options.migrate ?? true) await applyMigrations(sql);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    kind: 'pglite',
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}
