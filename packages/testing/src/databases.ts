/**
 * Per-test-file throwaway resources on the servers the global setup shares: a PostgreSQL
 * database, a Redis key prefix, a Mongo database. Test files never touch each other's data, so
 * they can run in parallel and in any order. Register each `dispose` on a DisposalStack.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { inject } from 'vitest';
import type { TestServerUrls } from './providedContext.ts';

function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}

function providedServerUrl(key: keyof TestServerUrls): string {
  // Typed as always present, but undefined in projects without the global setup (unit tests).
  const url: string | undefined = inject(key);
  if (url === undefined || url === '') {
    throw new Error(
      `No test server for ${key}: the integration and e2e vitest projects start them ` +
        '(packages/testing/src/globalSetup.ts); name the file *.int.test.ts or *.e2e.test.ts.',
    );
  }
  return url;
}

/** `url` with its path (the database name) replaced, query string kept. */
function withDatabaseName(url: string, name: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(?:\/[^?#]*)?(.*)$/i.exec(url);
  if (match === null) throw new Error(`Not a server URL: ${url}`);
  return `${match[1] ?? ''}/${name}${match[2] ?? ''}`;
}

async function onPostgresServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * One statement on a deployment's database, for a test that must arrange what no API offers
 * (accounts without passwords in bulk, a film that disappears from the catalogue) or check what
 * a subgraph stored.
 */
export async function queryDatabase<Row extends Record<string, unknown>>(
  url: string,
  statement: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(statement, params)).rows;
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  /** Its name, `marquee_test_<random>`. */
  readonly name: string;
  /** Drops the database, closing any connection a test left open. */
  dispose(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Apply prisma/migrations (default true); false gives an empty database. */
  migrate?: boolean;
}

/** A fresh PostgreSQL database on the test server, migrated to the current schema by default. */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const serverUrl = providedServerUrl('testDatabaseUrl');
  // Only [a-z0-9_]: safe to quote as an identifier without escaping.
  const name = `marquee_test_${randomSuffix()}`;
  await onPostgresServer(serverUrl, `CREATE DATABASE "${name}"`);
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await onPostgresServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  const url = withDatabaseName(serverUrl, name);
  if (options.migrate !== false) {
    try {
      // Loaded on demand: @marquee/db brings the generated Prisma client, which test files that
      // want an empty database (or only Redis or Mongo) should not have to load.
      const { migrateDatabase } = await import('@marquee/db');
      await migrateDatabase(url);
    } catch (error) {
      await dispose().catch(() => undefined);
      throw error;
    }
  }
  return { url, name, dispose };
}

/** A random key prefix such as `test:1a2b3c4d5e6f:`, so test files share the Redis server safely. */
export function createTestRedisPrefix(): string {
  return `test:${randomSuffix()}:`;
}

export interface TestMongoDatabase {
  /** Server URL with the database name as its path. */
  readonly url: string;
  readonly dbName: string;
  /** Drops the database. */
  dispose(): Promise<void>;
}

/** A Mongo database name of its own on the test FerretDB (created by the first write). */
export function createTestMongoDatabase(): Promise<TestMongoDatabase> {
  const serverUrl = providedServerUrl('testMongoUrl');
  const dbName = `marquee_test_${randomSuffix()}`;
  let disposed = false;
  return Promise.resolve({
    url: withDatabaseName(serverUrl, dbName),
    dbName,
    async dispose() {
      if (disposed) return;
      disposed = true;
      const client = new MongoClient(serverUrl);
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    },
  });
}
