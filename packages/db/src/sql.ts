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
  /**
   * `COPY <target> FROM STDIN` in PostgreSQL's text format (tab-separated, `\N` for null): the
   * fastest way to load rows. `target` is a table with an optional column list, written by the
   * caller (never user input). Inside `transaction` it runs on the transaction's connection.
   * `header` skips the input's first line.
   */
  copyFrom(target: string, data: CopySource, options?: CopyOptions): Promise<void>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** COPY input: one string, or chunks (strings or bytes) from a generator or stream. */
export type CopySource =
  string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

export interface CopyOptions {
  header?: boolean;
}

/** The `WITH (...)` part of a COPY for `options`. */
export function copyWith(options: CopyOptions = {}): string {
  return options.header === true ? ' WITH (FORMAT text, HEADER true)' : '';
}
