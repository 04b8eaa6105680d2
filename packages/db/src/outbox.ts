import type { Logger } from '@marquee/logger';
import type { SqlExecutor } from './sql.ts';

/**
 * The transactional outbox every subgraph announces its changes through. A change and its event
 * are written in one transaction of the subgraph's own store (`writeOutboxEvent` inside the
 * store's `$transaction`), so an acknowledged change always has its event and a change that
 * failed has none; `relayOutbox` then moves the events to the event stream, where each consumer
 * group reads them with acknowledgement. Each owning schema has its own `event_outbox` table
 * (`reviews.event_outbox`, `users.event_outbox`, `movies.event_outbox`), all of the same shape.
 */
export type OutboxTable = 'reviews.event_outbox' | 'users.event_outbox' | 'movies.event_outbox';

export interface OutboxEvent {
  /** The consumers' idempotency key (a UUID). */
  id: string;
  topic: string;
  payload: unknown;
}

/** What a Prisma client or an interactive transaction client offers for a raw write. */
export interface RawWriter {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/** Stores the event through `client`: pass the transaction client of the change it announces. */
export function writeOutboxEvent(
  client: RawWriter,
  table: OutboxTable,
  event: OutboxEvent,
): PromiseLike<number> {
  // `table` is one of a closed set of names, never input.
  return client.$executeRawUnsafe(
    `INSERT INTO ${table} (id, topic, payload) VALUES ($1::uuid, $2, $3::jsonb)`,
    event.id,
    event.topic,
    JSON.stringify(event.payload),
  );
}

/** Where the relay appends (the event stream; structurally, so this package needs no pub/sub). */
export interface OutboxSink {
  append(topic: string, events: { id: string; payload: unknown }[]): Promise<void>;
}

export interface OutboxRelay {
  /** Relay now (after a write) rather than at the next interval. */
  wake(): void;
  stop(): Promise<void>;
}

const BATCH = 100;

/**
 * Relays an outbox to the stream in write order: a batch is locked (`SKIP LOCKED`, so replicas
 * share the work), appended, and deleted in one transaction. If the append fails (Redis down) the
 * transaction rolls back and the batch is tried again; if the process dies after appending but
 * before committing, the batch is appended again — at least once, which the consumers'
 * idempotency by event id absorbs.
 */
export function relayOutbox(options: {
  sql: SqlExecutor;
  table: OutboxTable;
  stream: OutboxSink;
  logger: Logger;
  intervalMs?: number;
}): OutboxRelay {
  const { sql, table, stream, logger } = options;
  const intervalMs = options.intervalMs ?? 250;
  let running = true;
  let wake: (() => void) | undefined;
  let failing = false;

  const relayBatch = () =>
    sql.transaction(async (tx) => {
      const rows = await tx.query<{ seq: string; id: string; topic: string; payload: unknown }>(
        `SELECT seq::text AS seq, id::text AS id, topic, payload FROM ${table} ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      // Consecutive events of one topic go in one append, so order holds within each topic.
      let run: { id: string; payload: unknown }[] = [];
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
        await tx.query(`DELETE FROM ${table} WHERE seq = ANY($1::bigint[])`, [
          rows.map((row) => row.seq),
        ]);
      return rows.length;
    });

  const loop = (async () => {
    while (running) {
      let relayed = 0;
      try {
        relayed = await relayBatch();
        if (failing) logger.info({ outbox: table }, 'event relay resumed');
        failing = false;
      } catch (error) {
        // Logged once per outage, not once per attempt.
        if (!failing)
          logger.warn(
            { err: error, outbox: table },
            'event relay failed; events wait in the outbox',
          );
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
    wake: () => wake?.(),
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
