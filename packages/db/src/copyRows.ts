import { encodeCopyValue } from './bulkUpsert.ts';
import type { SqlExecutor } from './sql.ts';

/**
 * COPY text for bulk loads whose values come from fields of a TSV line, written field by field
 * instead of through an array of values per row. Such a field can hold no tab or line end (the
 * line was split on them), so only backslashes need doubling.
 */
export const copyText = (value: string): string =>
  value.includes('\\') ? value.replaceAll('\\', '\\\\') : value;

export const copyNullableText = (value: string | null): string =>
  value === null ? '\\N' : copyText(value);

export const copyInteger = (value: number | null): string =>
  value === null ? '\\N' : String(value);

const ARRAY_SPECIAL = /["\\\t\n\r]/;

/** A text array (genres, professions, characters…): quoted items, as `encodeCopyValue` writes them. */
export function copyTextArray(items: readonly string[]): string {
  if (items.length === 0) return '{}';
  for (const item of items) if (ARRAY_SPECIAL.test(item)) return encodeCopyValue(items);
  return `{"${items.join('","')}"}`;
}

/** Rows for one table: `target` is `schema.table (columns…)`, `rows` COPY text in that column order. */
export interface CopyPart {
  target: string;
  rows: string;
}

/**
 * COPYs every part in one transaction. False when a key is already in its table (a unique
 * violation) or a concurrent COPY of the same key deadlocked with it: nothing was written, and the
 * caller takes the upsert path for the batch.
 */
export async function copyUnlessConflict(
  sql: SqlExecutor,
  parts: readonly CopyPart[],
): Promise<boolean> {
  try {
    await sql.transaction(async (tx) => {
      for (const part of parts) await tx.copyFrom(part.target, part.rows);
    });
    return true;
  } catch (error) {
    // A unique violation, or a deadlock with a concurrent batch's COPY of the same keys (this one
    // rolled back, the other goes on): either way the upsert path, which locks in key order.
    const code = (error as { code?: unknown }).code;
    if (code === '23505' || code === '40P01') return false;
    throw error;
  }
}
