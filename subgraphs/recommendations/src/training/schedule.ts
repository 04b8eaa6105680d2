import type { Logger } from '@marquee/logger';
import type { TrainingLock } from './lock.ts';

export interface TrainingScheduleOptions {
  lock: TrainingLock;
  intervalMs: number;
  /** Longest a run may take before another replica may start one. */
  lockTtlMs?: number;
  train(fencingToken: number): Promise<unknown>;
  logger: Logger;
  /** Also run once now (when nothing has been trained yet, so a fresh deployment gets a model). */
  runNow?: boolean;
}

/**
 * Every replica ticks every `intervalMs` and trains only if it takes the lock, so runs never
 * overlap and one replica's crash leaves the schedule to the others. Returns a stop function that
 * waits for a run in progress.
 */
export function scheduleTraining(options: TrainingScheduleOptions): () => Promise<void> {
  const lockTtlMs = options.lockTtlMs ?? Math.max(options.intervalMs, 15 * 60_000);
  let running: Promise<void> | undefined;
  const tick = async () => {
    const token = await options.lock.acquire(lockTtlMs);
    if (token === undefined) {
      options.logger.debug('training skipped: another run holds the lock');
      return;
    }
    try {
      await options.train(token);
    } finally {
      await options.lock.release(token);
    }
  };
  const run = () => {
    if (running !== undefined) return;
    running = tick()
      .catch((error: unknown) => options.logger.error({ err: error }, 'scheduled training failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  if (options.runNow === true) run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
