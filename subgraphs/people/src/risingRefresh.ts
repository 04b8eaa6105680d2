import type { Logger } from '@marquee/logger';

export interface RisingRefreshOptions {
  /** How long after a counted rating the ranking is refreshed (changes meanwhile ride along). */
  delayMs?: number;
  /**
   * The least time from one refresh's end to the next change-driven start: under a continuous
   * stream of ratings this bounds the refresh's share of the database (a refresh costs what the
   * window holds: 1.3 s at 25,000,000 ratings, measured before JIT was turned off for it).
   */
  gapMs?: number;
  /**
   * How often it is refreshed regardless: the UTC day moving on shifts every window, and credits
   * written by ingestion (another process) reach the ranking by this tick.
   */
  everyMs?: number;
}

/** `risingPeople`'s freshness (docs/analytics.md#rising-people). */
export const RISING_REFRESH_DELAY_MS = 1000;
export const RISING_REFRESH_GAP_MS = 10_000;
export const RISING_REFRESH_EVERY_MS = 60_000;

export interface RisingRefresher {
  /** Something the ranking reads changed: refresh after the delay (once for many changes). */
  changed(): void;
  /** Refreshes now and then on the tick; returns the stop function. */
  start(): Promise<() => Promise<void>>;
}

/**
 * Runs `refresh` one at a time: a change during a refresh schedules another, so every committed
 * change reaches the ranking, however many arrive while a refresh runs.
 */
export function createRisingRefresher(
  refresh: () => Promise<void>,
  logger: Logger,
  {
    delayMs = RISING_REFRESH_DELAY_MS,
    gapMs = RISING_REFRESH_GAP_MS,
    everyMs = RISING_REFRESH_EVERY_MS,
  }: RisingRefreshOptions = {},
): RisingRefresher {
  let stopped = true;
  let pending: NodeJS.Timeout | undefined;
  let tick: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let lastEnd = 0;

  const schedule = () => {
    if (stopped || pending !== undefined) return;
    const wait = Math.max(delayMs, lastEnd + gapMs - Date.now());
    pending = setTimeout(() => {
      pending = undefined;
      void run();
    }, wait);
  };

  const run = (): Promise<void> => {
    if (running !== undefined) {
      // Changes may have missed this refresh's reads: one more, after the gap.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        await refresh();
      } catch (error) {
        logger.warn(
          { err: error },
          'the risingPeople ranking was not refreshed; it will be tried again',
        );
      } finally {
        lastEnd = Date.now();
      }
    })().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        schedule();
      }
    });
    return running;
  };

  return {
    changed: schedule,
    async start() {
      stopped = false;
      await run();
      tick = setInterval(() => void run(), everyMs);
      tick.unref();
      return async () => {
        stopped = true;
        clearTimeout(pending);
        clearInterval(tick);
        pending = undefined;
        await running;
      };
    },
  };
}
