import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';

describe('openDatabase onQuery on PGlite', () => {
  it(
    'reports the statements of Prisma, the raw executor and transactions',
    { timeout: 60_000 },
    async () => {
      const seen: string[] = [];
      const db = await openDatabase(
        { kind: 'pglite', dataDir: undefined },
        { onQuery: ({ sql }) => seen.push(sql) },
      );
      try {
        seen.length = 0;
        await db.prisma.movie.findMany({ where: { id: { in: ['a', 'b'] } } });
        await db.sql.query('SELECT 1 AS one');
        await db.sql.transaction(async (tx) => {
          await tx.query('SELECT 2 AS two');
        });
        expect(seen.filter((sql) => sql.includes('"movies"."movie"'))).toHaveLength(1);
        expect(seen).toContain('SELECT 1 AS one');
        expect(seen).toContain('SELECT 2 AS two');
      } finally {
        await db.close();
      }
    },
  );
});
