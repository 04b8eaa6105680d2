import type { Identity } from '@marquee/auth';
import { badUserInput, unauthenticated } from '@marquee/errors';

/**
 * The one input boundary every subgraph calls for ids, free text and cursor values. PostgreSQL
 * text cannot hold NUL (the driver fails, which clients would see as an internal error), and
 * unbounded strings and lists cost the stores work nobody asked for; refusing them here is a
 * BAD_USER_INPUT naming the argument.
 */

/** The caller's identity, or UNAUTHENTICATED (with `message` when the field says more). */
export function signedIn(identity: Identity | undefined, message?: string): Identity {
  if (identity === undefined) throw unauthenticated(message);
  return identity;
}

/** Ids are short opaque strings: `tt0068646`, `nm0000008`, UUIDs. */
export const MAX_ID_LENGTH = 64;

export const containsNul = (value: string): boolean => value.includes('\u0000');

/** An id some store could hold. Looking up anything else finds nothing, without asking the store. */
export const isStorableId = (id: unknown): id is string =>
  typeof id === 'string' && id.length >= 1 && id.length <= MAX_ID_LENGTH && !containsNul(id);

/** The ids of a batch worth sending to a store (a loader answers the others with nothing). */
export const storableIds = (ids: readonly string[]): string[] => ids.filter(isStorableId);

/** An id a write names: BAD_USER_INPUT unless some store could hold it. */
export function requireId(
  id: string,
  field: string,
  message = `"${field}" is not a valid id.`,
): string {
  if (!isStorableId(id)) throw badUserInput(message, field);
  return id;
}

export interface TextRule {
  /** Fewest characters (after trimming when `trim`). Default 0. */
  min?: number;
  /** Most characters (code points). */
  max: number;
  trim?: boolean;
  /** The message when the length is wrong (default names the bounds). */
  message?: string;
}

const lengthOf = (value: string) => (value.length <= 1 ? value.length : [...value].length);

/** Free text: no NUL, `min` to `max` characters; returns it (trimmed when asked). */
export function requireText(value: string, field: string, rule: TextRule): string {
  if (containsNul(value)) throw badUserInput(`"${field}" cannot contain NUL characters.`, field);
  const text = rule.trim === true ? value.trim() : value;
  // Counting code points of a megabyte string would itself be work: anything longer than
  // `max` UTF-16 units by more than twice is too long in any counting.
  const min = rule.min ?? 0;
  if (text.length > rule.max * 2 || lengthOf(text) > rule.max || lengthOf(text) < min) {
    throw badUserInput(
      rule.message ?? `"${field}" must be ${min} to ${rule.max} characters long.`,
      field,
    );
  }
  return text;
}

/** A list of short texts: at most `maxItems`, each by `rule`. */
export function requireTextList(
  values: readonly string[],
  field: string,
  rule: TextRule & { maxItems: number },
): string[] {
  if (values.length > rule.maxItems)
    throw badUserInput(rule.message ?? `"${field}" holds at most ${rule.maxItems} values.`, field);
  return values.map((value) => requireText(value, field, rule));
}

/**
 * Values a cursor may carry. Cursors are opaque to clients but come back from them, so each
 * value is checked before it reaches a query: an offset like 1e20 or a date in year 275760 makes
 * PostgreSQL fail, a string where a number is sorted fails the cast.
 */
export const MAX_CURSOR_OFFSET = 100_000;
// What Date#toISOString writes for years 0000–9999.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
// No sort value Marquee stores comes near this; PostgreSQL's `real` overflows at 3.4e38.
const MAX_SORT_NUMBER = 1e12;

export const cursorValue = {
  /** Rows skipped so far: a whole number up to MAX_CURSOR_OFFSET. */
  offset: (value: unknown): value is number =>
    Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_CURSOR_OFFSET,
  id: isStorableId,
  /** A sort value that is text (a title). */
  text: (value: unknown): value is string =>
    typeof value === 'string' && value.length <= 1000 && !containsNul(value),
  /** A sort value that is a number. */
  number: (value: unknown): value is number =>
    typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_SORT_NUMBER,
  /** A sort value that is a whole number (PostgreSQL `integer`). */
  integer: (value: unknown): value is number =>
    Number.isSafeInteger(value) && Math.abs(value as number) <= 2_147_483_647,
  /** A timestamp as `Date#toISOString` writes it. */
  timestamp: (value: unknown): value is string =>
    typeof value === 'string' && ISO_TIMESTAMP.test(value) && Number.isFinite(Date.parse(value)),
};
