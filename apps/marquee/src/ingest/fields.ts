/** Field checks shared by the source parsers; each returns the value or throws a RowError with the reason. */

export class RowError extends Error {
  override readonly name = 'RowError';
}

export const NULL = '\\N';

export function expectColumns(fields: readonly string[], count: number): void {
  if (fields.length !== count)
    throw new RowError(`expected ${count} columns, found ${fields.length}`);
}

export function field(fields: readonly string[], index: number): string {
  return fields[index] ?? '';
}

export function requiredText(value: string, name: string): string {
  if (value === NULL || value.trim() === '') throw new RowError(`missing ${name}`);
  return value;
}

export function optionalText(value: string): string | null {
  return value === NULL || value === '' ? null : value;
}

const TCONST = /^tt\d{7,}$/;
const NCONST = /^nm\d{7,}$/;

export function tconst(value: string, name = 'tconst'): string {
  if (!TCONST.test(value)) throw new RowError(`bad ${name} ${JSON.stringify(value)}`);
  return value;
}

export function nconst(value: string, name = 'nconst'): string {
  if (!NCONST.test(value)) throw new RowError(`bad ${name} ${JSON.stringify(value)}`);
  return value;
}

/**
 * A year: `\N` is null, anything else is one to four digits. IMDb has people born long before
 * cinema (Shakespeare 1564, Mozart 1756, Homer's year written as 4 digits with leading zeros), so
 * no lower bound is applied beyond "a year number".
 */
export function optionalYear(value: string, name: string): number | null {
  if (value === NULL || value === '') return null;
  if (!/^\d{1,4}$/.test(value)) throw new RowError(`bad ${name} ${JSON.stringify(value)}`);
  return Number(value);
}

/**
 * Text that is not text: a NUL (PostgreSQL text cannot hold one), U+FFFD (bytes that were not
 * valid UTF-8) or other control characters than tab. Such a line is rejected before it is parsed,
 * so no reason ever quotes binary.
 */
// Matching control characters is this rule's whole purpose.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

export function notTextReason(text: string): string | undefined {
  const match = NOT_TEXT.exec(text);
  if (match === null) return undefined;
  const code = match[0].codePointAt(0) ?? 0;
  return code === 0xfffd
    ? `not text: bytes that are not valid UTF-8 at column ${match.index + 1}`
    : `not text: control character U+${code.toString(16).padStart(4, '0').toUpperCase()} at column ${match.index + 1}`;
}

const INTEGER = /^\d{1,15}$/;

export function nonNegativeInteger(value: string, name: string): number {
  if (!INTEGER.test(value))
    throw new RowError(`bad ${name} ${JSON.stringify(value)} (not a whole number)`);
  return Number(value);
}

export function optionalNonNegativeInteger(value: string, name: string): number | null {
  return value === NULL || value === '' ? null : nonNegativeInteger(value, name);
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

export function decimalBetween(value: string, name: string, min: number, max: number): number {
  const number = DECIMAL.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max))
    throw new RowError(`bad ${name} ${JSON.stringify(value)} (not a number from ${min} to ${max})`);
  return number;
}

/** A comma list (`\N` or empty is none). */
export function list(value: string, separator = ','): string[] {
  if (value === NULL || value === '') return [];
  return value.split(separator).filter((item) => item !== '');
}
