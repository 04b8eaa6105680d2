import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DisposalStack } from '@marquee/testing';
import { openDatabase } from '../src/index.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

describe('openDatabase onQuery on PostgreSQL', () => {
  it('reports every statement Prisma and the raw executor send through the shared pool', async () => {
    const database = await createTestDatabase();
    stack.defer(() => database.dispose());
    const seen: string[] = [];
    const db = await openDatabase(
      { kind: 'postgres', url: database.url, poolSize: 2 },
      { onQuery: ({ sql }) => seen.push(sql) },
    );
    stack.defer(() => db.close());
    await db.prisma.movie.findMany({ where: { id: { in: ['a', 'b'] } } });
    await db.sql.query('SELECT 1 AS one');
    await db.sql.transaction(async (tx) => {
      await tx.query('SELECT 2 AS two');
    });
    expect(seen.filter((sql) => sql.includes('"movies"."movie"'))).toHaveLength(1);
    expect(seen).toContain('SELECT 1 AS one');
    expect(seen).toEqual(expect.arrayContaining(['BEGIN', 'SELECT 2 AS two', 'COMMIT']));
  });

  it('observes nothing unless asked', async () => {
    const database = await createTestDatabase();
    stack.defer(() => database.dispose());
    const db = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 1 });
    stack.defer(() => db.close());
    expect(await db.sql.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
