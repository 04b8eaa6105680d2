import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  DisposalStack,
  createTestDatabase,
  createTestMongoDatabase,
  createTestRedisPrefix,
} from '../src/index.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

async function connectPg(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return stack.adopt(client, (opened) => opened.end());
}

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: inject('testDatabaseUrl') });
  await admin.connect();
  try {
    const result = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe('test PostgreSQL server', () => {
  it('answers a query over TCP', async () => {
    const client = await connectPg(inject('testDatabaseUrl'));
    const result = await client.query<{ one: number }>('SELECT 1 AS one');
    expect(result.rows).toEqual([{ one: 1 }]);
  });

  it('exports the server URL to child processes as TEST_DATABASE_URL', () => {
    expect(process.env.TEST_DATABASE_URL).toBe(inject('testDatabaseUrl'));
    expect(process.env.TEST_REDIS_URL).toBe(inject('testRedisUrl'));
    expect(process.env.TEST_MONGO_URL).toBe(inject('testMongoUrl'));
  });

  it('gives each createTestDatabase call an isolated database and drops it on dispose', async () => {
    const first = await createTestDatabase({ migrate: false });
    stack.defer(() => first.dispose());
    const second = await createTestDatabase({ migrate: false });
    stack.defer(() => second.dispose());
    expect(first.name).toMatch(/^marquee_test_[0-9a-f]{12}$/);
    expect(second.name).not.toBe(first.name);

    const inFirst = await connectPg(first.url);
    await inFirst.query('CREATE TABLE probe (id int PRIMARY KEY)');
    await inFirst.query('INSERT INTO probe VALUES (1)');
    const inSecond = await connectPg(second.url);
    const tables = await inSecond.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'probe'",
    );
    expect(tables.rowCount).toBe(0);

    // inFirst is still connected: dispose must end that session rather than wait for it.
    // (pg then reports the closed socket as a second error, hence `on`.)
    const sessionErrors: unknown[] = [];
    const terminated = new Promise<void>((resolve) =>
      inFirst.on('error', (error) => {
        sessionErrors.push(error);
        resolve();
      }),
    );
    await first.dispose();
    await terminated;
    expect(sessionErrors[0]).toMatchObject({ code: '57P01' }); // admin_shutdown
    expect(await databaseExists(first.name)).toBe(false);
    expect(await databaseExists(second.name)).toBe(true);
  });
});

describe('createTestDatabase', () => {
  it("applies the project's migrations by default, recorded as Prisma records them", async () => {
    const database = await createTestDatabase();
    stack.defer(() => database.dispose());
    const client = await connectPg(database.url);
    const applied = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    expect(applied.rows.length).toBeGreaterThan(0);
    expect(applied.rows.every((row) => /^\d{14}_\w+$/.test(row.migration_name))).toBe(true);
  });
});

describe('test Redis server', () => {
  it('answers PING and keeps keys under a per-file prefix', async () => {
    const prefix = createTestRedisPrefix();
    expect(prefix).toMatch(/^test:[0-9a-f]{12}:$/);
    expect(createTestRedisPrefix()).not.toBe(prefix);

    const redis = stack.adopt(new Redis(inject('testRedisUrl'), { keyPrefix: prefix }), (client) =>
      client.quit(),
    );
    expect(await redis.ping()).toBe('PONG');
    await redis.set('greeting', 'hello');
    expect(await redis.get('greeting')).toBe('hello');

    const plain = stack.adopt(new Redis(inject('testRedisUrl')), (client) => client.quit());
    expect(await plain.get(`${prefix}greeting`)).toBe('hello');
  });
});

describe('test FerretDB server', () => {
  it('stores and finds documents in a per-file database that dispose drops', async () => {
    const database = await createTestMongoDatabase();
    stack.defer(() => database.dispose());
    expect(database.url).toMatch(new RegExp(`/${database.dbName}$`));

    const client = stack.adopt(new MongoClient(database.url), (opened) => opened.close());
    const movies = client.db().collection<{ title: string; year: number }>('movies');
    await movies.insertMany([
      { title: 'Alien', year: 1979 },
      { title: 'Aliens', year: 1986 },
    ]);
    const found = await movies.find({ year: { $gt: 1980 } }, { projection: { _id: 0 } }).toArray();
    expect(found).toEqual([{ title: 'Aliens', year: 1986 }]);

    const listDatabases = async () =>
      (await client.db('admin').admin().listDatabases()).databases.map((entry) => entry.name);
    expect(await listDatabases()).toContain(database.dbName);
    await database.dispose();
    expect(await listDatabases()).not.toContain(database.dbName);
  });
});
