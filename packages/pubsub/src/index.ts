export type { PubSub, TopicIterator, HandlerErrorReporter } from './pubsub.ts';
export { createRedisPubSub } from './redisPubSub.ts';
export type { RedisPubSubOptions } from './redisPubSub.ts';
export { createMemoryPubSub } from './memoryPubSub.ts';
export type { MemoryPubSubOptions } from './memoryPubSub.ts';
export type {
  AccountDeletedEvent,
  MarqueeTopics,
  MoviesAddedEvent,
  CatalogChangedEvent,
  RatingChangedEvent,
  EventCause,
  RecommendationsUpdatedEvent,
  RecommendedMovie,
} from './topics.ts';
export type { ConsumeOptions, EventStream, StreamEvent } from './eventStream.ts';
export { createMemoryEventStream } from './memoryEventStream.ts';
export { createRedisEventStream } from './redisEventStream.ts';
export type { RedisEventStreamOptions } from './redisEventStream.ts';
