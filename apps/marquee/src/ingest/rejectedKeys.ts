import { RowError } from './fields.ts';

/**
 * Keys (an nconst, a MovieLens movieId) whose defining line was rejected, with the reason: a
 * later line that refers to one is rejected as unknown, and its reason then names this root cause
 * instead of claiming the key is absent from the file. Bounded by the rejected lines.
 */
export class RejectedKeys {
  private readonly reasons = new Map<string, string>();
  private readonly file: string;
  private readonly keyOf: (fields: readonly string[]) => string | undefined;

  /** `keyOf` reads the key from a line's fields (undefined when even the key is unreadable). */
  constructor(file: string, keyOf: (fields: readonly string[]) => string | undefined) {
    this.file = file;
    this.keyOf = keyOf;
  }

  /** `parse`, remembering the key of each line it rejects. */
  watch<T>(parse: (fields: string[], line: number) => T): (fields: string[], line: number) => T {
    return (fields, line) => {
      try {
        return parse(fields, line);
      } catch (error) {
        const key = error instanceof RowError ? this.keyOf(fields) : undefined;
        if (key !== undefined && error instanceof RowError)
          this.reasons.set(key, `${this.file} line ${line} was rejected: ${error.message}`);
        throw error;
      }
    };
  }

  /** Why `key` is unknown: its rejected line, if it had one. */
  rootCause(key: string): string | undefined {
    return this.reasons.get(key);
  }
}
