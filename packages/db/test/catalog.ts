import type { SqlExecutor } from '../src/sql.ts';
import type { ExpectedColumn, ExpectedEnum, ExpectedTable } from './schemaModel.ts';

/** The same shapes as schemaModel.ts, read from a live database's catalog. */
export async function readCatalog(
  sql: SqlExecutor,
  schemas: readonly string[],
): Promise<{ tables: ExpectedTable[]; enums: ExpectedEnum[] }> {
  const columns = await sql.query<{
    schema: string;
    table: string;
    column: string;
    type: string;
    nullable: boolean;
  }>(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
            format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE a.attnum > 0 AND NOT a.attisdropped AND n.nspname = ANY($1::text[])
      ORDER BY 1, 2, a.attnum`,
    [schemas],
  );
  const tables = new Map<string, ExpectedTable>();
  for (const row of columns) {
    const key = `${row.schema}.${row.table}`;
    const table = tables.get(key) ?? {
      schema: row.schema,
      table: row.table,
      columns: [] as ExpectedColumn[],
    };
    // format_type qualifies enum types with their schema when it is not on the search path.
    table.columns.push({
      column: row.column,
      type: row.type.replace(/^"?\w+"?\./, '').replaceAll('"', ''),
      nullable: row.nullable,
    });
    tables.set(key, table);
  }
  const enums = await sql.query<{ schema: string; name: string; values: string[] }>(
    `SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = ANY($1::text[]) GROUP BY 1, 2 ORDER BY 1, 2`,
    [schemas],
  );
  return { tables: [...tables.values()], enums };
}
