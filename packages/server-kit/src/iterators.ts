/**
 * Async iterators for subscriptions, written by hand because an async generator cannot be
 * stopped while it awaits: `return()` on a generator parked in `await` waits for that await to
 * settle, so a subscriber that went away while no event was coming would never be cleaned up.
 * Here `return()` ends a pending `next()` at once and runs the cleanup.
 */

export interface PushIterator<T> extends AsyncIterableIterator<T, undefined> {
  /** Queues a value for `next()`; ignored once the iterator has finished. */
  push(value: T): void;
  /** After what is queued, `next()` rejects with `error` and the iterator finishes. */
  fail(error: unknown): void;
  /** After what is queued, the iterator is done. */
  end(): void;
  /** Values queued and not yet taken. */
  readonly pending: number;
  return(): Promise<IteratorReturnResult<undefined>>;
}

const done = (): IteratorReturnResult<undefined> => ({ value: undefined, done: true });

/** A queue consumed as an async iterator; `onClose` runs once, however it finishes. */
export function createPushIterator<T>(onClose: () => void = () => {}): PushIterator<T> {
  const queue: T[] = [];
  let waiting:
    | { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void }
    | undefined;
  let ending: { error: Error } | 'done' | undefined;
  let closed = false;

  const close = () => {
    if (closed) return;
    closed = true;
    queue.length = 0;
    onClose();
  };
  const settleWaiter = () => {
    const waiter = waiting;
    if (waiter === undefined) return;
    if (queue.length > 0) {
      waiting = undefined;
      waiter.resolve({ value: queue.shift() as T, done: false });
    } else if (ending !== undefined || closed) {
      waiting = undefined;
      const reason = ending;
      close();
      if (typeof reason === 'object') waiter.reject(reason.error);
      else waiter.resolve(done());
    }
  };

  const iterator: PushIterator<T> = {
    push(value) {
      if (closed || ending !== undefined) return;
      queue.push(value);
      settleWaiter();
    },
    fail(error) {
      if (closed || ending !== undefined) return;
      ending = { error: error instanceof Error ? error : new Error(String(error)) };
      settleWaiter();
    },
    end() {
      if (closed || ending !== undefined) return;
      ending = 'done';
      settleWaiter();
    },
    get pending() {
      return queue.length;
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (closed) return Promise.resolve(done());
      if (ending !== undefined) {
        const reason = ending;
        close();
        return typeof reason === 'object' ? Promise.reject(reason.error) : Promise.resolve(done());
      }
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return() {
      close();
      settleWaiter();
      return Promise.resolve(done());
    },
    throw(error: unknown) {
      close();
      settleWaiter();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * `source` with `map` applied to each value; `return()` reaches the source at once (even while a
 * `next()` is pending) and `onClose` runs once when the mapped iterator finishes in any way.
 */
export function mapAsyncIterator<T, U>(
  source: AsyncIterator<T>,
  map: (value: T) => Promise<U> | U,
  onClose: () => void = () => {},
): AsyncIterableIterator<U, undefined> {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  const iterator: AsyncIterableIterator<U, undefined> = {
    async next() {
      if (closed) return done();
      try {
        const result = await source.next();
        if (result.done === true) {
          close();
          return done();
        }
        return { value: await map(result.value), done: false };
      } catch (error) {
        close();
        throw error;
      }
    },
    async return() {
      if (!closed) {
        close();
        await source.return?.();
      }
      return done();
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
