import type { SqlExecutor } from './sql.ts';

/**
 * Bulk initial loads: a loader that fills empty tables drops their secondary indexes and
 * constraints first, COPYs the rows straight in, then recreates them — building an index once
 * over sorted data is far cheaper than inserting into it row by row. The definitions are
 * recorded in `ingest.deferred_definition` in the same transaction that drops them (and so are
 * the statement-level triggers it disables, with the statement that recomputes what they
 * maintain: run once after the load instead of once per COPY batch), so a load
 * that dies midway leaves a list that `recoverInterruptedBulkLoad` (run by `applyMigrations` and
 * at the start of every ingestion) recreates before anything else touches the tables.
 */

/** Held (transaction-scoped) by a running bulk load; recovery refuses to run while it is held. */
const BULK_LOAD_LOCK_KEY = 72_616_874;

const DEFINITIONS = 'ingest.deferred_definition';

export interface DeferredDefinition {
  id: number;
  /** Schema-qualified table (`regclass` text). */
  tableName: string;
  name: string;
  kind: 'index' | 'constraint' | 'trigger';
  /**
   * `pg_get_indexdef` (a CREATE INDEX statement), `pg_get_constraintdef` (what follows ADD
   * CONSTRAINT), or for `trigger` (named after the trigger function) the statements that enable
   * the table's triggers of that function again and recompute what they maintain.
   */
  definition: string;
}

/**
 * Statement-level triggers a bulk load may disable: those of `table` that call `function`
 * (schema-qualified), because `rebuild` (run once after the load, with the triggers enabled again
 * in the same transaction) recomputes from the loaded table everything they maintain. Triggers
 * not named here keep firing during the load.
 */
export interface DeferrableTriggers {
  table: string;
  function: string;
  rebuild: string;
}

/** Another process is bulk loading: its indexes are not to be recreated under it. */
export class BulkLoadInProgressError extends Error {
  override readonly name = 'BulkLoadInProgressError';
}

export class BulkLoadError extends Error {
  override readonly name = 'BulkLoadError';
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The statement that recreates `definition`. */
export function recreateStatement(
  definition: Pick<DeferredDefinition, 'tableName' | 'name' | 'kind' | 'definition'>,
): string {
  return definition.kind !== 'constraint'
    ? definition.definition
    : `ALTER TABLE ${definition.tableName} ADD CONSTRAINT ${quoteIdentifier(definition.name)} ${definition.definition}`;
}

async function definitionsTableExists(sql: SqlExecutor): Promise<boolean> {
  const [row] = await sql.query<{ exists: boolean }>(
    `SELECT to_regclass('${DEFINITIONS}') IS NOT NULL AS exists`,
  );
  return row?.exists === true;
}

export async function listDeferredDefinitions(sql: SqlExecutor): Promise<DeferredDefinition[]> {
  if (!(await definitionsTableExists(sql))) return [];
  return sql.query<DeferredDefinition & Record<string, unknown>>(
    `SELECT id, table_name AS "tableName", name, kind, definition FROM ${DEFINITIONS} ORDER BY id`,
  );
}

async function alreadyThere(sql: SqlExecutor, definition: DeferredDefinition): Promise<boolean> {
  // Enabling an enabled trigger changes nothing, and the rollups may be stale all the same.
  if (definition.kind === 'trigger') return false;
  const rows =
    definition.kind === 'index'
      ? await sql.query(
          'SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass AND c.relname = $2',
          [definition.tableName, definition.name],
        )
      : await sql.query(
          'SELECT 1 FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2',
          [definition.tableName, definition.name],
        );
  return rows.length > 0;
}

export interface RestoreOptions {
  /**
   * `maintenance_work_mem` for each index build (default 256MB): sorting in memory instead of in
   * temporary files is most of the difference for the GIN (trigram, full-text) indexes.
   */
  maintenanceWorkMem?: string;
  /** Told of every definition recreated, with when its build started and ended (`performance.now()`). */
  onRestored?: (definition: DeferredDefinition, startedAt: number, endedAt: number) => void;
}

/**
 * Recreates one recorded definition and deletes its record in the same transaction, so a crash
 * at any point leaves it either recorded or recreated. A definition someone recreated by hand is
 * only deleted from the record.
 */
export async function restoreDefinition(
  sql: SqlExecutor,
  definition: DeferredDefinition,
  options: RestoreOptions = {},
): Promise<void> {
  const memory = options.maintenanceWorkMem ?? '256MB';
  if (!/^\d+\s*(kB|MB|GB)$/.test(memory))
    throw new RangeError(`maintenance_work_mem ${JSON.stringify(memory)} is not like "256MB"`);
  const startedAt = performance.now();
  await sql.transaction(async (tx) => {
    await tx.exec(`SET LOCAL maintenance_work_mem = '${memory}'`);
    if (!(await alreadyThere(tx, definition))) {
      const primaryKeyIndex = primaryKeyIndexStatement(definition);
      if (primaryKeyIndex === undefined) {
        await tx.exec(recreateStatement(definition));
      } else {
        // ADD PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock, so no other index of the
        // table could be built meanwhile; its unique index is built under the SHARE lock CREATE
        // INDEX takes (beside the table's other builds), and then becomes the primary key, which
        // only waits for those builds to end.
        await tx.exec(primaryKeyIndex);
        await tx.exec(
          `ALTER TABLE ${definition.tableName} ADD CONSTRAINT ${quoteIdentifier(definition.name)} PRIMARY KEY USING INDEX ${quoteIdentifier(definition.name)}`,
        );
      }
    }
    await tx.query(`DELETE FROM ${DEFINITIONS} WHERE id = $1`, [definition.id]);
  });
  options.onRestored?.(definition, startedAt, performance.now());
}

/** Whether `definition` is a foreign key (`pg_get_constraintdef` of one). */
export const isForeignKey = (definition: Pick<DeferredDefinition, 'kind' | 'definition'>) =>
  definition.kind === 'constraint' && /^FOREIGN KEY/i.test(definition.definition);

/**
 * The CREATE UNIQUE INDEX that builds a primary key's index (named like the constraint, as ADD
 * PRIMARY KEY names it), or undefined for anything else, and for a deferrable primary key, which
 * cannot take an existing index.
 */
function primaryKeyIndexStatement(definition: DeferredDefinition): string | undefined {
  if (!isPrimaryKey(definition) || /DEFERRABLE/i.test(definition.definition)) return undefined;
  const columns = definition.definition.replace(/^PRIMARY KEY\s*/i, '');
  return `CREATE UNIQUE INDEX ${quoteIdentifier(definition.name)} ON ${definition.tableName} USING btree ${columns}`;
}

/**
 * Whether `definition` is restored after the indexes: a foreign key needs the indexes of the
 * tables it joins, and enabling a trigger takes a lock (SHARE ROW EXCLUSIVE) that would wait for
 * the table's index builds (SHARE) and hold a connection idle meanwhile.
 */
const restoredLast = (definition: DeferredDefinition) =>
  isForeignKey(definition) || definition.kind === 'trigger';

/** Whether `definition` is a primary key (`pg_get_constraintdef` of one). */
export const isPrimaryKey = (definition: Pick<DeferredDefinition, 'kind' | 'definition'>) =>
  definition.kind === 'constraint' && /^PRIMARY KEY/i.test(definition.definition);

/**
 * Recreates `definitions` with up to `parallel` connections working through one queue (largest
 * tables first). Several CREATE INDEX on one table run at once (they share its SHARE lock);
 * foreign keys and triggers go last (`restoredLast`).
 */
export async function restoreDefinitions(
  sql: SqlExecutor,
  definitions: readonly DeferredDefinition[],
  options: RestoreOptions & { parallel?: number } = {},
): Promise<void> {
  const runQueue = async (queue: DeferredDefinition[]) => {
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift())
        await restoreDefinition(sql, next, options);
    };
    // A failing worker stops taking work; the others finish what they hold, then the first error is raised.
    const results = await Promise.allSettled(
      Array.from({ length: Math.max(1, options.parallel ?? 2) }, worker),
    );
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  };
  // GIN indexes are the slowest to build: start them first so the queue does not end on one.
  const weight = (definition: DeferredDefinition) =>
    /USING gin/i.test(definition.definition) ? 0 : 1;
  await runQueue(
    definitions
      .filter((definition) => !restoredLast(definition))
      .sort((a, b) => weight(a) - weight(b) || a.id - b.id),
  );
  await runQueue(definitions.filter(restoredLast));
}

/**
 * Finishes what an interrupted bulk load left: recreates every recorded definition. A no-op (one
 * catalog query) when nothing is recorded. Refuses while a bulk load is running, since recreating
 * its indexes under it would fail its own restore at the end. Inside `sql`'s transaction when
 * called with one (migrations), else in one of its own.
 */
export async function recoverInterruptedBulkLoad(sql: SqlExecutor): Promise<DeferredDefinition[]> {
  const pending = await listDeferredDefinitions(sql);
  if (pending.length === 0) return [];
  return sql.transaction(async (tx) => {
    const [lock] = await tx.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [BULK_LOAD_LOCK_KEY],
    );
    if (lock?.locked !== true) {
      throw new BulkLoadInProgressError(
        `A bulk load is running (indexes and constraints of ${[...new Set(pending.map((d) => d.tableName))].join(', ')} are dropped until it ends); run this again after it.`,
      );
    }
    const definitions = await listDeferredDefinitions(tx);
    for (const definition of definitions) await restoreDefinition(tx, definition);
    return definitions;
  });
}

/** Rows in any of `tables`: the tables a bulk load may fill must all be empty. */
export async function nonEmptyTables(
  sql: SqlExecutor,
  tables: readonly string[],
): Promise<string[]> {
  const rows = await sql.query<{ table: string; filled: boolean }>(
    tables
      .map(
        (table, index) =>
          `SELECT $${index + 1}::text AS table, EXISTS (SELECT 1 FROM ${table}) AS filled`,
      )
      .join(' UNION ALL '),
    tables,
  );
  return rows.filter((row) => row.filled).map((row) => row.table);
}

/**
 * Runs `load` as the bulk load of the empty `tables`: holds the bulk-load lock for its whole
 * duration, records and drops the tables' secondary indexes and their primary-key, unique,
 * exclusion and foreign-key constraints, disables the `triggers` named (see
 * `DeferrableTriggers`), calls `load` with what was
 * dropped, and recreates whatever `load` did not already recreate, also when `load` fails.
 * Without its primary key a table takes repeated keys silently: `load` keeps them out itself, or
 * recreates the primary key (`restoreDefinition`) before it writes a key twice. Throws BulkLoadError when a table is not empty (checked under the tables' locks).
 */
export async function withDeferredDefinitions<T>(
  sql: SqlExecutor,
  tables: readonly string[],
  load: (deferred: readonly DeferredDefinition[]) => Promise<T>,
  options: RestoreOptions & { parallel?: number; triggers?: readonly DeferrableTriggers[] } = {},
): Promise<T> {
  return sql.transaction(async (lockHolder) => {
    const [lock] = await lockHolder.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [BULK_LOAD_LOCK_KEY],
    );
    if (lock?.locked !== true)
      throw new BulkLoadInProgressError('Another bulk load is running against this database.');
    const deferred = await sql.transaction(async (tx) => {
      await tx.exec(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const filled = await nonEmptyTables(tx, tables);
      if (filled.length > 0)
        throw new BulkLoadError(
          `A bulk load needs empty tables; ${filled.join(', ')} already has rows.`,
        );
      const found: (Omit<DeferredDefinition, 'id'> & { drop: string })[] = [];
      for (const table of tables) {
        const indexes = await tx.query<{
          tableName: string;
          name: string;
          definition: string;
          qualified: string;
        }>(
          `SELECT i.indrelid::regclass::text AS "tableName", c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
                  i.indexrelid::regclass::text AS qualified
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
              -- Indexes that back a constraint go with their constraint.
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
            ORDER BY c.relname`,
          [table],
        );
        for (const index of indexes)
          found.push({ ...index, kind: 'index', drop: `DROP INDEX ${index.qualified}` });
      }
      for (const table of tables) {
        const constraints = await tx.query<{ tableName: string; name: string; definition: string }>(
          `SELECT conrelid::regclass::text AS "tableName", conname AS name, pg_get_constraintdef(oid) AS definition
             FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x', 'f')
            ORDER BY contype = 'f', conname`,
          [table],
        );
        for (const constraint of constraints) {
          found.push({
            ...constraint,
            kind: 'constraint',
            drop: `ALTER TABLE ${constraint.tableName} DROP CONSTRAINT ${quoteIdentifier(constraint.name)}`,
          });
        }
      }
      for (const deferrable of options.triggers ?? []) {
        if (!tables.includes(deferrable.table)) continue;
        const triggers = await tx.query<{ tableName: string; name: string; enabled: string }>(
          `SELECT tgrelid::regclass::text AS "tableName", tgname AS name, tgenabled AS enabled FROM pg_trigger
            WHERE tgrelid = $1::regclass AND tgfoid = to_regproc($2) AND NOT tgisinternal AND tgenabled <> 'D'
            ORDER BY tgname`,
          [deferrable.table, deferrable.function],
        );
        const [first] = triggers;
        if (first === undefined) continue;
        // Enabled again as it was: on origin (O), always (A) or replica (R) sessions.
        const enable: Record<string, string> = {
          O: 'ENABLE',
          A: 'ENABLE ALWAYS',
          R: 'ENABLE REPLICA',
        };
        const each = (verb: (enabled: string) => string) =>
          triggers
            .map(({ name, enabled }) => `${verb(enabled)} TRIGGER ${quoteIdentifier(name)}`)
            .join(', ');
        found.push({
          tableName: first.tableName,
          name: deferrable.function,
          kind: 'trigger',
          definition: `ALTER TABLE ${first.tableName} ${each((enabled) => enable[enabled] ?? 'ENABLE')};\n${deferrable.rebuild}`,
          drop: `ALTER TABLE ${first.tableName} ${each(() => 'DISABLE')}`,
        });
      }
      // Recorded with foreign keys and then triggers last (recovery recreates in record order, a
      // foreign key needs the primary key it references, a trigger's rebuild is best done with
      // the indexes back), dropped in the reverse order.
      const rank = (definition: Omit<DeferredDefinition, 'id'>) =>
        definition.kind === 'trigger' ? 2 : isForeignKey(definition) ? 1 : 0;
      found.sort((a, b) => rank(a) - rank(b));
      const recorded: DeferredDefinition[] = [];
      for (const { drop: _drop, ...definition } of found) {
        const [row] = await tx.query<{ id: number }>(
          `INSERT INTO ${DEFINITIONS} (table_name, name, kind, definition) VALUES ($1, $2, $3, $4) RETURNING id`,
          [definition.tableName, definition.name, definition.kind, definition.definition],
        );
        if (row === undefined) throw new BulkLoadError(`Could not record ${definition.name}.`);
        recorded.push({ id: row.id, ...definition });
      }
      for (const { drop } of [...found].reverse()) await tx.exec(drop);
      return recorded;
    });
    let result: T;
    try {
      result = await load(deferred);
    } catch (error) {
      const remaining = await listDeferredDefinitions(sql);
      await restoreDefinitions(sql, remaining, options).catch((restoreError: unknown) => {
        throw new BulkLoadError(
          `${String(error)}; recreating the dropped indexes and constraints then failed too (${String(restoreError)}): they stay recorded in ${DEFINITIONS} and the next \`marquee migrate\` or \`marquee ingest\` recreates them.`,
        );
      });
      throw error;
    }
    await restoreDefinitions(sql, await listDeferredDefinitions(sql), options);
    return result;
  });
}
