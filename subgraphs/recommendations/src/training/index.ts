/**
 * Training's public face (`@marquee/recommendations/training`): what the `marquee train` command
 * and the runtime need to train, schedule and exclude concurrent runs, without the subgraph.
 */
export { MODEL_PUBLISHED, trainAndPublish, type TrainOptions, type TrainResult } from './job.ts';
export { createMemoryTrainingLock, type TrainingLock } from './lock.ts';
export { createRedisTrainingLock } from './redisLock.ts';
export { openTrainingLock } from './sharedLock.ts';
export { scheduleTraining, type TrainingScheduleOptions } from './schedule.ts';
