import { setTimeout as sleep } from 'node:timers/promises';
import { cacheKey, type LockStore } from '@marquee/cache';

/** How long a replica's claim on an event lasts: far longer than any replica takes to hear it. */
const CLAIM_TTL_SECONDS = 3600;

/**
 * Every replica hears every event; the first to lock this key handles it, so a change is
 * applied, and announced, once however many replicas run. The claim is never unlocked unless its
 * handling failed: it lapses with its TTL.
 */
export const claim = (locks: LockStore, kind: string, id: string) =>
  locks.lock(cacheKey('recommendations', kind, id), CLAIM_TTL_SECONDS);

/** A user's recompute lock outlives any recompute; a holder that died frees it after this. */
const USER_LOCK_TTL_SECONDS = 10;

/**
 * Runs `work` while holding the user's recompute lock, shared by every replica. Replicas handle
 * different events of one user, so without it two recomputes could overlap and the later write
 * be the one that had not seen the newest rating. Every handler records its rating before
 * taking the lock, so whichever recompute runs last sees them all.
 */
export async function withUserLock(
  locks: LockStore,
  userId: string,
  work: () => Promise<unknown>,
): Promise<void> {
  const key = cacheKey('recommendations', 'userLock', userId);
  const deadline = Date.now() + USER_LOCK_TTL_SECONDS * 1000;
  let held = await locks.lock(key, USER_LOCK_TTL_SECONDS);
  while (!held && Date.now() < deadline) {
    await sleep(10);
    held = await locks.lock(key, USER_LOCK_TTL_SECONDS);
  }
  // Past the deadline the holder died (its lock lapses with the TTL): run anyway, owning nothing.
  const takenAt = Date.now();
  try {
    await work();
  } finally {
    // Free only a lock this call took, and only while it cannot have lapsed to another replica.
    if (held && Date.now() - takenAt < USER_LOCK_TTL_SECONDS * 1000) await locks.unlock(key);
  }
}
