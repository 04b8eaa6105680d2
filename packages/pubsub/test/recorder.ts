/** Collects a subscriber's events and lets a test await the nth one, with a bounded wait. */
export interface Recorder<T> {
  readonly events: T[];
  readonly handler: (payload: T) => void;
  /** Resolves once `count` events have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
}

export function record<T>(): Recorder<T> {
  const events: T[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    events,
    handler(payload) {
      events.push(payload);
      for (const waiter of waiters.filter((entry) => events.length >= entry.count))
        waiter.resolve();
    },
    async waitFor(count, timeoutMs = 5_000) {
      if (events.length < count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                new Error(
                  `Waited ${timeoutMs} ms for ${count} event(s), got ${JSON.stringify(events)}`,
                ),
              ),
            timeoutMs,
          );
          waiters.push({
            count,
            resolve: () => {
              clearTimeout(timer);
              resolve();
            },
          });
        });
      }
      return events;
    },
  };
}
