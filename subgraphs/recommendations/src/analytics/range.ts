import { badUserInput } from '@marquee/errors';
import type { TrendBucket } from '../stores/analyticsStore.ts';

/** Longest ranges, so one request returns at most a few thousand genre-periods. */
const MAX_YEARS: Record<TrendBucket, number> = { YEAR: 200, MONTH: 10 };
const EARLIEST = 1870;
const LATEST = 2200;

/** `genreTrends`' years, defaulted and checked: BAD_USER_INPUT naming what to change. */
export function trendRange(
  from: number | null | undefined,
  to: number | null | undefined,
  bucket: TrendBucket,
  now = new Date(),
): { from: number; to: number } {
  const last = to ?? now.getUTCFullYear();
  const first = from ?? (bucket === 'YEAR' ? last - 19 : last);
  for (const [name, year] of [
    ['from', first],
    ['to', last],
  ] as const) {
    if (!Number.isInteger(year) || year < EARLIEST || year > LATEST)
      throw badUserInput(`"${name}" must be a year from ${EARLIEST} to ${LATEST}.`, name);
  }
  if (first > last) throw badUserInput('"from" must not be after "to".', 'from');
  if (last - first + 1 > MAX_YEARS[bucket])
    throw badUserInput(
      `A ${bucket} range spans at most ${MAX_YEARS[bucket]} years; narrow "from" and "to".`,
      'from',
    );
  return { from: first, to: last };
}
