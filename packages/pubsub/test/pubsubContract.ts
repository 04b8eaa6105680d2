import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HandlerErrorReporter, PubSub } from '../src/index.ts';
import { record } from './recorder.ts';

export interface TestTopics {
  greeting: { text: string };
  other: { text: string };
  nested: Record<string, unknown>;
  [topic: string]: unknown;
}

export interface CreatePubSubOptions {
  /** Implementations without a shared server may ignore it. */
  prefix: string;
  onHandlerError?: HandlerErrorReporter;
}

/** Creates a pubsub; the caller's disposal stack closes it and any connections it needed. */
export type CreatePubSub = (options: CreatePubSubOptions) => PubSub<TestTopics>;

/**
 * The behaviour every PubSub implementation shares. "Nothing else arrived" is proven by ordering
 * rather than by sleeping: a later sentinel event arriving means an earlier one would have too.
 */
export function describePubSubContract(name: string, createPubSub: CreatePubSub): void {
  const fresh = (options: Omit<CreatePubSubOptions, 'prefix'> = {}) =>
    createPubSub({ prefix: `contract:${randomUUID()}:`, ...options });

  describe(`${name} (PubSub contract)`, () => {
    it('delivers a published event to a subscriber', async () => {
      const pubsub = fresh();
      const received = record<TestTopics['greeting']>();
      await pubsub.subscribe('greeting', received.handler);

      await pubsub.publish('greeting', { text: 'hello' });

      await expect(received.waitFor(1)).resolves.toEqual([{ text: 'hello' }]);
    });

    it('delivers to every subscriber of the topic', async () => {
      const pubsub = fresh();
      const first = record<TestTopics['greeting']>();
      const second = record<TestTopics['greeting']>();
      await pubsub.subscribe('greeting', first.handler);
      await pubsub.subscribe('greeting', second.handler);

      await pubsub.publish('greeting', { text: 'to both' });

      await expect(first.waitFor(1)).resolves.toEqual([{ text: 'to both' }]);
      await expect(second.waitFor(1)).resolves.toEqual([{ text: 'to both' }]);
    });

    it('stops delivering once unsubscribed, to that subscriber only', async () => {
      const pubsub = fresh();
      const leaving = record<TestTopics['greeting']>();
      const staying = record<TestTopics['greeting']>();
      const unsubscribe = await pubsub.subscribe('greeting', leaving.handler);
      await pubsub.subscribe('greeting', staying.handler);
      await pubsub.publish('greeting', { text: 'before' });
      await leaving.waitFor(1);

      await unsubscribe();
      await unsubscribe(); // a second call is harmless
      await pubsub.publish('greeting', { text: 'after' });

      await expect(staying.waitFor(2)).resolves.toEqual([{ text: 'before' }, { text: 'after' }]);
      expect(leaving.events).toEqual([{ text: 'before' }]);
    });

    it('keeps topics apart', async () => {
      const pubsub = fresh();
      const greetings = record<TestTopics['greeting']>();
      const others = record<TestTopics['other']>();
      await pubsub.subscribe('greeting', greetings.handler);
      await pubsub.subscribe('other', others.handler);

      await pubsub.publish('other', { text: 'other 1' });
      await pubsub.publish('greeting', { text: 'greeting 1' });
      await pubsub.publish('other', { text: 'other 2' });

      await expect(others.waitFor(2)).resolves.toEqual([{ text: 'other 1' }, { text: 'other 2' }]);
      expect(greetings.events).toEqual([{ text: 'greeting 1' }]);
    });

    it('keeps pubsubs with different prefixes apart', async () => {
      const first = fresh();
      const second = fresh();
      const toFirst = record<TestTopics['greeting']>();
      const toSecond = record<TestTopics['greeting']>();
      await first.subscribe('greeting', toFirst.handler);
      await second.subscribe('greeting', toSecond.handler);

      await first.publish('greeting', { text: 'first' });
      await second.publish('greeting', { text: 'second' });
      await first.publish('greeting', { text: 'first, end' });
      await second.publish('greeting', { text: 'second, end' });

      await expect(toFirst.waitFor(2)).resolves.toEqual([
        { text: 'first' },
        { text: 'first, end' },
      ]);
      await expect(toSecond.waitFor(2)).resolves.toEqual([
        { text: 'second' },
        { text: 'second, end' },
      ]);
    });

    it('asyncIterator yields events in publish order, and return() unsubscribes', async () => {
      const pubsub = fresh();
      const iterator = pubsub.asyncIterator('greeting');
      await iterator.ready;

      for (const text of ['one', 'two', 'three']) await pubsub.publish('greeting', { text });

      await expect(iterator.next()).resolves.toEqual({ done: false, value: { text: 'one' } });
      await expect(iterator.next()).resolves.toEqual({ done: false, value: { text: 'two' } });
      await expect(iterator.next()).resolves.toEqual({ done: false, value: { text: 'three' } });
      const pending = iterator.next();
      await expect(iterator.return()).resolves.toEqual({ done: true, value: undefined });
      await expect(pending).resolves.toEqual({ done: true, value: undefined });

      const sentinel = record<TestTopics['greeting']>();
      await pubsub.subscribe('greeting', sentinel.handler);
      await pubsub.publish('greeting', { text: 'after return' });
      await sentinel.waitFor(1);
      await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    });

    it('asyncIterator merges several topics and ends a for-await loop on break', async () => {
      const pubsub = fresh();
      const iterator = pubsub.asyncIterator(['greeting', 'other']);
      await iterator.ready;
      await pubsub.publish('other', { text: 'o' });
      await pubsub.publish('greeting', { text: 'g' });
      await pubsub.publish('other', { text: 'stop' });

      const seen: unknown[] = [];
      for await (const event of iterator) {
        seen.push(event);
        if (seen.length === 3) break;
      }

      expect(seen).toEqual([{ text: 'o' }, { text: 'g' }, { text: 'stop' }]);
      await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    });

    it('round-trips payloads: nested objects, arrays, unicode, null', async () => {
      const pubsub = fresh();
      const received = record<TestTopics['nested']>();
      await pubsub.subscribe('nested', received.handler);
      const payload = {
        title: 'Le Fabuleux Destin d’Amélie Poulain',
        scripts: ['千と千尋の神隠し', 'Крёстный отец', 'الرسالة', '🎬🍿', 'e\u0301'],
        quoted: 'she said "hi" \\ bye\n',
        deep: { level: { list: [1, 2.5, -3, null, true, { empty: {} }, []] } },
        nothing: null,
      };

      await pubsub.publish('nested', payload);

      const [delivered] = await received.waitFor(1);
      expect(delivered).toEqual(payload);
      expect(delivered).not.toBe(payload);
    });

    it('keeps delivering to other subscribers when a handler throws, and reports the error', async () => {
      const reported: [unknown, string][] = [];
      const pubsub = fresh({ onHandlerError: (error, topic) => reported.push([error, topic]) });
      const received = record<TestTopics['greeting']>();
      await pubsub.subscribe('greeting', () => {
        throw new Error('handler bug');
      });
      await pubsub.subscribe('greeting', received.handler);

      await pubsub.publish('greeting', { text: 'still delivered' });

      await expect(received.waitFor(1)).resolves.toEqual([{ text: 'still delivered' }]);
      expect(reported).toEqual([[new Error('handler bug'), 'greeting']]);
    });

    it('refuses payloads that are not JSON and empty topics', async () => {
      const pubsub = fresh();

      await expect(pubsub.publish('nested', undefined as never)).rejects.toThrow(TypeError);
      await expect(pubsub.publish('', { text: 'x' })).rejects.toThrow(TypeError);
      await expect(pubsub.subscribe('', () => {})).rejects.toThrow(TypeError);
    });

    it('close ends open iterators and refuses further use', async () => {
      const pubsub = fresh();
      const iterator = pubsub.asyncIterator('greeting');
      await iterator.ready;
      const pending = iterator.next();

      await pubsub.close();

      await expect(pending).resolves.toEqual({ done: true, value: undefined });
      await expect(pubsub.publish('greeting', { text: 'late' })).rejects.toThrow(/closed/);
      await expect(pubsub.subscribe('greeting', () => {})).rejects.toThrow(/closed/);
      await expect(pubsub.asyncIterator('greeting').next()).rejects.toThrow(/closed/);
      await expect(pubsub.close()).resolves.toBeUndefined();
    });
  });
}
