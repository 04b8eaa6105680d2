import { describe, expect, it } from 'vitest';
import { createLogger } from '@marquee/logger';
import { createMemoryTrainingLock, scheduleTraining } from '../src/training/index.ts';

const logger = createLogger({ name: 'test', level: 'silent' });

describe('training lock and schedule', () => {
  it('lets one holder at a time take the lock, with increasing fencing tokens, released only by its holder', async () => {
    let clock = 0;
    const lock = createMemoryTrainingLock(() => clock);
    const first = await lock.acquire(1_000);
    expect(first).toBeDefined();
    expect(await lock.acquire(1_000)).toBeUndefined();
    expect(await lock.release((first ?? 0) + 100)).toBe(false);
    expect(await lock.release(first ?? 0)).toBe(true);
    const second = await lock.acquire(1_000);
    expect(second).toBeGreaterThan(first ?? Infinity);
    clock = 2_000;
    // An expired holder loses the lock, and cannot release its successor's.
    const third = await lock.acquire(1_000);
    expect(third).toBeGreaterThan(second ?? Infinity);
    expect(await lock.release(second ?? 0)).toBe(false);
  });

  it('never overlaps two replicas scheduled on one lock', async () => {
    const lock = createMemoryTrainingLock();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const train = async () => {
      running += 1;
      runs += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
    };
    const stops = [1, 2].map(() => scheduleTraining({ lock, intervalMs: 5, train, logger }));
    await expect.poll(() => runs).toBeGreaterThanOrEqual(3);
    await Promise.all(stops.map((stopSchedule) => stopSchedule()));
    expect(maxRunning).toBe(1);
  });
});

describe('training schedule', () => {
  it('runs once at once when asked, before the first interval', async () => {
    let runs = 0;
    const stop = scheduleTraining({
      lock: createMemoryTrainingLock(),
      intervalMs: 60_000,
      runNow: true,
      train: () => {
        runs += 1;
        return Promise.resolve();
      },
      logger,
    });
    await expect.poll(() => runs).toBe(1);
    await stop();
  });
});
