import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics, StreamEvent } from '@marquee/pubsub';

/** What the resolvers publish through: the event is stored in PostgreSQL before the call resolves. */
export interface EventOutbox {
  publish<K extends keyof MarqueeTopics & string>(
    topic: K,
    payload: MarqueeTopics[K],
  ): Promise<void>;
}

/**
 * Events go to `reviews.event_outbox` first — the same database as the ratings, so when a rating
 * mutation is acknowledged its event is stored durably whatever Redis or the recommendations
 * subgraph are doing — and `relayOutbox` moves them to the event stream. The event's id is the
 * payload's `eventId` when it has one (the consumer's idempotency key).
 */
export function createEventOutbox(sql: SqlExecutor, onWrite: () => void = () => {}): EventOutbox {
  return {
    async publish(topic, payload) {
      const eventId = (payload as { eventId?: unknown }).eventId;
      await sql.query(
        `INSERT INTO reviews.event_outbox (id, topic, payload) VALUES ($1, $2, $3::jsonb)`,
        [typeof eventId === 'string' ? eventId : randomUUID(), topic, JSON.stringify(payload)],
      );
      onWrite();
    },
  };
}

const BATCH = 100;

/**
 * Relays the outbox to the stream in write order: a batch is locked (`SKIP LOCKED`, so replicas
 * share the work), appended, and deleted in one transaction. If the append fails (Redis down) the
 * transaction rolls back and the batch is tried again; if the process dies after appending but
 * before committing, the batch is appended again — at least once, which the consumer's
 * idempotency by event id absorbs.
 */
export function relayOutbox(options: {
  sql: SqlExecutor;
  stream: EventStream<MarqueeTopics>;
  logger: Logger;
  intervalMs?: number;
}) {
  const { sql, stream, logger } = options;
  const intervalMs = options.intervalMs ?? 250;
  let running = true;
  let wake: (() => void) | undefined;
  let failing = false;

  const relayBatch = () =>
    sql.transaction(async (tx) => {
      const rows = await tx.query<{ seq: string; id: string; topic: string; payload: unknown }>(
        `SELECT seq::text AS seq, id::text AS id, topic, payload FROM reviews.event_outbox ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      // Consecutive events of one topic go in one append, so order holds within each topic.
      let run: StreamEvent<unknown>[] = [];
      let runTopic: string | undefined;
      const flush = async () => {
        if (runTopic !== undefined && run.length > 0) await stream.append(runTopic, run);
        run = [];
      };
      for (const row of rows) {
        if (row.topic !== runTopic) await flush();
        runTopic = row.topic;
        run.push({
          id: row.id,
          payload:
            typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload,
        });
      }
      await flush();
      if (rows.length > 0)
        await tx.query(`DELETE FROM reviews.event_outbox WHERE seq = ANY($1::bigint[])`, [
          rows.map((row) => row.seq),
        ]);
      return rows.length;
    });

  const loop = (async () => {
    while (running) {
      let relayed = 0;
      try {
        relayed = await relayBatch();
        if (failing) logger.info('event relay resumed');
        failing = false;
      } catch (error) {
        // Logged once per outage, not once per attempt.
        if (!failing) logger.warn({ err: error }, 'event relay failed; events wait in the outbox');
        failing = true;
      }
      if (relayed === BATCH) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs).unref();
      });
      wake = undefined;
    }
  })();

  return {
    /** Relay now (after a write) rather than at the next interval. */
    wake: () => wake?.(),
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
