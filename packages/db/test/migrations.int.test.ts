import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, DisposalStack } from '@marquee/testing';
import { createPgExecutor } from '../src/pgExecutor.ts';
import { migrateDatabase } from '../src/index.ts';
import { expectMigrationsMatchSchema } from './migrationsMatchSchema.ts';

const stack = new DisposalStack();
let url: string;
beforeAll(async () => {
  const database = await createTestDatabase({ migrate: false });
  stack.defer(() => database.dispose());
  url = database.url;
});
afterAll(() => stack.disposeAll());

describe('migrations on PostgreSQL', () => {
  it('apply once, then report nothing to do, and match schema.prisma', async () => {
    const first = await migrateDatabase(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await migrateDatabase(url)).toEqual({ applied: [] });
    const sql = createPgExecutor(new pg.Pool({ connectionString: url, max: 1 }));
    stack.defer(() => sql.close());
    await expectMigrationsMatchSchema(sql);
  });

  it('serialise concurrent migrators so each migration is applied exactly once', async () => {
    const database = await createTestDatabase({ migrate: false });
    stack.defer(() => database.dispose());
    const results = await Promise.all([
      migrateDatabase(database.url),
      migrateDatabase(database.url),
      migrateDatabase(database.url),
    ]);
    const applied = results.flatMap((r) => r.applied);
    expect(new Set(applied).size).toBe(applied.length);
    expect(applied.length).toBeGreaterThan(0);
  });
});
