import type { PGlite, Transaction } from '@electric-sql/pglite';
import { copyWith, type CopyOptions, type CopySource, type SqlExecutor } from './sql.ts';

type PGliteQueryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

/** Collects COPY input into one Blob: PGlite reads `COPY ... FROM '/dev/blob'` from the query's `blob` option. */
async function toBlob(data: CopySource): Promise<Blob> {
  if (typeof data === 'string') return new Blob([data]);
  const parts: (string | Uint8Array)[] = [];
  for await (const chunk of data)
    parts.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk));
  return new Blob(parts);
}

function executorFor(client: PGliteQueryable): Omit<SqlExecutor, 'transaction' | 'close'> {
  return {
    async copyFrom(target: string, data: CopySource, options?: CopyOptions) {
      await client.query(`COPY ${target} FROM '/dev/blob'${copyWith(options)}`, [], {
        blob: await toBlob(data),
      });
    },
    async query<Row extends Record<string, unknown>>(
      text: string,
      params: readonly unknown[] = [],
    ) {
      const result = await client.query<Row>(text, [...params]);
      return result.rows;
    },
    async exec(script: string) {
      await client.exec(script);
    },
  };
}

/** An executor on an embedded PGlite database (one connection, transactions serialised by PGlite). */
export function createPGliteExecutor(db: PGlite): SqlExecutor {
  return {
    ...executorFor(db),
    transaction(work) {
      return db.transaction(async (transaction) => {
        const tx: SqlExecutor = {
          ...executorFor(transaction),
          transaction: (inner) => inner(tx),
          close: async () => {},
        };
        return work(tx);
      });
    },
    close: () => db.close(),
  };
}
