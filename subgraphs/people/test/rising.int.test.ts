import { afterAll } from 'vitest';
import { openDatabase } from '@marquee/db';
import { DisposalStack, createTestDatabase } from '@marquee/testing';
import { risingSuite } from './risingSuite.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
risingSuite(async () => {
  const database = await createTestDatabase();
  stack.defer(() => database.dispose());
  const db = await openDatabase(
    { kind: 'postgres', url: database.url, poolSize: 4 },
    { migrate: true },
  );
  stack.defer(() => db.close());
  return db;
});
