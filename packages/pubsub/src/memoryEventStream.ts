import {
  DEFAULT_RETRY_MS,
  type ConsumeOptions,
  type EventStream,
  type StreamEvent,
} from './eventStream.ts';

interface Group {
  /** Index of the next event no consumer of the group has been handed. */
  next: number;
  /** Events whose handler failed, due again after `retryMs`. */
  retry: number[];
  wakers: Set<() => void>;
}

/**
 * The event stream in one process (the embedded default), with the contract of the Redis one:
 * every group sees every event, appended before or after it started; within a group each event
 * goes to one consumer; an event whose handler failed is handed out again after `retryMs`.
 * Events live as long as the process; in embedded mode producers and consumers are that process.
 */
export function createMemoryEventStream<
  Topics extends Record<string, unknown>,
>(): EventStream<Topics> {
  const logs = new Map<string, string[]>();
  const groups = new Map<string, Group>();
  const stops = new Set<() => Promise<void>>();
  let closed = false;

  const groupOf = (topic: string, group: string) => {
    const key = `${topic}\u0000${group}`;
    let state = groups.get(key);
    if (state === undefined) {
      state = { next: 0, retry: [], wakers: new Set() };
      groups.set(key, state);
    }
    return state;
  };
  const wakeAll = (state: Group) => {
    for (const wake of state.wakers) wake();
  };

  return {
    append(topic, events) {
      if (closed) return Promise.reject(new Error('The event stream is closed'));
      const log = logs.get(topic) ?? [];
      logs.set(topic, log);
      // Stored as JSON, as Redis stores them: consumers never share the producer's objects.
      for (const event of events) log.push(JSON.stringify(event));
      for (const [key, state] of groups) if (key.startsWith(`${topic}\u0000`)) wakeAll(state);
      return Promise.resolve();
    },
    consume(topic, group, handler, options: ConsumeOptions = {}) {
      const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
      const state = groupOf(topic, group);
      const timers = new Set<NodeJS.Timeout>();
      let running = true;
      const take = () => {
        const retried = state.retry.shift();
        if (retried !== undefined) return retried;
        const log = logs.get(topic) ?? [];
        return state.next < log.length ? state.next++ : undefined;
      };
      const loop = (async () => {
        while (running) {
          const index = take();
          if (index === undefined) {
            let waker: (() => void) | undefined;
            await new Promise<void>((resolve) => {
              waker = resolve;
              state.wakers.add(resolve);
            });
            if (waker !== undefined) state.wakers.delete(waker);
            continue;
          }
          const event = JSON.parse(logs.get(topic)?.[index] ?? 'null') as StreamEvent<
            Topics[typeof topic]
          >;
          try {
            await handler(event);
          } catch (error) {
            options.onError?.(error, event);
            const timer = setTimeout(() => {
              timers.delete(timer);
              state.retry.push(index);
              wakeAll(state);
            }, retryMs);
            timers.add(timer);
          }
        }
      })();
      const stop = async () => {
        running = false;
        for (const timer of timers) clearTimeout(timer);
        wakeAll(state);
        await loop;
        stops.delete(stop);
      };
      stops.add(stop);
      return Promise.resolve(stop);
    },
    async close() {
      closed = true;
      await Promise.all([...stops].map((stop) => stop()));
    },
  };
}
