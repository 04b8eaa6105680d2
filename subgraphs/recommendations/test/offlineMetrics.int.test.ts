import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { DisposalStack, createTestDatabase } from '@marquee/testing';
import { newestNdcgByModel, recordOfflineMetrics } from '../src/stores/offlineMetrics.ts';

const stack = new DisposalStack();
afterAll(() => stack.disposeAll());
let db: Database;

beforeAll(async () => {
  const database = await createTestDatabase();
  stack.defer(() => database.dispose());
  db = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }, { migrate: true });
  stack.defer(() => db.close());
});

const figures = (ndcgAt10: number) => ({
  ndcgAt10,
  recallAt20: 0.5,
  hitRateAt10: 0.75,
  evaluatedUsers: 60,
  holdout: 0.2,
});
const snapshot = (kind: string) =>
  db.sql.query(
    "INSERT INTO recommendations.model_snapshot (kind, metadata, data) VALUES ($1, '{\"users\": 3}'::jsonb, '\\x00')",
    [kind],
  );

describe('offline metrics with the served snapshot', () => {
  it('records against the newest snapshot only when the kinds agree; the gauge reads the newest per kind', async () => {
    await expect(
      recordOfflineMetrics(db.sql, { kind: 'ease', metrics: figures(0.3) }),
    ).rejects.toThrow('No model snapshot to record against: run `marquee train` first.');
    await snapshot('ease');
    expect(await recordOfflineMetrics(db.sql, { kind: 'ease', metrics: figures(0.3) })).toEqual({
      version: 1,
    });
    await snapshot('ease');
    expect(
      (await recordOfflineMetrics(db.sql, { kind: 'ease', metrics: figures(0.4) })).version,
    ).toBe(2);
    await snapshot('als');
    await expect(
      recordOfflineMetrics(db.sql, { kind: 'ease', metrics: figures(0.5) }),
    ).rejects.toThrow('The served model (version 3) is als but these ratings train ease');
    // A snapshot without figures leaves its kind's newest recorded value in place.
    await snapshot('ease');
    expect(await newestNdcgByModel(db.sql)).toEqual([{ model: 'ease', ndcgAt10: 0.4 }]);
    const [kept] = await db.sql.query<{ metadata: Record<string, unknown> }>(
      'SELECT metadata FROM recommendations.model_snapshot WHERE version = 2',
    );
    expect(kept?.metadata).toEqual({ users: 3, offlineMetrics: figures(0.4) });
  });
});
