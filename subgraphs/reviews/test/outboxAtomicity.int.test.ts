import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { DisposalStack, createTestDatabase } from '@marquee/testing';
import { createRatingStore, type RatingStore } from '../src/stores/ratingStore.ts';
import { createReviewStore, type ReviewStore } from '../src/stores/reviewStore.ts';

// A rating change and its `rating.changed` event are one transaction: on a real PostgreSQL, make
// either write fail (a trigger raising an error) and check that the other did not happen.

const stack = new DisposalStack();
let db: Database;
let ratings: RatingStore;
let reviews: ReviewStore;

const one = async (text: string, params: unknown[]) =>
  (await db.sql.query<{ n: number }>(text, params))[0]?.n;
const ratingsOf = (userId: string) =>
  one('SELECT count(*)::int AS n FROM reviews.rating WHERE user_id = $1', [userId]);
const reviewsOf = (userId: string) =>
  one('SELECT count(*)::int AS n FROM reviews.review WHERE user_id = $1', [userId]);
const eventsOf = (userId: string) =>
  one(`SELECT count(*)::int AS n FROM reviews.event_outbox WHERE payload->>'userId' = $1`, [
    userId,
  ]);

/** Makes inserts into `table` raise for rows `condition` selects; returns the undo. */
async function failInserts(table: string, condition: string): Promise<() => Promise<void>> {
  const name = `fail_${table.replace('.', '_')}`;
  await db.sql.exec(`
    CREATE OR REPLACE FUNCTION reviews.${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${condition} THEN RAISE EXCEPTION 'injected failure in ${table}'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER ${name} BEFORE INSERT OR UPDATE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION reviews.${name}();
  `);
  return () => db.sql.exec(`DROP TRIGGER ${name} ON ${table}; DROP FUNCTION reviews.${name}();`);
}

beforeAll(async () => {
  const database = await createTestDatabase();
  stack.defer(() => database.dispose());
  db = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 8 }, { migrate: true });
  stack.defer(() => db.close());
  ratings = createRatingStore(db);
  reviews = createReviewStore(db);
}, 60_000);
afterAll(() => stack.disposeAll());

describe('a rating and its outbox event on PostgreSQL', () => {
  it('writes no rating, review or deletion when the outbox insert fails', async () => {
    await ratings.upsert({ userId: 'kept', movieId: 'heat', rating: 3 });
    const written = await reviews.upsert({
      userId: 'kept',
      movieId: 'jaws',
      rating: 4,
      body: 'Fine.',
      sentimentScore: 0,
      sentimentLabel: 'NEUTRAL',
    });
    expect(await eventsOf('kept')).toBe(2);
    const undo = await failInserts('reviews.event_outbox', `NEW.payload->>'userId' = 'kept'`);
    try {
      await expect(ratings.upsert({ userId: 'kept', movieId: 'alien', rating: 5 })).rejects.toThrow(
        /injected failure/,
      );
      await expect(ratings.upsert({ userId: 'kept', movieId: 'heat', rating: 1 })).rejects.toThrow(
        /injected failure/,
      );
      await expect(
        reviews.upsert({
          userId: 'kept',
          movieId: 'up',
          rating: 2,
          body: 'Meh.',
          sentimentScore: 0,
          sentimentLabel: 'NEUTRAL',
        }),
      ).rejects.toThrow(/injected failure/);
      await expect(reviews.update(written.id, { rating: 1, body: 'Worse.' })).rejects.toThrow(
        /injected failure/,
      );
      await expect(ratings.delete('kept', 'heat')).rejects.toThrow(/injected failure/);
    } finally {
      await undo();
    }
    const rows = await db.sql.query<{ movie_id: string; rating: number }>(
      'SELECT movie_id, rating FROM reviews.rating WHERE user_id = $1 ORDER BY movie_id',
      ['kept'],
    );
    expect(rows).toEqual([
      { movie_id: 'heat', rating: 3 },
      { movie_id: 'jaws', rating: 4 },
    ]);
    expect(await reviewsOf('kept')).toBe(1);
    expect((await reviews.findByIds([written.id]))[0]?.body).toBe('Fine.');
    expect(await eventsOf('kept')).toBe(2);
  });

  it('stores no event when the rating write fails', async () => {
    await ratings.upsert({ userId: 'refused', movieId: 'heat', rating: 3 });
    expect(await eventsOf('refused')).toBe(1);
    const undo = await failInserts('reviews.rating', `NEW.user_id = 'refused'`);
    try {
      await expect(
        ratings.upsert({ userId: 'refused', movieId: 'alien', rating: 5 }),
      ).rejects.toThrow(/injected failure/);
      await expect(
        ratings.upsert({ userId: 'refused', movieId: 'heat', rating: 1 }),
      ).rejects.toThrow(/injected failure/);
      await expect(
        reviews.upsert({
          userId: 'refused',
          movieId: 'up',
          rating: 2,
          body: 'Meh.',
          sentimentScore: 0,
          sentimentLabel: 'NEUTRAL',
        }),
      ).rejects.toThrow(/injected failure/);
    } finally {
      await undo();
    }
    expect(await ratingsOf('refused')).toBe(1);
    expect(await reviewsOf('refused')).toBe(0);
    expect(await eventsOf('refused')).toBe(1);
  });

  it('has an event for every acknowledged rating and none for a refused one, under concurrent writes', async () => {
    // A third of the outbox inserts fail at random while 300 ratings are written 20 at a time.
    const undo = await failInserts(
      'reviews.event_outbox',
      `NEW.payload->>'userId' LIKE 'many-%' AND random() < 0.33`,
    );
    const writes = Array.from({ length: 300 }, (_, index) => ({
      userId: `many-${index % 30}`,
      movieId: `film-${index}`,
      rating: ((index % 10) + 1) / 2,
    }));
    const acknowledged: string[] = [];
    const refused: string[] = [];
    try {
      for (let start = 0; start < writes.length; start += 20) {
        const batch = writes.slice(start, start + 20);
        const outcomes = await Promise.allSettled(batch.map((write) => ratings.upsert(write)));
        outcomes.forEach((outcome, index) => {
          const key = `${batch[index]?.userId}/${batch[index]?.movieId}`;
          (outcome.status === 'fulfilled' ? acknowledged : refused).push(key);
        });
      }
    } finally {
      await undo();
    }
    expect(refused.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = await db.sql.query<{ key: string }>(
      `SELECT user_id || '/' || movie_id AS key FROM reviews.rating WHERE user_id LIKE 'many-%'`,
    );
    const announced = await db.sql.query<{ key: string; rating: number }>(
      `SELECT payload->>'userId' || '/' || (payload->>'movieId') AS key, (payload->>'rating')::real AS rating
       FROM reviews.event_outbox WHERE payload->>'userId' LIKE 'many-%'`,
    );
    expect(stored.map((row) => row.key).sort()).toEqual([...acknowledged].sort());
    expect(announced.map((row) => row.key).sort()).toEqual([...acknowledged].sort());
    const expected = new Map(writes.map((write) => [`${write.userId}/${write.movieId}`, write]));
    for (const row of announced) expect(row.rating).toBe(expected.get(row.key)?.rating);
  });
});
