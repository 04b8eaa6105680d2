import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DisposalStack, createTestRedisPrefix } from '@marquee/testing';
import { createRedisPubSub, type HandlerErrorReporter } from '../src/index.ts';
import { describePubSubContract, type TestTopics } from './pubsubContract.ts';
import { record } from './recorder.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

const connect = () => stack.adopt(new Redis(inject('testRedisUrl')), (client) => client.quit());
const filePrefix = createTestRedisPrefix();

/** A pubsub on connections of its own, as one replica of a service would have. */
function replica(prefix: string, onHandlerError?: HandlerErrorReporter) {
  const pubsub = createRedisPubSub<TestTopics>({
    publisher: connect(),
    subscriber: connect(),
    prefix,
    ...(onHandlerError === undefined ? {} : { onHandlerError }),
  });
  // Registered after the connections, so it closes before they quit.
  return stack.adopt(pubsub, (opened) => opened.close());
}

describePubSubContract('Redis pubsub', ({ prefix, onHandlerError }) =>
  replica(filePrefix + prefix, onHandlerError),
);

const observer = connect();
async function subscriberCount(channel: string): Promise<number> {
  const [, count] = (await observer.pubsub('NUMSUB', channel)) as [string, number];
  return count;
}

describe('Redis pubsub', () => {
  it('delivers an event published by one replica exactly once to each subscriber of another', async () => {
    const prefix = `${filePrefix}replicas:`;
    const publishing = replica(prefix);
    const receiving = replica(prefix);
    const first = record<TestTopics['greeting']>();
    const second = record<TestTopics['greeting']>();
    const own = record<TestTopics['greeting']>();
    await receiving.subscribe('greeting', first.handler);
    await receiving.subscribe('greeting', second.handler);
    await publishing.subscribe('greeting', own.handler);

    await publishing.publish('greeting', { text: 'from replica A' });
    await publishing.publish('greeting', { text: 'sentinel' });

    const expected = [{ text: 'from replica A' }, { text: 'sentinel' }];
    await expect(first.waitFor(2)).resolves.toEqual(expected);
    await expect(second.waitFor(2)).resolves.toEqual(expected);
    await expect(own.waitFor(2)).resolves.toEqual(expected);
    // Two handlers on one replica share one Redis subscription.
    await expect(subscriberCount(`${prefix}greeting`)).resolves.toBe(2);
  });

  it('publishes on the channel prefix + topic', async () => {
    const prefix = `${filePrefix}channel:`;
    const pubsub = replica(prefix);
    const raw = connect();
    const messages: [string, string][] = [];
    raw.on('message', (channel: string, message: string) => messages.push([channel, message]));
    await raw.subscribe(`${prefix}greeting`);

    await pubsub.publish('greeting', { text: 'raw' });

    await expect.poll(() => messages).toEqual([[`${prefix}greeting`, '{"text":"raw"}']]);
  });

  it('releases the Redis subscription when the last subscriber or iterator leaves', async () => {
    const prefix = `${filePrefix}release:`;
    const pubsub = replica(prefix);
    const first = await pubsub.subscribe('greeting', () => {});
    const second = await pubsub.subscribe('greeting', () => {});
    await expect(subscriberCount(`${prefix}greeting`)).resolves.toBe(1);

    await first();
    await expect(subscriberCount(`${prefix}greeting`)).resolves.toBe(1);
    await second();
    await expect(subscriberCount(`${prefix}greeting`)).resolves.toBe(0);

    const iterator = pubsub.asyncIterator(['greeting', 'other']);
    await iterator.ready;
    await expect(subscriberCount(`${prefix}other`)).resolves.toBe(1);
    await iterator.return();
    await expect(subscriberCount(`${prefix}greeting`)).resolves.toBe(0);
    await expect(subscriberCount(`${prefix}other`)).resolves.toBe(0);
  });

  it('ignores and reports a message on its channel that is not JSON', async () => {
    const prefix = `${filePrefix}garbage:`;
    const reported: string[] = [];
    const pubsub = replica(prefix, (error) => reported.push(String(error)));
    const received = record<TestTopics['greeting']>();
    await pubsub.subscribe('greeting', received.handler);

    await observer.publish(`${prefix}greeting`, 'not json {');
    await pubsub.publish('greeting', { text: 'valid' });

    await expect(received.waitFor(1)).resolves.toEqual([{ text: 'valid' }]);
    expect(reported).toEqual(['Error: Ignored a message that is not JSON on "greeting"']);
  });

  it('lets pubsubs with different prefixes share connections, and close one without the other', async () => {
    const publisher = connect();
    const subscriber = connect();
    const listenersBefore = subscriber.listenerCount('message');
    const first = createRedisPubSub<TestTopics>({
      publisher,
      subscriber,
      prefix: `${filePrefix}shared-1:`,
    });
    const second = stack.adopt(
      createRedisPubSub<TestTopics>({ publisher, subscriber, prefix: `${filePrefix}shared-2:` }),
      (opened) => opened.close(),
    );
    const toFirst = record<TestTopics['greeting']>();
    const toSecond = record<TestTopics['greeting']>();
    await first.subscribe('greeting', toFirst.handler);
    await second.subscribe('greeting', toSecond.handler);

    await first.publish('greeting', { text: 'one' });
    await second.publish('greeting', { text: 'two' });
    await expect(toFirst.waitFor(1)).resolves.toEqual([{ text: 'one' }]);
    await expect(toSecond.waitFor(1)).resolves.toEqual([{ text: 'two' }]);

    await first.close();
    expect(subscriber.listenerCount('message')).toBe(listenersBefore + 1);
    await expect(subscriberCount(`${filePrefix}shared-1:greeting`)).resolves.toBe(0);
    await second.publish('greeting', { text: 'three' });
    await expect(toSecond.waitFor(2)).resolves.toEqual([{ text: 'two' }, { text: 'three' }]);
    await expect(publisher.ping()).resolves.toBe('PONG');
  });

  it('quits its connections on close only when it owns them', async () => {
    const publisher = new Redis(inject('testRedisUrl'));
    const subscriber = new Redis(inject('testRedisUrl'));
    const pubsub = createRedisPubSub<TestTopics>({
      publisher,
      subscriber,
      prefix: `${filePrefix}owned:`,
      ownsConnections: true,
    });
    await pubsub.subscribe('greeting', () => {});

    await pubsub.close();

    await expect(publisher.ping()).rejects.toThrow(/closed/);
    await expect(subscriber.ping()).rejects.toThrow(/closed/);
  });

  it('refuses an empty prefix and a single connection for both roles', () => {
    const client = connect();

    expect(() =>
      createRedisPubSub({ publisher: client, subscriber: connect(), prefix: ' ' }),
    ).toThrow(/prefix/);
    expect(() =>
      createRedisPubSub({ publisher: client, subscriber: client, prefix: 'p:' }),
    ).toThrow(/separate/);
  });
});
