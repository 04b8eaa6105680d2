import type { SqlExecutor } from '@marquee/db';

/** Wraps `sql` to count statements sent to the database (each is one round trip). */
export function countingExecutor(sql: SqlExecutor): { sql: SqlExecutor; count: () => number } {
  let count = 0;
  const wrap = (inner: SqlExecutor): SqlExecutor => ({
    query(text, params) {
      count += 1;
      return inner.query(text, params);
    },
    exec(script) {
      count += 1;
      return inner.exec(script);
    },
    copyFrom(target, data, options) {
      count += 1;
      return inner.copyFrom(target, data, options);
    },
    transaction: (work) => inner.transaction((tx) => work(wrap(tx))),
    close: () => inner.close(),
  });
  return { sql: wrap(sql), count: () => count };
}
