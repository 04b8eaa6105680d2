/**
 * Mutual exclusion for training runs across replicas. `acquire` returns a fencing token (strictly
 * increasing across all holders) or undefined when another run holds the lock; the lock expires
 * after `ttlMs` so a crashed holder cannot block training for ever. `release` frees it only if
 * `token` still holds it (a holder whose lock expired cannot free its successor's).
 */
export interface TrainingLock {
  acquire(ttlMs: number): Promise<number | undefined>;
  release(token: number): Promise<boolean>;
}

/** In-process lock (embedded mode: one process, so no other replica to exclude). */
export function createMemoryTrainingLock(now: () => number = Date.now): TrainingLock {
  let fence = 0;
  let holder: { token: number; expiresAt: number } | undefined;
  return {
    acquire(ttlMs) {
      fence += 1;
      if (holder !== undefined && holder.expiresAt > now()) return Promise.resolve(undefined);
      holder = { token: fence, expiresAt: now() + ttlMs };
      return Promise.resolve(fence);
    },
    release(token) {
      if (holder?.token !== token || holder.expiresAt <= now()) return Promise.resolve(false);
      holder = undefined;
      return Promise.resolve(true);
    },
  };
}
