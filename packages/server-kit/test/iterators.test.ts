import { describe, expect, it } from 'vitest';
import { createPushIterator, mapAsyncIterator } from '../src/index.ts';

describe('push iterator', () => {
  it('hands out queued values in order, then waits for the next one', async () => {
    const iterator = createPushIterator<number>();
    iterator.push(1);
    iterator.push(2);
    await expect(iterator.next()).resolves.toEqual({ value: 1, done: false });
    await expect(iterator.next()).resolves.toEqual({ value: 2, done: false });
    const third = iterator.next();
    iterator.push(3);
    await expect(third).resolves.toEqual({ value: 3, done: false });
    expect(iterator.pending).toBe(0);
  });

  it('ends a pending next() at once on return() and cleans up exactly once', async () => {
    let closed = 0;
    const iterator = createPushIterator<number>(() => (closed += 1));
    const pending = iterator.next();
    await iterator.return();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    await iterator.return();
    iterator.push(4);
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });

  it('delivers what was queued before end() or fail(), then finishes', async () => {
    let closed = 0;
    const ended = createPushIterator<string>(() => (closed += 1));
    ended.push('a');
    ended.end();
    ended.push('ignored');
    await expect(ended.next()).resolves.toEqual({ value: 'a', done: false });
    await expect(ended.next()).resolves.toEqual({ value: undefined, done: true });
    const failed = createPushIterator<string>(() => (closed += 1));
    failed.push('b');
    failed.fail(new Error('too slow'));
    await expect(failed.next()).resolves.toEqual({ value: 'b', done: false });
    await expect(failed.next()).rejects.toThrow('too slow');
    expect(closed).toBe(2);
  });
});

describe('mapAsyncIterator', () => {
  it('maps each value and passes return() to the source even while a next() is pending', async () => {
    let sourceClosed = false;
    let mappedClosed = 0;
    const source = createPushIterator<number>(() => (sourceClosed = true));
    const mapped = mapAsyncIterator(
      source,
      (value) => Promise.resolve(value * 10),
      () => (mappedClosed += 1),
    );
    source.push(1);
    await expect(mapped.next()).resolves.toEqual({ value: 10, done: false });
    const pending = mapped.next();
    await mapped.return?.();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(sourceClosed).toBe(true);
    expect(mappedClosed).toBe(1);
  });

  it('runs its cleanup when the source ends or fails', async () => {
    let closed = 0;
    const source = createPushIterator<number>();
    const mapped = mapAsyncIterator(
      source,
      (value) => value,
      () => (closed += 1),
    );
    source.fail(new Error('gone'));
    await expect(mapped.next()).rejects.toThrow('gone');
    expect(closed).toBe(1);
  });
});
