import { randomUUID } from 'node:crypto';
import { RELAY_CHANNEL, type Database, type EmbeddedDatabase } from '@marquee/db';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';

/**
 * Events across processes on the embedded data directory, where there is no Redis: a command
 * that goes through the owner's socket (ingest announcing new films, train announcing a model)
 * publishes with NOTIFY on the relay channel, and the owner republishes on its in-process
 * pub/sub, where its subgraphs listen. NOTIFY is transactional, so an event inside a transaction
 * that rolls back is never delivered, and it reaches the owner as soon as the command commits.
 */

/** A NOTIFY payload holds fewer than 8000 bytes; larger events travel in parts of at most this many characters (≤ 3 bytes each in UTF-8, plus the envelope). */
const PART_CHARACTERS = 2000;

type Envelope =
  { topic: string; payload: unknown } | { id: string; part: number; parts: number; text: string };

/** The command side: publishes here (for this process's own subscribers) and to the owner. */
export function relayToOwner(local: PubSub<MarqueeTopics>, db: Database): PubSub<MarqueeTopics> {
  return {
    ...local,
    async publish(topic, payload) {
      await local.publish(topic, payload);
      const text = JSON.stringify({ topic, payload } satisfies Envelope);
      if (text.length <= PART_CHARACTERS) {
        await db.sql.query('SELECT pg_notify($1, $2)', [RELAY_CHANNEL, text]);
        return;
      }
      const id = randomUUID();
      const parts = Math.ceil(text.length / PART_CHARACTERS);
      // One transaction: the parts reach the owner together and in order, or not at all.
      await db.sql.transaction(async (tx) => {
        for (let part = 0; part < parts; part += 1) {
          const envelope: Envelope = {
            id,
            part,
            parts,
            text: text.slice(part * PART_CHARACTERS, (part + 1) * PART_CHARACTERS),
          };
          await tx.query('SELECT pg_notify($1, $2)', [RELAY_CHANNEL, JSON.stringify(envelope)]);
        }
      });
    },
  };
}

/** The owner side: republishes what commands relayed. Returns the function that stops it. */
export function deliverRelayed(
  db: EmbeddedDatabase,
  pubsub: PubSub<MarqueeTopics>,
  onError: (error: unknown) => void,
): () => void {
  if (db.embedded.role !== 'owner') return () => undefined;
  const assembling = new Map<string, string[]>();
  const publish = (text: string) => {
    const { topic, payload } = JSON.parse(text) as { topic: string; payload: unknown };
    pubsub.publish(topic, payload).catch(onError);
  };
  return db.embedded.onRelay((payload) => {
    try {
      const envelope = JSON.parse(payload) as Envelope;
      if ('topic' in envelope) {
        publish(payload);
        return;
      }
      const parts = assembling.get(envelope.id) ?? [];
      parts[envelope.part] = envelope.text;
      assembling.set(envelope.id, parts);
      if (parts.filter((part) => part !== undefined).length < envelope.parts) return;
      assembling.delete(envelope.id);
      publish(parts.join(''));
    } catch (error) {
      onError(error);
    }
  });
}
