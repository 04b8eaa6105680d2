import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DataDirInUseError,
  openEmbeddedDatabase,
  RELAY_CHANNEL,
  type EmbeddedDatabase,
  type LockHolder,
} from '../src/index.ts';

// The owner and its clients share this process here: a lock held by a live pid (ours) sends the
// second opener through the socket exactly as it sends another process.
let dir: string;
let opened: EmbeddedDatabase[];
// Creating a PGlite folder (initdb) is slow; each test starts from a copy of one made once.
let template: string;

async function open(command = 'test', exclusive = false): Promise<EmbeddedDatabase> {
  const db = await openEmbeddedDatabase(dir, { command, exclusive, migrate: false });
  opened.push(db);
  return db;
}

async function readLock(): Promise<LockHolder> {
  return JSON.parse(await readFile(join(dir, 'marquee.lock'), 'utf8')) as LockHolder;
}

beforeAll(async () => {
  template = await mkdtemp(join(tmpdir(), 'marquee-embedded-template-'));
  await (await openEmbeddedDatabase(template, { command: 'template', migrate: false })).close();
}, 120_000);
afterAll(() => rm(template, { recursive: true, force: true }));
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marquee-embedded-'));
  await cp(join(template, 'pgdata'), join(dir, 'pgdata'), { recursive: true });
  opened = [];
});
afterEach(async () => {
  for (const db of opened.reverse()) await db.close();
  await rm(dir, { recursive: true, force: true });
});

// Each test opens PGlite once or twice (a few seconds of WebAssembly work each on a busy machine).
describe('the embedded data directory', { timeout: 60_000 }, () => {
  it('is owned by the first opener, which names its pid and socket in the lock file', async () => {
    const owner = await open('marquee start');
    expect(owner.embedded.role).toBe('owner');
    const lock = await readLock();
    expect(lock).toMatchObject({
      pid: process.pid,
      command: 'marquee start',
      address: { path: join(dir, 'run', '.s.PGSQL.5432') },
    });
    expect((await stat(join(dir, 'run'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'marquee.lock'))).mode & 0o777).toBe(0o600);
  });

  it('sends a second opener through the owner, and each sees the other’s writes at once', async () => {
    const owner = await open();
    await owner.sql.exec('CREATE TABLE t (id int PRIMARY KEY, v text)');
    const client = await open('marquee token');
    expect(client.embedded).toMatchObject({ role: 'client', owner: { pid: process.pid } });
    await client.sql.query('INSERT INTO t VALUES (1, $1)', ['from the client']);
    expect(await owner.sql.query('SELECT v FROM t')).toEqual([{ v: 'from the client' }]);
    await owner.sql.query('INSERT INTO t VALUES (2, $1)', ['from the owner']);
    expect(await client.sql.query('SELECT v FROM t ORDER BY id')).toEqual([
      { v: 'from the client' },
      { v: 'from the owner' },
    ]);
  });

  it('refuses a second exclusive opener (a second server) with one line', async () => {
    await open('marquee start');
    const second = open('marquee start', true);
    await expect(second).rejects.toThrow(DataDirInUseError);
    await expect(second).rejects.toThrow(
      `Another Marquee server (pid ${process.pid}) is using the data directory ${dir}; stop it first, or set MARQUEE_DATA_DIR to another folder.`,
    );
  });

  it('tells a server that a command holds the folder', async () => {
    await open('marquee ingest');
    await expect(open('marquee start', true)).rejects.toThrow(
      `marquee ingest (pid ${process.pid}) is using the data directory ${dir}; start the server when it has finished, or set MARQUEE_DATA_DIR to another folder.`,
    );
  });

  it('serves on a loopback port when the socket path would be too long for a Unix socket', async () => {
    const deep = join(
      dir,
      'a-folder-name-long-enough-that-the-socket-path-no-longer-fits-in-sockaddr-un-on-linux-or-macos',
    );
    await cp(join(template, 'pgdata'), join(deep, 'pgdata'), { recursive: true });
    const owner = await openEmbeddedDatabase(deep, { command: 'test', migrate: false });
    opened.push(owner);
    expect(owner.embedded).toMatchObject({ role: 'owner', address: { host: '127.0.0.1' } });
    const client = await openEmbeddedDatabase(deep, { command: 'test', migrate: false });
    opened.push(client);
    expect(await client.sql.query('SELECT 42 AS answer')).toEqual([{ answer: 42 }]);
  });

  it('takes over a lock whose process is dead', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    if (dead === undefined) throw new Error('no child pid');
    const stale: LockHolder = {
      pid: dead,
      host: hostname(),
      command: 'marquee start',
      address: { path: join(dir, 'run', '.s.PGSQL.5432') },
      password: 'x',
      startedAt: new Date(0).toISOString(),
    };
    await writeFile(join(dir, 'marquee.lock'), JSON.stringify(stale));
    const owner = await open('marquee start', true);
    expect(owner.embedded.role).toBe('owner');
    expect((await readLock()).pid).toBe(process.pid);
  });

  it('gives up on a live pid whose socket does not answer, naming the lock file', async () => {
    const silent: LockHolder = {
      pid: process.pid,
      host: hostname(),
      command: 'marquee start',
      address: { path: join(dir, 'run', '.s.PGSQL.5432') },
      password: 'x',
      startedAt: new Date(0).toISOString(),
    };
    await writeFile(join(dir, 'marquee.lock'), JSON.stringify(silent));
    await expect(open('marquee token')).rejects.toThrow(
      `marquee start (pid ${process.pid}) holds the embedded data directory but its socket does not answer`,
    );
  });

  it('removes its lock file on close, so the next opener owns the folder', async () => {
    const owner = await open();
    await owner.sql.exec('CREATE TABLE kept (id int)');
    await owner.sql.query('INSERT INTO kept VALUES (7)');
    await owner.close();
    opened = [];
    const next = await open();
    expect(next.embedded.role).toBe('owner');
    expect(await next.sql.query('SELECT id FROM kept')).toEqual([{ id: 7 }]);
  });

  it('waits, as a command that owns the folder, for a command using it before closing', async () => {
    const owner = await open('marquee token');
    await owner.sql.exec('CREATE TABLE t (id int)');
    const client = await open('marquee ingest');
    opened = [];
    let ownerClosed = false;
    const closing = owner.close().then(() => (ownerClosed = true));
    await client.sql.query('INSERT INTO t VALUES (1)');
    expect(ownerClosed).toBe(false);
    await client.close();
    await closing;
    const next = await open();
    expect(await next.sql.query('SELECT id FROM t')).toEqual([{ id: 1 }]);
  });

  it('refuses a client without the password from the lock file', async () => {
    await open();
    const lock = await readLock();
    const path = (lock.address as { path: string }).path;
    const client = new pg.Client({
      host: join(dir, 'run'),
      port: 5432,
      user: 'postgres',
      database: 'postgres',
      password: 'wrong',
    });
    await expect(client.connect()).rejects.toThrow('password authentication failed');
    expect(path.endsWith('.s.PGSQL.5432')).toBe(true);
  });
});

describe('sharing the one PGlite session', { timeout: 60_000 }, () => {
  it('keeps a client’s write out of the owner’s open transaction (which rolls back)', async () => {
    const owner = await open();
    await owner.sql.exec('CREATE TABLE t (id int PRIMARY KEY, v text)');
    const client = await open();
    let clientWrote!: Promise<unknown>;
    await expect(
      owner.sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO t VALUES (1, 'owner')`);
        clientWrote = client.sql.query(`INSERT INTO t VALUES (2, 'client')`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await clientWrote;
    expect(await owner.sql.query('SELECT id, v FROM t')).toEqual([{ id: 2, v: 'client' }]);
  });

  it('keeps the owner out of a client’s open transaction', async () => {
    const owner = await open();
    await owner.sql.exec('CREATE TABLE t (id int PRIMARY KEY, v text)');
    const client = await open();
    let ownerWrote!: Promise<unknown>;
    await expect(
      client.sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO t VALUES (1, 'client')`);
        ownerWrote = owner.prisma.$executeRawUnsafe(`INSERT INTO t VALUES (2, 'owner')`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await ownerWrote;
    expect(await client.sql.query('SELECT id, v FROM t')).toEqual([{ id: 2, v: 'owner' }]);
  });

  it('runs two clients’ parameterised queries side by side without mixing them up, large messages included', async () => {
    await open();
    const [a, b] = [await open(), await open()];
    const big = 'x'.repeat(2_000_000);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? a.sql
              .query<{ n: number; i: number }>('SELECT length($1::text) AS n, $2::int AS i', [
                big,
                i,
              ])
              .then(([row]) => row?.n === big.length && row.i === i)
          : b.sql
              .query<{ i: number; seven: number }>('SELECT $1::int AS i, 7 AS seven', [i])
              .then(([row]) => row?.i === i && row.seven === 7),
      ),
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it('answers a client’s query whose result the socket cannot take at once, byte for byte', async () => {
    await open();
    const client = await open();
    // About 10 MB of rows: far more than a socket buffers, so most of the answer waits in the
    // socket's queue while PGlite writes the rest.
    const rows = await client.sql.query<{ g: number; h: string }>(
      'SELECT g, md5(g::text) AS h FROM generate_series(1, 200000) AS g ORDER BY g',
    );
    expect(rows).toHaveLength(200_000);
    const wrong = rows.filter(
      (row, i) =>
        row.g !== i + 1 ||
        row.h !==
          createHash('md5')
            .update(String(i + 1))
            .digest('hex'),
    );
    expect(wrong).toEqual([]);
  });

  it('loads COPY FROM STDIN sent through the socket, inside a transaction', async () => {
    const owner = await open();
    await owner.sql.exec('CREATE TABLE t (id int PRIMARY KEY, v text)');
    const client = await open();
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i}\tv${i}\n`);
    await client.sql.transaction(async (tx) => {
      await tx.copyFrom('t (id, v)', rows);
      await tx.copyFrom('t (id, v)', '20000\tlast\n');
    });
    expect(await owner.sql.query('SELECT count(*)::int AS n, max(id) AS top FROM t')).toEqual([
      { n: 20_001, top: 20_000 },
    ]);
  });

  it('rolls back what a client that went away left open, and serves the others after it', async () => {
    const owner = await open();
    await owner.sql.exec('CREATE TABLE t (id int PRIMARY KEY)');
    const lock = await readLock();
    const gone = new pg.Client({
      host: join(dir, 'run'),
      port: 5432,
      user: 'postgres',
      database: 'postgres',
      password: lock.password,
    });
    gone.on('error', () => undefined);
    await gone.connect();
    await gone.query('BEGIN');
    await gone.query('INSERT INTO t VALUES (1)');
    (
      gone as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy();
    await owner.sql.query('INSERT INTO t VALUES (2)');
    expect(await owner.sql.query('SELECT id FROM t')).toEqual([{ id: 2 }]);
  });

  it('relays a client’s committed notification on the relay channel to the owner', async () => {
    const owner = await open();
    if (owner.embedded.role !== 'owner') throw new Error('not the owner');
    const received: string[] = [];
    owner.embedded.onRelay((payload) => received.push(payload));
    const client = await open();
    await client.sql.query('SELECT pg_notify($1, $2)', [RELAY_CHANNEL, 'outside']);
    await client.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_notify($1, $2)', [RELAY_CHANNEL, 'committed']);
    });
    await expect(
      client.sql.transaction(async (tx) => {
        await tx.query('SELECT pg_notify($1, $2)', [RELAY_CHANNEL, 'rolled back']);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await owner.sql.query('SELECT 1');
    expect(received).toEqual(['outside', 'committed']);
  });
});
