import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { unavailableDependency } from '@marquee/errors';
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

/**
 * A connection taken from the pool for several statements. While it is out, the pool no longer
 * listens for its 'error' event: the server closing it between two statements (a restart while a
 * transaction waits on something else) would be an unhandled 'error' and end the process. The
 * listener is held until release, and a connection that failed is destroyed rather than pooled.
 */
async function checkOut(pool: pg.Pool) {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  return {
    client,
    release: (failure: unknown) => {
      client.off('error', onError);
      // A statement error (a constraint, bad SQL) leaves a usable connection; a closed one does not.
      const destroy =
        broken ?? (unavailableDependency(failure) === undefined ? undefined : failure);
      client.release(destroy === undefined ? undefined : (destroy as Error));
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
      const { client, release } = await checkOut(pool);
      let failure: unknown;
      try {
        await copyOn(client, target, data, options);
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        release(failure);
      }
    },
    async transaction(work) {
      const { client, release } = await checkOut(pool);
      const tx: SqlExecutor = {
        ...executorFor(client),
        copyFrom: (target, data, options) => copyOn(client, target, data, options),
        transaction: (inner) => inner(tx),
        close: async () => {},
      };
      let failure: unknown;
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        failure = error;
        // On a connection the server closed, ROLLBACK fails too; the error that matters is the first.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        release(failure);
      }
    },
    close: () => pool.end(),
  };
}
