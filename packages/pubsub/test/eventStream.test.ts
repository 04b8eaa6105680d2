import { createMemoryEventStream } from '../src/index.ts';
import { describeEventStreamContract, type StreamTopics } from './eventStreamContract.ts';

describeEventStreamContract('In-process event stream', () =>
  createMemoryEventStream<StreamTopics>(),
);
