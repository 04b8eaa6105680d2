/**
 * The few raw-SQL operations Marquee needs beside Prisma (migrations, bulk loads, health checks),
 * implemented once for node-postgres and once for PGlite so both runtime modes share callers.
 */
export interface SqlExecutor {
  /** One parameterised statement. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
  /** A script of several statements, no parameters (migrations). */
  exec(script: string): Promise<void>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
