import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '@marquee/db';
import type { MoviesAddedEvent } from '@marquee/pubsub';
import { openPubSub } from '../src/serve/stores.ts';

// The server (owner) and a command (client) on one data directory, in one process here: the
// command's events must reach the server's in-process pub/sub.
let dir: string;
let owner: EmbeddedDatabase;
let client: EmbeddedDatabase;
const env = { REDIS_URL: undefined, REDIS_PREFIX: 'marquee:' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marquee-relay-'));
  owner = await openEmbeddedDatabase(dir, { command: 'marquee start', migrate: false });
  client = await openEmbeddedDatabase(dir, { command: 'marquee ingest', migrate: false });
}, 120_000);
afterAll(async () => {
  await client.close();
  await owner.close();
  await rm(dir, { recursive: true, force: true });
});

async function received(
  publish: (events: ReturnType<typeof openPubSub>) => Promise<void>,
): Promise<MoviesAddedEvent[]> {
  const server = openPubSub(env, undefined, owner);
  const command = openPubSub(env, undefined, client);
  const seen: MoviesAddedEvent[] = [];
  await server.pubsub.subscribe('catalog.moviesAdded', (event) => seen.push(event));
  try {
    await publish(command);
    // Delivery is asynchronous on the server's side (as on Redis); one round trip lets it land.
    await owner.sql.query('SELECT 1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    return seen;
  } finally {
    await command.close();
    await server.close();
  }
}

describe('events a command publishes on the embedded data directory', () => {
  it('reach the server that owns it', async () => {
    const event = { movieIds: ['tt1', 'tt2'], at: '2026-12-07T00:00:00.000Z' };
    expect(
      await received((command) => command.pubsub.publish('catalog.moviesAdded', event)),
    ).toEqual([event]);
  });

  it('reach it whole when larger than one NOTIFY payload (8000 bytes)', async () => {
    const event = {
      movieIds: Array.from({ length: 1000 }, (_, i) => `movielens:${i}-é`),
      at: '2026-12-07T00:00:00.000Z',
    };
    expect(JSON.stringify(event).length).toBeGreaterThan(8000);
    expect(
      await received((command) => command.pubsub.publish('catalog.moviesAdded', event)),
    ).toEqual([event]);
  });
});
