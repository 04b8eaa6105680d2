import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { DisposalStack } from '@marquee/testing';
import {
  createMemoryPubSub,
  type MarqueeTopics,
  type RatingChangedEvent,
  type RecommendationsUpdatedEvent,
  type TopicIterator,
} from '../src/index.ts';
import { describePubSubContract, type TestTopics } from './pubsubContract.ts';
import { record } from './recorder.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

describePubSubContract('memory pubsub', ({ onHandlerError }) =>
  stack.adopt(
    createMemoryPubSub<TestTopics>(onHandlerError === undefined ? {} : { onHandlerError }),
    (pubsub) => pubsub.close(),
  ),
);

describe('memory pubsub', () => {
  it('delivers after publish returns control, like a networked pubsub', async () => {
    const pubsub = stack.adopt(createMemoryPubSub<TestTopics>(), (opened) => opened.close());
    const received = record<TestTopics['greeting']>();
    await pubsub.subscribe('greeting', received.handler);

    const published = pubsub.publish('greeting', { text: 'later' });
    expect(received.events).toEqual([]);
    await published;

    await expect(received.waitFor(1)).resolves.toEqual([{ text: 'later' }]);
  });

  it('drops an event already published to a subscription ended before delivery', async () => {
    const pubsub = stack.adopt(createMemoryPubSub<TestTopics>(), (opened) => opened.close());
    const leaving = record<TestTopics['greeting']>();
    const staying = record<TestTopics['greeting']>();
    const unsubscribe = await pubsub.subscribe('greeting', leaving.handler);
    await pubsub.subscribe('greeting', staying.handler);

    const published = pubsub.publish('greeting', { text: 'in flight' });
    await unsubscribe();
    await published;

    await staying.waitFor(1);
    expect(leaving.events).toEqual([]);
  });
});

describe('MarqueeTopics', () => {
  it('types each topic with its payload', () => {
    const pubsub = createMemoryPubSub<MarqueeTopics>();
    stack.defer(() => pubsub.close());

    expectTypeOf<
      Parameters<typeof pubsub.publish<'rating.changed'>>[1]
    >().toEqualTypeOf<RatingChangedEvent>();
    expectTypeOf(pubsub.asyncIterator('recommendations.updated')).toEqualTypeOf<
      TopicIterator<RecommendationsUpdatedEvent>
    >();
    // @ts-expect-error a rating.changed payload needs userId, movieId, rating and at
    void pubsub.publish('rating.changed', { movieId: 'm1' }).catch(() => {});
  });
});
