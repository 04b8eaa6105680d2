import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlExecutor } from './sql.ts';

type PGliteQueryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function executorFor(client: PGliteQueryable): Omit<SqlExecutor, 'transaction' | 'close'> {
  return {
    async query<Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
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
