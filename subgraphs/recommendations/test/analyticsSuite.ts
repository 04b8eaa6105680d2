import { describe, expect, it } from 'vitest';
import { withDeferredDefinitions, type Database } from '@marquee/db';
import { random as seeded } from '@marquee/recsys';
import { createAnalyticsStore } from '../src/stores/analyticsStore.ts';
import { createInteractionImportStore } from '../src/stores/interactionImport.ts';
import { createRecommendationStore } from '../src/stores/recommendationStore.ts';
import { plainGenreTrends, plainUserStats } from './analyticsBaseline.ts';

const GENRES = ['Action', 'Comedy', 'Drama', 'Horror', 'Romance', 'Sci-Fi', 'Thriller', 'War'];

/**
 * The rollups against a plain SQL computation over the raw tables, on generated data written
 * through every path that writes `item_feature` and `interaction`: upserts, single and batched
 * interactions, COPY, genre and year changes, removals, an account's deletion, and ratings of
 * films whose features arrive later. Run on PGlite (unit) and on PostgreSQL (integration).
 */
export function analyticsSuite(open: () => Promise<Database>) {
  describe('analytics rollups', () => {
    it('equal a plain computation over the raw tables after every kind of write', async () => {
      const db = await open();
      const store = createRecommendationStore(db);
      const analytics = createAnalyticsStore(db.sql);
      const rand = seeded(18);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
      const genresOf = () => GENRES.filter(() => rand() < 0.3);
      const films = Array.from({ length: 120 }, (_, i) => ({
        movieId: `m${i}`,
        genres: genresOf(),
        year: rand() < 0.05 ? null : 1990 + Math.floor(rand() * 36),
        popularity: 0,
        people: Array.from(
          { length: 1 + Math.floor(rand() * 3) },
          () => `p${Math.floor(rand() * 40)}`,
        ),
      }));
      // Films m100.. get their features only after they have been rated.
      await store.upsertItems(films.slice(0, 100));
      const start = Date.UTC(2023, 0, 1);
      const span = Date.UTC(2026, 0, 1) - start;
      const rating = () => (1 + Math.floor(rand() * 10)) / 2;
      const at = () => new Date(start + Math.floor(rand() * span));
      const interactions = Array.from({ length: 1200 }, () => ({
        userId: `u${Math.floor(rand() * 60)}`,
        movieId: pick(films).movieId,
        rating: rating(),
        at: at(),
      }));
      const unique = [
        ...new Map(interactions.map((i) => [`${i.userId}/${i.movieId}`, i])).values(),
      ];
      for (const interaction of unique.slice(0, 40)) await store.recordInteraction(interaction);
      await store.recordInteractions(unique.slice(40, 140));
      await db.sql.copyFrom(
        'recommendations.interaction (user_id, movie_id, rating, at)',
        unique
          .slice(140)
          .map((i) => `${i.userId}\t${i.movieId}\t${i.rating}\t${i.at.toISOString()}\n`)
          .join(''),
      );
      // Changed ratings (newer), removals, an account, then the late features and new genres.
      for (const interaction of unique.slice(0, 30))
        await store.recordInteraction({ ...interaction, rating: rating(), at: at() });
      for (const interaction of unique.slice(30, 50))
        await store.deleteInteraction(interaction.userId, interaction.movieId, new Date());
      await store.deleteInteractionsOf('u7');
      await store.upsertItems(films.slice(100));
      await store.upsertItems(
        films.slice(0, 20).map((film) => ({ ...film, genres: genresOf(), year: 2001 })),
      );
      await db.sql.query(
        "UPDATE recommendations.item_feature SET popularity = popularity + 1 WHERE movie_id LIKE 'm1%'",
      );
      await db.sql.query(
        "DELETE FROM recommendations.item_feature WHERE movie_id IN ('m5', 'm6', 'm7')",
      );

      for (const [from, to, bucket] of [
        [1990, 2026, 'YEAR'],
        [2024, 2024, 'MONTH'],
        [2023, 2025, 'MONTH'],
      ] as const) {
        const expected = await plainGenreTrends(db.sql, from, to, bucket);
        const actual = await analytics.genreTrends(from, to, bucket);
        expect(actual.length).toBeGreaterThan(0);
        expect(round(actual)).toEqual(round(expected));
      }
      for (const userId of ['u1', 'u7', 'u23', 'nobody']) {
        const expected = await plainUserStats(db.sql, userId);
        expect(round(await analytics.userStats(userId))).toEqual(round(expected));
      }

      // The repair recomputes from the raw tables; what the triggers kept must not change.
      const before = await rollups(db);
      await db.sql.query('SELECT recommendations.analytics_rebuild()');
      expect(await rollups(db)).toEqual(before);
    }, 120_000);

    it('equal a plain computation after bulk loads: a COPY with the indexes deferred, batched upserts that insert and change ratings, films that change genres', async () => {
      const db = await open();
      const imports = createInteractionImportStore(db);
      const analytics = createAnalyticsStore(db.sql);
      const rand = seeded(25);
      const films = Array.from({ length: 300 }, (_, i) => ({
        line: i,
        movieId: `b${i}`,
        title: null,
        genres: GENRES.filter(() => rand() < 0.3),
        year: 1980 + Math.floor(rand() * 46),
      }));
      await imports.upsertItems(films.slice(0, 250));
      const start = Date.UTC(2022, 0, 1);
      const span = Date.UTC(2026, 0, 1) - start;
      const ratingsOf = (users: number, perUser: number, offset: number) =>
        Array.from({ length: users * perUser }, (_, i) => ({
          line: i,
          userId: `bu${offset + Math.floor(i / perUser)}`,
          // Distinct films per user; a few films draw most ratings, as in real data.
          movieId: `b${(Math.floor(300 * rand() ** 2) + (i % perUser) * 37) % 300}`,
          rating: (1 + Math.floor(rand() * 10)) / 2,
          at: new Date(start + Math.floor(rand() * span)),
        }));
      const distinct = <T extends { userId: string; movieId: string }>(rows: T[]) => [
        ...new Map(rows.map((row) => [`${row.userId}/${row.movieId}`, row])).values(),
      ];
      // The benchmark's initial load: COPY in chunks, on PostgreSQL with the table's indexes
      // built afterwards (bulk loads are PostgreSQL's only, as in `marquee ingest`).
      const copied = distinct(ratingsOf(200, 8, 0));
      const copyChunks = async () => {
        for (let at = 0; at < copied.length; at += 500)
          await db.sql.copyFrom(
            'recommendations.interaction (user_id, movie_id, rating, at)',
            copied
              .slice(at, at + 500)
              .map((r) => `${r.userId}\t${r.movieId}\t${r.rating}\t${r.at.toISOString()}\n`)
              .join(''),
          );
      };
      if (db.kind === 'postgres')
        await withDeferredDefinitions(db.sql, ['recommendations.interaction'], copyChunks);
      else await copyChunks();
      // `marquee ingest movielens`: batches of upserts, new raters beside changed ratings of
      // the copied ones (a newer release of the same file), some of films not featured yet.
      const changed = copied
        .filter(() => rand() < 0.3)
        .map((r) => ({
          ...r,
          rating: (1 + Math.floor(rand() * 10)) / 2,
          at: new Date(start + Math.floor(rand() * span)),
        }));
      const upserted = distinct([...ratingsOf(150, 6, 1000), ...changed]).map((row, line) => ({
        ...row,
        line,
      }));
      for (let at = 0; at < upserted.length; at += 400) {
        const result = await imports.upsertInteractions(upserted.slice(at, at + 400));
        expect(result.inserted + result.updated + result.unchanged).toBe(
          upserted.slice(at, at + 400).length,
        );
      }
      // Then the catalogue: late films' features, and new genres and years for others.
      await imports.upsertItems(films.slice(250));
      await imports.upsertItems(
        films.slice(0, 40).map((film) => ({ ...film, genres: ['Western', ...film.genres] })),
      );
      await imports.upsertItems(films.slice(40, 60).map((film) => ({ ...film, year: 1950 })));

      for (const [from, to, bucket] of [
        [1950, 2026, 'YEAR'],
        [2023, 2023, 'MONTH'],
        [2022, 2025, 'MONTH'],
      ] as const) {
        const actual = await analytics.genreTrends(from, to, bucket);
        expect(actual.length).toBeGreaterThan(0);
        expect(round(actual)).toEqual(round(await plainGenreTrends(db.sql, from, to, bucket)));
      }
      for (const userId of ['bu3', 'bu1004', 'bu77'])
        expect(round(await analytics.userStats(userId))).toEqual(
          round(await plainUserStats(db.sql, userId)),
        );
      const before = await rollups(db);
      expect(before.totals.length).toBeGreaterThan(200);
      await db.sql.query('SELECT recommendations.analytics_rebuild()');
      expect(await rollups(db)).toEqual(before);
    }, 120_000);
  });
}

/** Every rollup row with a count, in key order. */
async function rollups(db: Database) {
  return {
    titles: await db.sql.query(
      'SELECT genre, year, titles FROM recommendations.genre_title_year WHERE titles <> 0 ORDER BY 1, 2',
    ),
    genreMonths: await db.sql.query(
      'SELECT genre, month::text, ratings, round(rating_sum::numeric, 6)::text AS s FROM recommendations.genre_rating_month WHERE ratings <> 0 ORDER BY 1, 2',
    ),
    totals: await db.sql.query(
      'SELECT movie_id, ratings, round(rating_sum::numeric, 6)::text AS s FROM recommendations.movie_rating_total WHERE ratings <> 0 ORDER BY 1',
    ),
  };
}

/** Floating sums differ in the last bits by summation order: compare to 9 places. */
function round<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_, v: unknown) =>
      typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(9)) : v,
    ),
  ) as T;
}
