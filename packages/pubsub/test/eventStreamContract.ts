import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventStream, StreamEvent } from '../src/index.ts';

export interface StreamTopics {
  [topic: string]: unknown;
  'n.changed': { n: number };
}

/** A fresh stream for one test (its own key prefix on Redis); the suite stops what it consumes. */
export type OpenStream = () => EventStream<StreamTopics>;

const events = (...ns: number[]): StreamEvent<{ n: number }>[] =>
  ns.map((n) => ({ id: randomUUID(), payload: { n } }));

/** Collects what `group` handles, failing each event whose n is in `failOnce` the first time. */
async function collect(stream: EventStream<StreamTopics>, group: string, failOnce: number[] = []) {
  const handled: number[] = [];
  const failed = new Set<number>();
  const stop = await stream.consume(
    'n.changed',
    group,
    ({ payload }) => {
      if (failOnce.includes(payload.n) && !failed.has(payload.n)) {
        failed.add(payload.n);
        return Promise.reject(new Error(`event ${payload.n} failed`));
      }
      handled.push(payload.n);
      return Promise.resolve();
    },
    { retryMs: 200 },
  );
  return { handled, stop };
}

/** The at-least-once contract every EventStream implementation passes. */
export function describeEventStreamContract(name: string, open: OpenStream): void {
  describe(`${name} (event stream contract)`, () => {
    it('delivers events appended before the group first consumed, in order', async () => {
      const stream = open();
      await stream.append('n.changed', events(1, 2, 3));
      const { handled, stop } = await collect(stream, 'late');
      await expect.poll(() => handled).toEqual([1, 2, 3]);
      await stop();
    });

    it('hands each event to one consumer of a group, and every event to each group', async () => {
      const stream = open();
      const [a, b, other] = [
        await collect(stream, 'shared'),
        await collect(stream, 'shared'),
        await collect(stream, 'other'),
      ];
      await stream.append('n.changed', events(1, 2, 3, 4, 5, 6));
      await expect.poll(() => [...a.handled, ...b.handled].sort()).toEqual([1, 2, 3, 4, 5, 6]);
      await expect.poll(() => other.handled).toEqual([1, 2, 3, 4, 5, 6]);
      for (const consumer of [a, b, other]) await consumer.stop();
    });

    it('delivers again an event whose handler failed, and never an acknowledged one', async () => {
      const stream = open();
      const consumer = await collect(stream, 'retrying', [2]);
      await stream.append('n.changed', events(1, 2, 3));
      await expect.poll(() => [...consumer.handled].sort(), { timeout: 5000 }).toEqual([1, 2, 3]);
      await consumer.stop();
      // A consumer of the same group started later (a restarted service) sees nothing twice.
      const restarted = await collect(stream, 'retrying');
      await stream.append('n.changed', events(4));
      await expect.poll(() => restarted.handled).toEqual([4]);
      await restarted.stop();
    });

    it('keeps what was appended while no consumer of the group ran, for the next one', async () => {
      const stream = open();
      const first = await collect(stream, 'restarts');
      await stream.append('n.changed', events(1));
      await expect.poll(() => first.handled).toEqual([1]);
      await first.stop();
      await stream.append('n.changed', events(2, 3));
      const second = await collect(stream, 'restarts');
      await expect.poll(() => second.handled).toEqual([2, 3]);
      await second.stop();
    });

    it('gives each event to the handler as its own JSON copy, with the producer id', async () => {
      const stream = open();
      const seen: StreamEvent<{ n: number }>[] = [];
      const stop = await stream.consume('n.changed', 'copies', (event) => {
        seen.push(event);
        return Promise.resolve();
      });
      const appended = events(7);
      await stream.append('n.changed', appended);
      await expect.poll(() => seen).toEqual(appended);
      expect(seen[0]?.payload).not.toBe(appended[0]?.payload);
      await stop();
    });
  });
}
