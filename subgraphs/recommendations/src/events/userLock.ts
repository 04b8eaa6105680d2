import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { cacheKey, type Cache } from '@marquee/cache';

/** How long a replica's claim on an event lasts: far longer than any replica takes to hear it. */
const CLAIM_TTL_SECONDS = 3600;

/**
 * Every replica hears every event; the first to `add` this key handles it, so a change is
 * applied, and announced, once however many replicas run.
 */
export const claim = (claims: Cache, kind: string, id: string) =>
  claims.add(cacheKey('recommendations', kind, id), 1, CLAIM_TTL_SECONDS);

/** Gives a claim back (its handling failed), so a redelivery of the event is not skipped. */
export const unclaim = (claims: Cache, kind: string, id: string) =>
  claims.delete(cacheKey('recommendations', kind, id));

/** A user's recompute lock outlives any recompute; a holder that died frees it after this. */
const USER_LOCK_TTL_SECONDS = 10;

/**
 * Runs `work` while holding the user's recompute lock, shared by every replica. Replicas handle
 * different events of one user, so without it two recomputes could overlap and the later write
 * be the one that had not seen the newest rating. Every handler records its rating before
 * taking the lock, so whichever recompute runs last sees them all.
 */
export async function withUserLock(
  claims: Cache,
  userId: string,
  work: () => Promise<unknown>,
): Promise<void> {
  const key = cacheKey('recommendations', 'userLock', userId);
  const deadline = Date.now() + USER_LOCK_TTL_SECONDS * 1000;
  let held = await claims.add(key, randomUUID(), USER_LOCK_TTL_SECONDS);
  while (!held && Date.now() < deadline) {
    await sleep(10);
    held = await claims.add(key, randomUUID(), USER_LOCK_TTL_SECONDS);
  }
  // Past the deadline the holder died (its lock lapses with the TTL): run anyway, owning nothing.
  const takenAt = Date.now();
  try {
    await work();
  } finally {
    // Free only a lock this call took, and only while it cannot have lapsed to another replica.
    if (held && Date.now() - takenAt < USER_LOCK_TTL_SECONDS * 1000) await claims.delete(key);
  }
}
