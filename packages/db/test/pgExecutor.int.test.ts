import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DisposalStack } from '@marquee/testing';
import { openDatabase, type Database } from '../src/index.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

async function open(poolSize: number): Promise<Database> {
  const database = await createTestDatabase();
  stack.defer(() => database.dispose());
  const db = await openDatabase({ kind: 'postgres', url: database.url, poolSize });
  stack.defer(() => db.close());
  return db;
}

/** Ends `pid`'s connection from the server side, as a restart or failover does. */
const terminate = (db: Database, pid: number) =>
  db.sql.query('SELECT pg_terminate_backend($1)', [pid]);

describe('the PostgreSQL executor when the server closes a connection that is out of the pool', () => {
  it('fails the transaction waiting between two statements, without an unhandled error, and serves the next on a fresh connection', async () => {
    const db = await open(2);
    const unhandled: unknown[] = [];
    const onUncaught = (error: unknown) => unhandled.push(error);
    process.on('uncaughtException', onUncaught);
    stack.defer(() => void process.off('uncaughtException', onUncaught));
    let pid = 0;
    const outcome = db.sql
      .transaction(async (tx) => {
        pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]?.pid ?? 0;
        // What the event relay does between its SELECT and DELETE: wait on something else.
        await sleep(500);
        await tx.query('SELECT 1');
      })
      .then(
        () => 'committed',
        (error: unknown) => (error as Error).message,
      );
    await expect.poll(() => pid).toBeGreaterThan(0);
    await terminate(db, pid);
    expect(await outcome).toMatch(/terminat|Connection/i);
    expect(unhandled).toEqual([]);
    // The pool gave the broken connection up: every later statement runs, on another backend.
    for (let i = 0; i < 4; i++) {
      const [row] = await db.sql.transaction((tx) =>
        tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'),
      );
      expect(row?.pid).not.toBe(pid);
    }
  });

  it('keeps a connection whose statement merely failed', async () => {
    const db = await open(1);
    const pidOf = () =>
      db.sql.transaction(
        async (tx) => (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]?.pid,
      );
    const before = await pidOf();
    await expect(
      db.sql.transaction((tx) => tx.query('SELECT * FROM no_such_table')),
    ).rejects.toThrow(/no_such_table/);
    expect(await pidOf()).toBe(before);
  });
});
