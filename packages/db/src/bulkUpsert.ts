import { createHash } from 'node:crypto';
import type { SqlExecutor } from './sql.ts';

/** A value COPY can carry: text, numbers, booleans, timestamps, text arrays, or null. */
export type BulkValue = string | number | boolean | Date | readonly string[] | null;

/**
 * What a re-run does to a column of an existing row:
 * - `overwrite` (default): the incoming value replaces it;
 * - `fillMissing`: only a null (or empty array) is replaced, so a richer source written earlier wins;
 * - `overwriteNonNull`: the incoming value replaces it unless the incoming value is null (or an
 *   empty array), so a second source's value is not erased by a source that lacks one;
 * - `insertOnly`: written when the row is created, never changed after.
 */
export type ConflictPolicy = 'overwrite' | 'fillMissing' | 'overwriteNonNull' | 'insertOnly';

export interface BulkColumn {
  /** Column name in the target table (snake_case, trusted: written by the store, never user input). */
  name: string;
  /** SQL type of the staging column, e.g. `text`, `integer`, `text[]`, `timestamptz`. */
  type: string;
  onConflict?: ConflictPolicy;
}

export interface BulkTarget {
  /** Schema-qualified table, e.g. `movies.movie`. */
  table: string;
  /** The conflict target: the primary key or a unique constraint's columns (a subset of `columns`). */
  key: readonly string[];
  columns: readonly BulkColumn[];
  /** A column set to `now()` whenever an existing row changes (`updated_at`). */
  touch?: string;
  /** Rows whose `column` has no match in `table.refColumn` are rejected with `reason` (same subgraph only). */
  requires?: { column: string; table: string; refColumn: string; reason: string };
  /**
   * `updateOnly`: the batch only changes existing rows (found by `key`), never inserts; rows with
   * no match are rejected with `reason`. For partial rows (e.g. ratings of titles) that could not
   * satisfy the table's NOT NULL columns as inserts.
   */
  updateOnly?: { reason: string };
}

export interface BulkRow {
  /** Where the row came from (a source line number), reported back for rejects and per-line outcomes. */
  line: number;
  /** One value per `BulkTarget.columns`, in order. */
  values: readonly BulkValue[];
}

export interface BulkResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows that failed `requires`, with its reason. */
  rejected: { line: number; reason: string }[];
  /** Rows dropped because a later row in the same batch had the same key (the later one is written). */
  superseded: { line: number; by: number }[];
  /** Lines of the rows that were inserted / updated (only with `trackLines`). */
  insertedLines?: number[];
  updatedLines?: number[];
}

const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => escapes[c] ?? c);
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** One value in COPY's text format. */
export function encodeCopyValue(value: BulkValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return copyText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot COPY the number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return copyText(arrayLiteral(value));
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function setExpression(column: BulkColumn, incoming = 'EXCLUDED'): string {
  const c = quote(column.name);
  if (column.onConflict === 'fillMissing') {
    return column.type.endsWith('[]')
      ? `CASE WHEN cardinality(t.${c}) = 0 THEN ${incoming}.${c} ELSE t.${c} END`
      : `COALESCE(t.${c}, ${incoming}.${c})`;
  }
  if (column.onConflict === 'overwriteNonNull') {
    return column.type.endsWith('[]')
      ? `CASE WHEN cardinality(${incoming}.${c}) = 0 THEN t.${c} ELSE ${incoming}.${c} END`
      : `COALESCE(${incoming}.${c}, t.${c})`;
  }
  return `${incoming}.${c}`;
}

/**
 * Upserts one batch through a staging table: `COPY` into a temporary table, then one
 * `INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE (columns) IS DISTINCT FROM (incoming)`,
 * so a re-run of the same rows changes (and counts) nothing. Runs in one transaction.
 */
export async function bulkUpsert(
  sql: SqlExecutor,
  target: BulkTarget,
  rows: readonly BulkRow[],
  options: { trackLines?: boolean } = {},
): Promise<BulkResult> {
  const keyIndexes = target.key.map((name) => {
    const index = target.columns.findIndex((column) => column.name === name);
    if (index < 0)
      throw new Error(`Key column ${name} is not among ${target.table}'s bulk columns.`);
    return index;
  });
  // ON CONFLICT cannot touch one row twice in a statement: the last row for a key wins.
  const byKey = new Map<string, BulkRow>();
  const superseded: { line: number; by: number }[] = [];
  for (const row of rows) {
    const key = keyIndexes.map((index) => String(row.values[index])).join('\u0000');
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      superseded.push({ line: earlier.line, by: row.line });
      byKey.delete(key);
    }
    byKey.set(key, row);
  }
  const lineOfKey = options.trackLines === true ? new Map<string, number>() : undefined;
  if (lineOfKey !== undefined) for (const [key, row] of byKey) lineOfKey.set(key, row.line);

  let copy = '';
  for (const row of byKey.values()) {
    copy += `${row.line}\t${row.values.map(encodeCopyValue).join('\t')}\n`;
  }

  const names = target.columns.map((column) => quote(column.name));
  const updatable = target.columns.filter(
    (column) => !target.key.includes(column.name) && column.onConflict !== 'insertOnly',
  );
  const stageColumns = target.columns
    .map((column) => `${quote(column.name)} ${column.type}`)
    .join(', ');
  // One staging table per target shape and connection, kept for the session and emptied by every
  // commit: creating a temporary table per batch costs more than copying 10,000 rows into it.
  const stage = `marquee_stage_${createHash('sha1').update(`${target.table}(${stageColumns})`).digest('hex').slice(0, 16)}`;
  const requires = target.requires;
  const requiresClause =
    requires === undefined
      ? ''
      : `WHERE s.${quote(requires.column)} IS NULL OR EXISTS (SELECT 1 FROM ${requires.table} r WHERE r.${quote(requires.refColumn)} = s.${quote(requires.column)})`;
  const conflict =
    updatable.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${[
          ...updatable.map((column) => `${quote(column.name)} = ${setExpression(column)}`),
          ...(target.touch === undefined ? [] : [`${quote(target.touch)} = now()`]),
        ].join(', ')}
         WHERE (${updatable.map((column) => `t.${quote(column.name)}`).join(', ')}, NULL::int) IS DISTINCT FROM
               (${updatable.map((column) => setExpression(column)).join(', ')}, NULL::int)`;
  const returning =
    lineOfKey === undefined
      ? ''
      : `, ${target.key.map((name) => `t.${quote(name)}::text AS ${quote(`k_${name}`)}`).join(', ')}`;

  const updateOnly = target.updateOnly;
  const matches = target.key.map((name) => `t.${quote(name)} = s.${quote(name)}`).join(' AND ');
  const statement =
    updateOnly === undefined
      ? `INSERT INTO ${target.table} AS t (${names.join(', ')})
       SELECT ${names.map((name) => `s.${name}`).join(', ')} FROM ${stage} s ${requiresClause}
       -- Key order: concurrent batches that share keys lock them in the same order (no deadlock).
       ORDER BY ${target.key.map((name) => `s.${quote(name)}`).join(', ')}
       ON CONFLICT (${target.key.map(quote).join(', ')}) ${conflict}
       RETURNING (xmax = 0) AS inserted${returning}`
      : `UPDATE ${target.table} AS t SET ${[
          ...updatable.map((column) => `${quote(column.name)} = ${setExpression(column, 's')}`),
          ...(target.touch === undefined ? [] : [`${quote(target.touch)} = now()`]),
        ].join(', ')}
       FROM ${stage} s
       WHERE ${matches} AND (${updatable.map((column) => `t.${quote(column.name)}`).join(', ')}, NULL::int) IS DISTINCT FROM
             (${updatable.map((column) => setExpression(column, 's')).join(', ')}, NULL::int)
       RETURNING false AS inserted${returning}`;

  return sql.transaction(async (tx) => {
    await tx.exec(
      `CREATE TEMP TABLE IF NOT EXISTS ${stage} (_line bigint, ${stageColumns}) ON COMMIT DELETE ROWS`,
    );
    if (copy.length > 0) await tx.copyFrom(`${stage} (_line, ${names.join(', ')})`, copy);
    const missing =
      updateOnly === undefined
        ? []
        : (
            await tx.query<{ line: string }>(
              `SELECT s._line::text AS line FROM ${stage} s WHERE NOT EXISTS (SELECT 1 FROM ${target.table} t WHERE ${matches})`,
            )
          ).map((row) => ({ line: Number(row.line), reason: updateOnly.reason }));
    const required =
      requires === undefined
        ? []
        : (
            await tx.query<{ line: string }>(
              `SELECT s._line::text AS line FROM ${stage} s WHERE s.${quote(requires.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${requires.table} r WHERE r.${quote(requires.refColumn)} = s.${quote(requires.column)})`,
            )
          ).map((row) => ({ line: Number(row.line), reason: requires.reason }));
    const rejected = [...missing, ...required];
    const insertedLines: number[] = [];
    const updatedLines: number[] = [];
    let inserted: number;
    let updated: number;
    if (lineOfKey === undefined) {
      // Counted in the database: no row per written record crosses the wire.
      const [counts] = await tx.query<{ inserted: number; updated: number }>(
        `WITH written AS (${statement}) SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`,
      );
      inserted = counts?.inserted ?? 0;
      updated = counts?.updated ?? 0;
    } else {
      const written = await tx.query<Record<string, string | boolean | null>>(statement);
      inserted = 0;
      for (const row of written) {
        if (row['inserted'] === true) inserted += 1;
        const line = lineOfKey.get(
          target.key.map((name) => String(row[`k_${name}`])).join('\u0000'),
        );
        if (line !== undefined)
          (row['inserted'] === true ? insertedLines : updatedLines).push(line);
      }
      updated = written.length - inserted;
    }
    return {
      inserted,
      updated,
      unchanged: byKey.size - rejected.length - inserted - updated,
      rejected,
      superseded,
      ...(lineOfKey === undefined ? {} : { insertedLines, updatedLines }),
    };
  });
}
