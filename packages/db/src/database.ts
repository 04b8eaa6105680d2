import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { observePoolUse } from '@marquee/telemetry';
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
  /**
   * Embedded PostgreSQL (PGlite); `dataDir` undefined keeps it in memory (tests). On disk this
   * takes no lock: a data directory other processes may open goes through openEmbeddedDatabase.
   */
  | { kind: 'pglite'; dataDir: string | undefined };

export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly prisma: PrismaClient;
  readonly sql: SqlExecutor;
  close(): Promise<void>;
}

/** One statement sent to the database driver (Prisma's and raw SQL alike). */
export interface QueryEvent {
  sql: string;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations on open. Defaults to true for PGlite, false for PostgreSQL,
   * where `marquee migrate` (or the compose `migrate` service) owns schema changes. */
  migrate?: boolean;
  /**
   * Called for every statement that reaches the driver — Prisma's and the raw executor's — so
   * tests and benchmarks can count database round trips. Off unless given.
   */
  onQuery?: (event: QueryEvent) => void;
}

type QueryObserver = (event: QueryEvent) => void;

/** Reports every statement a pooled connection sends (`pool.query` goes through one as well). */
function observePool(pool: pg.Pool, onQuery: QueryObserver): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // node-postgres' `query` is heavily overloaded; the wrapper forwards every form untouched.
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [first] = args;
      const text =
        typeof first === 'string' ? first : ((first as { text?: unknown } | null)?.text ?? '');
      onQuery({ sql: typeof text === 'string' ? text : '' });
      return query(...args);
    };
  });
}

function observeQueries<Target extends Pick<PGlite, 'query' | 'exec'> | Transaction>(
  target: Target,
  onQuery: QueryObserver,
): Target {
  const query = target.query.bind(target);
  const exec = target.exec.bind(target);
  target.query = (text, params, options) => {
    onQuery({ sql: text });
    return query(text, params, options);
  };
  target.exec = (text, options) => {
    onQuery({ sql: text });
    return exec(text, options);
  };
  return target;
}

/** Reports every statement PGlite runs, inside transactions too (Prisma's adapter uses all three). */
function observePGlite(lite: PGlite, onQuery: QueryObserver): void {
  observeQueries(lite, onQuery);
  const transaction = lite.transaction.bind(lite);
  lite.transaction = (callback) => transaction((tx) => callback(observeQueries(tx, onQuery)));
}

/** Opens the relational store once per process (one pool, and PGlite allows one owner); every subgraph receives it. */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if (config.kind === 'postgres') {
    return openPool(
      new pg.Pool({
        connectionString: config.url,
        max: config.poolSize ?? 10,
        // Without a bound, a connection attempt the server never answers (a restart caught
        // mid-handshake) holds its pool slot, and every query queued behind it, for ever: health
        // checks then report the database down long after it is back. Waiting for a free slot
        // counts too, so the bound sits well above a busy pool's queueing (seconds).
        connectionTimeoutMillis: 15_000,
        // Dead peers (a failed-over server, a dropped NAT entry) are noticed instead of hanging.
        keepAlive: true,
      }),
      'postgres',
      {
        ...options,
        migrate: options.migrate ?? false,
      },
    );
  }
  // PGlite creates its own folder but not the folders above it (a fresh MARQUEE_DATA_DIR).
  if (config.dataDir !== undefined) await mkdir(dirname(config.dataDir), { recursive: true });
  return (await openPGlite(config.dataDir, options)).database;
}

/**
 * A node-postgres pool as a Database: a PostgreSQL server, or (kind `pglite`) the embedded
 * database of another process reached through its socket. One pool for Prisma and raw SQL: one
 * connection budget, one place to observe queries.
 */
export async function openPool(
  pool: pg.Pool,
  kind: Database['kind'],
  options: OpenDatabaseOptions & { migrate: boolean },
): Promise<Database> {
  if (options.onQuery !== undefined) observePool(pool, options.onQuery);
  const sql = createPgExecutor(pool);
  try {
    if (options.migrate) await applyMigrations(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const unobserve = observePoolUse(() => ({
    inUse: pool.totalCount - pool.idleCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  }));
  return {
    kind,
    prisma,
    sql,
    async close() {
      unobserve();
      await prisma.$disconnect();
      await sql.close();
    },
  };
}

/** PGlite in this process, in memory (`dataDir` undefined) or on disk; `lite` for the embedded owner. */
export async function openPGlite(
  dataDir: string | undefined,
  options: OpenDatabaseOptions = {},
): Promise<{ database: Database; lite: PGlite }> {
  const lite = await PGlite.create(dataDir ?? 'memory://', { extensions: { pg_trgm, unaccent } });
  if (options.onQuery !== undefined) observePGlite(lite, options.onQuery);
  const sql = createPGliteExecutor(lite);
  try {
    if (options.migrate ?? true) await applyMigrations(sql);
  } catch (error) {
    await lite.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    lite,
    database: {
      kind: 'pglite',
      prisma,
      sql,
      async close() {
        await prisma.$disconnect();
        await lite.close();
      },
    },
  };
}
