import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { copyWith, type CopyOptions, type CopySource, type SqlExecutor } from './sql.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Streams `data` through `COPY ... FROM STDIN` on one connection (pg-copy-streams). */
async function copyOn(
  client: pg.PoolClient,
  target: string,
  data: CopySource,
  options?: CopyOptions,
): Promise<void> {
  const sink = client.query(copyFromStdin(`COPY ${target} FROM STDIN${copyWith(options)}`));
  await pipeline(Readable.from(typeof data === 'string' ? [data] : data), sink);
}

function executorFor(client: Queryable): Omit<SqlExecutor, 'transaction' | 'close' | 'copyFrom'> {
  return {
    async query<Row extends Record<string, unknown>>(
      text: string,
      params: readonly unknown[] = [],
    ) {
      const result = await client.query<Row>(text, [...params]);
      return result.rows;
    },
    async exec(script: string) {
      await client.query(script);
    },
  };
}

/** A pooled node-postgres executor for a real PostgreSQL server. */
export function createPgExecutor(pool: pg.Pool): SqlExecutor {
  // An idle pooled connection the server closes (restart, failover, a dropped database) emits
  // 'error' on the pool; without a listener that would crash the process. The pool discards
  // the connection and the next query opens a fresh one.
  pool.on('error', () => undefined);
  return {
    ...executorFor(pool),
    async copyFrom(target, data, options) {
      const client = await pool.connect();
      try {
        await copyOn(client, target, data, options);
      } finally {
        client.release();
      }
    },
    async transaction(work) {
      const client = await pool.connect();
      const tx: SqlExecutor = {
        ...executorFor(client),
        copyFrom: (target, data, options) => copyOn(client, target, data, options),
        transaction: (inner) => inner(tx),
        close: async () => {},
      };
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
