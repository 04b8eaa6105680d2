import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DisposalStack, createTestRedisPrefix } from '@marquee/testing';
import { createRedisEventStream } from '../src/index.ts';
import { describeEventStreamContract, type StreamTopics } from './eventStreamContract.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

const url = inject('testRedisUrl');
const filePrefix = createTestRedisPrefix();
let streams = 0;

function open(prefix = `${filePrefix}${(streams += 1)}:`) {
  const redis = stack.adopt(new Redis(url), (client) => client.quit());
  const stream = createRedisEventStream<StreamTopics>({
    redis,
    prefix,
    blockingConnection: () =>
      stack.adopt(new Redis(url), (client) => Promise.resolve(client.disconnect())),
  });
  return stack.adopt(stream, (opened) => opened.close());
}

describeEventStreamContract('Redis event stream', () => open());

describe('Redis event stream', () => {
  it('takes over events a consumer read but never acknowledged (it died) after retryMs', async () => {
    const prefix = `${filePrefix}takeover:`;
    const stream = open(prefix);
    const raw = stack.adopt(new Redis(url), (client) => client.quit());
    await stream.append('n.changed', [{ id: 'e1', payload: { n: 1 } }]);
    // A consumer that read the entry and vanished: it stays pending in the group.
    await raw.xgroup('CREATE', `${prefix}stream:n.changed`, 'g', '0', 'MKSTREAM');
    await raw.xreadgroup(
      'GROUP',
      'g',
      'dead',
      'COUNT',
      10,
      'STREAMS',
      `${prefix}stream:n.changed`,
      '>',
    );
    const handled: string[] = [];
    const stop = await stream.consume(
      'n.changed',
      'g',
      (event) => {
        handled.push(event.id);
        return Promise.resolve();
      },
      { retryMs: 300 },
    );
    await expect.poll(() => handled, { timeout: 5000 }).toEqual(['e1']);
    const [, , , pending] = (await raw.xpending(`${prefix}stream:n.changed`, 'g')) as [
      number,
      unknown,
      unknown,
      unknown,
    ];
    expect(pending).toBeNull();
    await stop();
  });
  it('starts consuming although Redis did not answer the group creation, and delivers what was appended before and after', async () => {
    const prefix = `${filePrefix}late-group:`;
    const redis = stack.adopt(new Redis(url), (client) => client.quit());
    // The first XGROUP CREATE fails as a command timeout would (Redis slow or away at startup).
    const create = redis.xgroup.bind(redis) as (...args: unknown[]) => Promise<unknown>;
    let failures = 1;
    (redis as unknown as { xgroup: unknown }).xgroup = (...args: unknown[]) =>
      failures-- > 0 ? Promise.reject(new Error('Command timed out')) : create(...args);
    const stream = stack.adopt(
      createRedisEventStream<StreamTopics>({
        redis,
        prefix,
        blockingConnection: () =>
          stack.adopt(new Redis(url), (client) => Promise.resolve(client.disconnect())),
      }),
      (opened) => opened.close(),
    );
    await stream.append('n.changed', [{ id: 'before', payload: { n: 1 } }]);
    const errors: string[] = [];
    const handled: string[] = [];
    await stream.consume(
      'n.changed',
      'g',
      (event) => {
        handled.push(event.id);
        return Promise.resolve();
      },
      { onError: (error) => errors.push((error as Error).message) },
    );
    expect(errors).toEqual(['Command timed out']);
    await stream.append('n.changed', [{ id: 'after', payload: { n: 2 } }]);
    await expect.poll(() => handled, { timeout: 5000 }).toEqual(['before', 'after']);
  });
});
