import type { SqlExecutor } from '@marquee/db';
import {
  assertCollectionName,
  assertId,
  assertIds,
  BATCH_SIZE,
  chunks,
  closedError,
  lastPerId,
  mergeEntries,
  mergeFields,
  splitDocument,
  translateError,
  type Document,
  type DocumentCollection,
  type DocumentStore,
} from './documentStore.ts';

/**
 * The embedded stand-in for MongoDB: one JSONB table on PostgreSQL or PGlite. It lives outside
 * the Prisma schema because no subgraph queries it relationally, and creates itself on first use.
 */
const schemaScript = `
CREATE SCHEMA IF NOT EXISTS documents;
CREATE TABLE IF NOT EXISTS documents.document (
  collection text NOT NULL,
  id text NOT NULL,
  body jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);
`;

/** Two processes creating the schema at once can both pass `IF NOT EXISTS` and then collide on
 * the catalog's unique index; a transaction-scoped advisory lock serialises them. */
const schemaLockKey = 'marquee.documents.schema';

const upsertSql = `
INSERT INTO documents.document (collection, id, body, updated_at)
VALUES ($1, $2, $3::jsonb, now())
ON CONFLICT (collection, id) DO UPDATE SET body = EXCLUDED.body, updated_at = now()`;

const upsertManySql = `
INSERT INTO documents.document (collection, id, body, updated_at)
SELECT $1, entry->>'id', entry->'body', now() FROM jsonb_array_elements($2::jsonb) AS entry
ON CONFLICT (collection, id) DO UPDATE SET body = EXCLUDED.body, updated_at = now()`;

// `||` on jsonb replaces top-level keys and keeps the rest, like MongoDB's `$set`.
const mergeSql = `
INSERT INTO documents.document (collection, id, body, updated_at)
VALUES ($1, $2, $3::jsonb, now())
ON CONFLICT (collection, id) DO UPDATE
SET body = documents.document.body || EXCLUDED.body, updated_at = now()`;

const mergeManySql = `
INSERT INTO documents.document (collection, id, body, updated_at)
SELECT $1, entry->>'id', entry->'fields', now() FROM jsonb_array_elements($2::jsonb) AS entry
ON CONFLICT (collection, id) DO UPDATE
SET body = documents.document.body || EXCLUDED.body, updated_at = now()`;

interface Row extends Record<string, unknown> {
  id: string;
  body: Record<string, unknown>;
}

/**
 * Documents as JSONB rows. `sql` is shared with the rest of the process (it usually comes from
 * `openDatabase`), so `close()` stops this store without closing `sql`.
 */
export async function createSqlDocumentStore(sql: SqlExecutor): Promise<DocumentStore> {
  try {
    await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schemaLockKey]);
      await tx.exec(schemaScript);
    });
  } catch (error) {
    throw translateError('create schema', undefined, error);
  }
  let closed = false;

  async function run<R>(
    operation: string,
    collection: string | undefined,
    work: () => Promise<R>,
  ): Promise<R> {
    if (closed) throw closedError();
    try {
      return await work();
    } catch (error) {
      throw translateError(operation, collection, error);
    }
  }

  const toDocument = <T extends Document>(row: Row): T => ({ _id: row.id, ...row.body }) as T;

  return {
    collection<T extends Document>(name: string): DocumentCollection<T> {
      assertCollectionName(name);
      return {
        async get(id) {
          assertId(id);
          const rows = await run('get', name, () =>
            sql.query<Row>(
              'SELECT id, body FROM documents.document WHERE collection = $1 AND id = $2',
              [name, id],
            ),
          );
          const row = rows[0];
          return row === undefined ? null : toDocument<T>(row);
        },
        async getMany(ids) {
          assertIds(ids);
          if (ids.length === 0) return [];
          const rows = await run('getMany', name, () =>
            sql.query<Row>(
              'SELECT id, body FROM documents.document WHERE collection = $1 AND id = ANY($2::text[])',
              [name, [...new Set(ids)]],
            ),
          );
          const byId = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => {
            const row = byId.get(id);
            return row === undefined ? null : toDocument<T>(row);
          });
        },
        async put(doc) {
          const { id, body } = splitDocument(doc);
          await run('put', name, () => sql.query(upsertSql, [name, id, JSON.stringify(body)]));
        },
        async putMany(docs) {
          const entries = lastPerId(docs.map(splitDocument), (entry) => entry.id);
          for (const batch of chunks(entries, BATCH_SIZE)) {
            await run('putMany', name, () =>
              sql.query(upsertManySql, [name, JSON.stringify(batch)]),
            );
          }
        },
        async merge(id, fields) {
          assertId(id);
          const changes = mergeFields(id, fields);
          await run('merge', name, () => sql.query(mergeSql, [name, id, JSON.stringify(changes)]));
        },
        async mergeMany(entries) {
          for (const batch of chunks(mergeEntries(entries), BATCH_SIZE)) {
            await run('mergeMany', name, () =>
              sql.query(mergeManySql, [name, JSON.stringify(batch)]),
            );
          }
        },
        async delete(id) {
          assertId(id);
          const rows = await run('delete', name, () =>
            sql.query(
              'DELETE FROM documents.document WHERE collection = $1 AND id = $2 RETURNING id',
              [name, id],
            ),
          );
          return rows.length > 0;
        },
        async count() {
          const rows = await run('count', name, () =>
            sql.query<{ count: number }>(
              'SELECT count(*)::int AS count FROM documents.document WHERE collection = $1',
              [name],
            ),
          );
          return rows[0]?.count ?? 0;
        },
      };
    },
    async ping() {
      await run('ping', undefined, () => sql.query('SELECT 1'));
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
