import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import {
  DEFAULT_RETRY_MS,
  type ConsumeOptions,
  type EventStream,
  type StreamEvent,
} from './eventStream.ts';

export interface RedisEventStreamOptions {
  /** XADD, XACK, XAUTOCLAIM: may be shared with other ordinary commands. */
  redis: Redis;
  /** Opens the connection a consumer blocks on (XREADGROUP BLOCK holds it), one per consumer. */
  blockingConnection: () => Redis;
  /** Prepended to every stream key, e.g. `marquee:`. */
  prefix: string;
  /** Entries kept per stream (approximately; XADD MAXLEN ~), so the stream cannot grow without bound. Default 100 000. */
  maxLength?: number;
}

const BATCH = 100;
const BLOCK_MS = 1_000;
/** Pause after Redis could not be reached, before the next attempt. */
const BACKOFF_MS = 250;

type Entries = [id: string, fields: string[]][];

/**
 * Events on Redis streams: `XADD` appends, each group reads with `XREADGROUP` (`>`: entries no
 * consumer of the group has seen), `XACK`s after the handler succeeded, and takes over entries
 * left unacknowledged longer than `retryMs` with `XAUTOCLAIM` (a failed handler, or a consumer
 * that died). The group is created at the stream's start (`0`) on first use, so events appended
 * before any consumer existed are delivered too.
 */
export function createRedisEventStream<Topics extends Record<string, unknown>>(
  options: RedisEventStreamOptions,
): EventStream<Topics> {
  const { redis, prefix } = options;
  if (prefix.trim() === '')
    throw new TypeError('createRedisEventStream: a non-empty prefix is required');
  const maxLength = options.maxLength ?? 100_000;
  const keyOf = (topic: string) => `${prefix}stream:${topic}`;
  const stops = new Set<() => Promise<void>>();

  return {
    async append(topic, events) {
      if (events.length === 0) return;
      const pipeline = redis.multi();
      for (const event of events) {
        pipeline.xadd(
          keyOf(topic),
          'MAXLEN',
          '~',
          String(maxLength),
          '*',
          'id',
          event.id,
          'payload',
          JSON.stringify(event.payload),
        );
      }
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error !== null);
      if (results === null) throw new Error('The event append was aborted');
      if (failed !== undefined) throw failed[0] as Error;
    },

    async consume(topic, group, handler, consumeOptions: ConsumeOptions = {}) {
      const retryMs = consumeOptions.retryMs ?? DEFAULT_RETRY_MS;
      // Failed entries are looked for between reads, so a read never blocks past their retry time.
      const blockMs = Math.min(BLOCK_MS, retryMs);
      const key = keyOf(topic);
      const consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
      const blocking = options.blockingConnection();
      const report = (error: unknown, event?: StreamEvent<unknown>) =>
        consumeOptions.onError?.(error, event);

      const ensureGroup = async () => {
        try {
          await redis.xgroup('CREATE', key, group, '0', 'MKSTREAM');
        } catch (error) {
          if (!String((error as Error).message).startsWith('BUSYGROUP')) throw error;
        }
      };
      const handle = async (entries: Entries) => {
        for (const [entryId, fields] of entries) {
          const field = (name: string) => fields[fields.indexOf(name) + 1];
          let event: StreamEvent<Topics[typeof topic]>;
          try {
            event = {
              id: field('id') ?? entryId,
              payload: JSON.parse(field('payload') ?? 'null') as Topics[typeof topic],
            };
          } catch (error) {
            // An entry no consumer can read would be claimed forever: acknowledge it and say so.
            report(error);
            await redis.xack(key, group, entryId);
            continue;
          }
          try {
            await handler(event);
          } catch (error) {
            // Left pending: XAUTOCLAIM hands it out again after retryMs. Later entries wait their
            // turn behind it only in this batch, so one bad event cannot stall the stream.
            report(error, event);
            continue;
          }
          await redis.xack(key, group, entryId);
        }
      };

      // A Redis that is away or slow at startup must not stop the subgraph from starting: the
      // loop below meets NOGROUP and creates the group (at the stream's start, so nothing is
      // missed) once Redis answers.
      await ensureGroup().catch(report);
      let running = true;
      const loop = (async () => {
        while (running) {
          try {
            // Entries another consumer (or an earlier attempt) left unacknowledged for retryMs.
            const [, claimed] = (await redis.xautoclaim(
              key,
              group,
              consumer,
              retryMs,
              '0-0',
              'COUNT',
              BATCH,
            )) as [string, Entries, string[]?];
            if (claimed.length > 0)
              await handle(claimed.filter((entry) => entry !== null && entry[1] !== null));
            const read = (await blocking.xreadgroup(
              'GROUP',
              group,
              consumer,
              'COUNT',
              BATCH,
              'BLOCK',
              blockMs,
              'STREAMS',
              key,
              '>',
            )) as [string, Entries][] | null;
            if (read !== null) for (const [, entries] of read) await handle(entries);
          } catch (error) {
            if (!running) break;
            // NOGROUP: the stream was deleted (FLUSHALL, a Redis that lost its data); start over.
            if (String((error as Error).message).startsWith('NOGROUP'))
              await ensureGroup().catch(() => undefined);
            else report(error);
            await sleep(BACKOFF_MS);
          }
        }
      })();
      const stop = async () => {
        running = false;
        // Ends a pending XREADGROUP BLOCK at once.
        blocking.disconnect();
        await loop;
        stops.delete(stop);
      };
      stops.add(stop);
      return stop;
    },

    async close() {
      await Promise.all([...stops].map((stop) => stop()));
    },
  };
}
