import type { Redis } from 'ioredis';
import { createMemoryTrainingLock, type TrainingLock } from './lock.ts';
import { createRedisTrainingLock } from './redisLock.ts';

/**
 * The lock scheduled runs and `marquee train` share: on Redis when the process has it (every
 * replica contends for one lock), else in process (the embedded default runs one process).
 */
export function openTrainingLock(redis: Redis | undefined, prefix: string): TrainingLock {
  return redis === undefined ? createMemoryTrainingLock() : createRedisTrainingLock(redis, prefix);
}
