import type { Redis } from 'ioredis';
import type { TrainingLock } from './lock.ts';

// Deletes the lock only if it still holds the caller's token: a holder whose lock expired (and
// was taken by another replica) must not free the new holder's.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * The training lock on Redis, shared by every replica: `SET lock <token> NX PX ttl`, where the
 * token comes from `INCR` on a counter, so tokens only ever grow (a fencing token recorded in
 * each snapshot's metadata).
 */
export function createRedisTrainingLock(redis: Redis, prefix: string): TrainingLock {
  const lockKey = `${prefix}recommendations:train-lock`;
  const fenceKey = `${prefix}recommendations:train-fence`;
  return {
    async acquire(ttlMs) {
      const token = await redis.incr(fenceKey);
      const taken = await redis.set(lockKey, String(token), 'PX', ttlMs, 'NX');
      return taken === 'OK' ? token : undefined;
    },
    async release(token) {
      const deleted = await redis.eval(RELEASE, 1, lockKey, String(token));
      return deleted === 1;
    },
  };
}
