/** Field checks shared by the source parsers; each returns the value or throws a RowError with the reason. */

export class RowError extends Error {
  override readonly name = 'RowError';
}

export const NULL = '\\N';

export function expectColumns(fields: readonly string[], count: number): void {
  if (fields.length !== count) throw new RowError(`expected ${count} columns, found ${fields.length}`);
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

/** A year: `\N` is null, anything else must be four digits between 1800 and 2100. */
export function optionalYear(value: string, name: string): number | null {
  if (value === NULL || value === '') return null;
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 1800 && year <= 2100)) throw new RowError(`bad ${name} ${JSON.stringify(value)}`);
  return year;
}

const INTEGER = /^\d{1,15}$/;

export function nonNegativeInteger(value: string, name: string): number {
  if (!INTEGER.test(value)) throw new RowError(`bad ${name} ${JSON.stringify(value)} (not a whole number)`);
  return Number(value);
}

export function optionalNonNegativeInteger(value: string, name: string): number | null {
  return value === NULL || value === '' ? null : nonNegativeInteger(value, name);
}

const DECIMAL = /^\d+(?:\.\d+)?$/;

export function decimalBetween(value: string, name: string, min: number, max: number): number {
  const number = DECIMAL.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) throw new RowError(`bad ${name} ${JSON.stringify(value)} (not a number from ${min} to ${max})`);
  return number;
}

/** A comma list (`\N` or empty is none). */
export function list(value: string, separator = ','): string[] {
  if (value === NULL || value === '') return [];
  return value.split(separator).filter((item) => item !== '');
}
