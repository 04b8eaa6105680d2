import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { SqlExecutor } from '../src/sql.ts';
import { readCatalog } from './catalog.ts';
import { readExpectedSchema } from './schemaModel.ts';

export const schemaPath = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));

/** Asserts that a migrated database has exactly the tables, columns and enums schema.prisma declares. */
export async function expectMigrationsMatchSchema(sql: SqlExecutor): Promise<void> {
  const expected = await readExpectedSchema(schemaPath);
  const schemas = [...new Set(expected.tables.map((t) => t.schema))];
  const actual = await readCatalog(sql, schemas);
  const sortTables = (tables: { schema: string; table: string; columns: { column: string }[] }[]) =>
    tables
      .map((t) => ({
        ...t,
        columns: [...t.columns].sort((a, b) => a.column.localeCompare(b.column)),
      }))
      .sort((a, b) => `${a.schema}.${a.table}`.localeCompare(`${b.schema}.${b.table}`));
  expect(sortTables(actual.tables)).toEqual(sortTables(expected.tables));
  expect([...actual.enums].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
    [...expected.enums].sort((a, b) => a.name.localeCompare(b.name)),
  );
}
