import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BulkLoadInProgressError,
  migrateDatabase,
  withDeferredDefinitions,
  type Database,
} from '@marquee/db';
import { runMarquee, spawnMarquee } from '@marquee/testing';
import { generateImdb } from '../src/generate/index.ts';
import { imdbTables, imdbTriggers } from '../src/ingest/imdbBulk.ts';
import {
  ingestImdb,
  IngestError,
  silentProgress,
  type IngestSummary,
} from '../src/ingest/index.ts';
import { ingestHarness, lines } from './ingestHarness.ts';

const { stack, inWork, freshDatabase } = ingestHarness('ingest-bulk');

/**
 * IMDb files with every kind of mistake, and keys repeated within a batch and across batches
 * (batches of 2 good rows below): each path of the bulk writers, fast and fallback, is taken.
 * Repeats across batches are at least two batches apart: two batches are written at once, and
 * which of two concurrent batches writes a shared key last is not defined, in either mode.
 */
async function writeFixture(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'name.basics.tsv'),
    lines(
      'nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles',
      'nm0000209\tTim Robbins\t1958\t\\N\tactor,director\ttt0111161',
      'nm0000151\tMorgan Freeman\t1937\t\\N\tactor,producer\ttt0111161',
      'nm0001104\tFrank Darabont\t1959\t\\N\tdirector,writer\ttt0111161',
      'nm0000008\tMarlon Brando\t19024\t2004\tactor\ttt0068646', // bad birthYear
      'nm0000338\tFrancis Ford Coppola\t1939\t\\N\tdirector\ttt0068646',
      'nm0000199\tAl Pacino\t1940\t\\N\tactor\ttt0068646',
      'nm0000199\tAlfredo Pacino\t1940\t\\N\tactor\ttt0068646', // same batch as the line above: supersedes it
      'nm0000151\tMorgan Freeman\t1937\t\\N\tactor\ttt0111161', // three batches later: overwrites line 3
    ),
  );
  await writeFile(
    join(dir, 'title.basics.tsv'),
    lines(
      'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres',
      'tt0111161\tmovie\tThe Shawshank Redemption\tThe Shawshank Redemption\t0\t1994\t\\N\t142\tDrama',
      'tt0068646\tmovie\tThe Godfather\tIl padrino\t0\t1972\t\\N\t175\tCrime,Drama',
      'xx0000003\tmovie\tBad Id\tBad Id\t0\t2000\t\\N\t90\tDrama', // bad tconst
      'tt0903747\ttvSeries\tBreaking Bad\tBreaking Bad\t0\t2008\t2013\t49', // 8 columns
      'tt0000001\tshort\tCarmencita\tCarmencita\t0\t1894\t\\N\t1\tDocumentary,Short',
      'tt0000002\tshort\tLe clown et ses chiens\t\\N\t0\t\\N\t\\N\t5\t\\N',
      'tt0000003\tshort\tPauvre Pierrot\tPauvre Pierrot\t0\t1892\t\\N\t4\tAnimation,Comedy,Romance',
      'tt0000004\tshort\tUn bon bock\tUn bon bock\t0\t1892\t\\N\t12\tAnimation,Short',
      'tt0000001\tshort\tCarmencita\tCarmencita\t0\t1894\t\\N\t1\tDocumentary', // two batches later: overwrites line 6
    ),
  );
  await writeFile(
    join(dir, 'title.ratings.tsv'),
    lines(
      'tconst\taverageRating\tnumVotes',
      'tt0111161\t9.3\t2900000',
      'tt0068646\tnine\t2000000', // non-numeric rating
      'tt9999999\t7.0\t10', // unknown title
      'tt0000001\t5.7\t2100',
      'tt0000002\t5.0\t0', // no votes: the item feature's popularity stays 0
    ),
  );
  await writeFile(
    join(dir, 'title.principals.tsv'),
    lines(
      'tconst\tordering\tnconst\tcategory\tjob\tcharacters',
      'tt0111161\t1\tnm0000209\tactor\t\\N\t["Andy Dufresne"]',
      'tt0111161\t2\tnm0000151\tactor\t\\N\t["Ellis Boyd \'Red\' Redding"]',
      'tt0111161\t3\tnm9999999\tactress\t\\N\t["Nobody"]', // unknown person
      'tt0111161\t4\tnm0001104\tdirector\t\\N\t\\N',
      'tt0068646\t1\tnm0000199\tactor\t\\N\t[Michael Corleone]', // characters not JSON
      'tt0068646\t3\tnm0000199\tself\t\\N\t["Himself"]', // ACTOR again, same batch as the next: superseded
      'tt0068646\t4\tnm0000199\tactor\t\\N\t["Michael"]',
      'tt0068646\t2\tnm0000338\tdirector\t\\N\t\\N',
      'tt0111161\t5\tnm0000209\tactor\t\\N\t["Andy"]', // three batches later: overwrites line 2
    ),
  );
  await writeFile(
    join(dir, 'title.crew.tsv'),
    lines(
      'tconst\tdirectors\twriters',
      'tt0111161\tnm0001104\tnm0001104',
      'tt0068646\tnm0000338\tnm0000338,nm7777777',
      'tt0000001\t\\N\t\\N',
    ),
  );
}

/** Everything an ingestion leaves in the tables it writes (timestamps aside), in a stable order. */
async function contents(db: Database): Promise<unknown> {
  return {
    movies: await db.sql.query(
      'SELECT id, kind, title, original_title, year, runtime_minutes, genres, imdb_id, popularity, average_rating, rating_count FROM movies.movie ORDER BY id',
    ),
    people: await db.sql.query(
      'SELECT id, name, birth_year, death_year, professions, imdb_id, known_for FROM people.person ORDER BY id',
    ),
    credits: await db.sql.query(
      'SELECT id, movie_id, person_id, role, characters, billing_order FROM people.credit ORDER BY id',
    ),
    items: await db.sql.query(
      'SELECT movie_id, genres, year, popularity FROM recommendations.item_feature ORDER BY movie_id',
    ),
    rollups: await rollups(db),
  };
}

/**
 * The rollups the triggers on the movie and item-feature tables maintain. Rows at zero are left
 * out: a trigger leaves one where an update moved a title away (a repeated key's later line),
 * a recomputation has none, and the readers skip them.
 */
async function rollups(db: Database): Promise<unknown> {
  return {
    titleCounts: await db.sql.query(
      'SELECT kind, source, titles FROM movies.title_count WHERE titles <> 0 ORDER BY 1, 2',
    ),
    genreYears: await db.sql.query(
      'SELECT genre, year, titles FROM recommendations.genre_title_year WHERE titles <> 0 ORDER BY 1, 2',
    ),
    genreMonths: await db.sql.query(
      `SELECT genre, month::text, ratings, round(rating_sum::numeric, 6)::text AS rating_sum
         FROM recommendations.genre_rating_month WHERE ratings <> 0 ORDER BY 1, 2`,
    ),
  };
}

/** What the rollups hold when computed from the tables alone, as the migrations first filled them. */
async function plainRollups(db: Database): Promise<unknown> {
  await db.sql.query('SELECT recommendations.analytics_rebuild()');
  await db.sql.query('SELECT movies.title_count_rebuild()');
  return rollups(db);
}

/** Ratings of films the fixture loads (and of one it does not), in place before the load. */
async function rateFixtureFilms(db: Database): Promise<void> {
  await db.sql.exec(`INSERT INTO recommendations.interaction (user_id, movie_id, rating, at) VALUES
    ('u1', 'tt0111161', 5, '2024-01-03'), ('u2', 'tt0111161', 4.5, '2024-01-20'),
    ('u1', 'tt0068646', 4, '2024-02-01'), ('u3', 'tt0000001', 3, '2023-12-31 23:30'),
    ('u3', 'tt0000003', 2.5, '2024-03-15'), ('u4', 'tt7654321', 1, '2024-03-15')`);
}

/** The indexes and constraints of the ingested tables, as the catalog defines them. */
async function definitions(db: Database): Promise<unknown> {
  return {
    indexes: await db.sql.query(
      `SELECT indrelid::regclass::text AS table, indexrelid::regclass::text AS index, pg_get_indexdef(indexrelid) AS definition
         FROM pg_index WHERE indrelid = ANY($1::regclass[]) ORDER BY 1, 2`,
      [imdbTables],
    ),
    constraints: await db.sql.query(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition, convalidated AS valid
         FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) ORDER BY 1, 2`,
      [imdbTables],
    ),
    triggers: await db.sql.query(
      `SELECT tgrelid::regclass::text AS table, tgname AS name, tgenabled AS enabled
         FROM pg_trigger WHERE tgrelid = ANY($1::regclass[]) AND NOT tgisinternal ORDER BY 1, 2`,
      [imdbTables],
    ),
  };
}

const withoutTimes = (summary: IngestSummary) =>
  summary.files.map(({ seconds: _seconds, rejectsFile: _path, ...file }) => file);

async function rejectsIn(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    found[name] = await readFile(join(dir, name), 'utf8');
  return found;
}

// These tests start `marquee ingest` as a process, kill it mid-load and load 20,000 titles twice more:
// on two busy cores that alone can pass the integration tier's 30 s default.
const killedLoadTimeoutMs = 120_000;

describe('bulk initial load (PostgreSQL)', () => {
  it('gives the incremental load’s summary, rejects and rows, and leaves every index and constraint as migrated', async () => {
    const dir = inWork('fixture');
    await writeFixture(dir);
    const bulk = await freshDatabase();
    const incremental = await freshDatabase();
    const expectedDefinitions = await definitions(bulk.db);
    const options = { progress: silentProgress, batchSize: 2 };
    await rateFixtureFilms(bulk.db);
    await rateFixtureFilms(incremental.db);

    const bulkSummary = await ingestImdb(dir, bulk.db, {
      ...options,
      bulk: 'on',
      rejectsDir: inWork('fixture-bulk-rejects'),
    });
    const incrementalSummary = await ingestImdb(dir, incremental.db, {
      ...options,
      bulk: 'off',
      rejectsDir: inWork('fixture-incremental-rejects'),
    });

    expect(bulkSummary.mode).toBe('bulk');
    expect(incrementalSummary.mode).toBe('incremental');
    expect(withoutTimes(bulkSummary)).toEqual(withoutTimes(incrementalSummary));
    expect(await rejectsIn(inWork('fixture-bulk-rejects'))).toEqual(
      await rejectsIn(inWork('fixture-incremental-rejects')),
    );
    expect(await contents(bulk.db)).toEqual(await contents(incremental.db));
    // The rollups, recomputed once after the load instead of by the triggers: what the triggers
    // kept in the incremental load, and what the tables give.
    const bulkRollups = await rollups(bulk.db);
    expect(bulkRollups).toMatchObject({
      titleCounts: expect.arrayContaining([{ kind: 'movie', source: 'all', titles: 2 }]),
      genreMonths: expect.arrayContaining([
        { genre: 'Drama', month: '2024-01-01', ratings: 2, rating_sum: '9.500000' },
      ]),
    });
    expect(await plainRollups(bulk.db)).toEqual(bulkRollups);
    expect(await definitions(bulk.db)).toEqual(expectedDefinitions);
    expect(
      await bulk.db.sql.query('SELECT count(*)::int AS n FROM ingest.deferred_definition'),
    ).toEqual([{ n: 0 }]);
    // Rebuilt indexes serve queries: the planner knows the tables (ANALYZE ran).
    expect(
      await bulk.db.sql.query(
        `SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = 'people' AND tablename = 'credit'`,
      ),
    ).not.toEqual([{ n: 0 }]);

    // A second run finds the tables filled and upserts, exactly as after an incremental first run
    // (the repeated keys are written again in file order; everything else is unchanged).
    const again = await ingestImdb(dir, bulk.db, {
      ...options,
      rejectsDir: inWork('fixture-again-rejects'),
    });
    const incrementalAgain = await ingestImdb(dir, incremental.db, {
      ...options,
      rejectsDir: inWork('fixture-again-rejects'),
    });
    expect(again.mode).toBe('incremental');
    expect(withoutTimes(again)).toEqual(withoutTimes(incrementalAgain));
    expect(await contents(bulk.db)).toEqual(await contents(incremental.db));
  });

  it('gives the same rows as the incremental load for generated files, with no rejects', async () => {
    const dir = inWork('generated');
    await generateImdb(dir, { titles: 400, principals: 2000, seed: 11, gzip: true });
    const bulk = await freshDatabase();
    const incremental = await freshDatabase();
    const bulkSummary = await ingestImdb(dir, bulk.db, {
      progress: silentProgress,
      batchSize: 300,
      rejectsDir: inWork('generated-rejects'),
    });
    const incrementalSummary = await ingestImdb(dir, incremental.db, {
      progress: silentProgress,
      batchSize: 300,
      bulk: 'off',
      rejectsDir: inWork('generated-rejects'),
    });
    expect(bulkSummary.mode).toBe('bulk');
    expect(withoutTimes(bulkSummary)).toEqual(withoutTimes(incrementalSummary));
    expect(bulkSummary.files.every((file) => file.rejected === 0)).toBe(true);
    expect(await contents(bulk.db)).toEqual(await contents(incremental.db));
  });

  it('loads credits without name.basics: each is rejected and the foreign key is rebuilt after the primary keys', async () => {
    const dir = inWork('no-people');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'title.principals.tsv'),
      lines(
        'tconst\tordering\tnconst\tcategory\tjob\tcharacters',
        'tt0111161\t1\tnm0000209\tactor\t\\N\t["Andy Dufresne"]',
      ),
    );
    await writeFile(
      join(dir, 'title.crew.tsv'),
      lines('tconst\tdirectors\twriters', 'tt0111161\tnm0001104\t\\N'),
    );
    const { db } = await freshDatabase();
    const expectedDefinitions = await definitions(db);
    const summary = await ingestImdb(dir, db, {
      progress: silentProgress,
      bulk: 'on',
      rejectsDir: inWork('no-people-rejects'),
    });
    expect(summary.files.map(({ file, rejected }) => ({ file, rejected }))).toEqual([
      { file: 'title.principals.tsv', rejected: 1 },
      { file: 'title.crew.tsv', rejected: 1 },
    ]);
    expect(await definitions(db)).toEqual(expectedDefinitions);
  });

  it('refuses --bulk on when a target table has rows, and auto then loads incrementally', async () => {
    const { db } = await freshDatabase();
    await db.sql.query(`INSERT INTO people.person (id, name) VALUES ('nm0000001', 'Someone')`);
    const dir = inWork('fixture-nonempty');
    await writeFixture(dir);
    await expect(ingestImdb(dir, db, { progress: silentProgress, bulk: 'on' })).rejects.toThrow(
      new IngestError(
        '--bulk on needs empty tables, but people.person already has rows; --bulk auto (the default) loads incrementally then.',
      ),
    );
    expect((await ingestImdb(dir, db, { progress: silentProgress })).mode).toBe('incremental');
  });

  /** Starts `marquee ingest imdb --bulk on` and SIGKILLs it once the definitions are dropped and rows are arriving. */
  async function killMidLoad(db: Database, url: string, dir: string): Promise<void> {
    const child = spawnMarquee(['ingest', 'imdb', dir, '--bulk', 'on', '--batch-size', '1000'], {
      DATABASE_URL: url,
    });
    stack.defer(() => child.stop('SIGKILL'));
    for (;;) {
      const [state] = await db.sql.query<{ deferred: number; people: number }>(
        `SELECT (SELECT count(*)::int FROM ingest.deferred_definition) AS deferred, (SELECT count(*)::int FROM people.person) AS people`,
      );
      if ((state?.deferred ?? 0) > 0 && (state?.people ?? 0) > 0) break;
      if (child.child.exitCode !== null)
        throw new Error(`The load ended before it could be killed:\n${child.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await child.stop('SIGKILL');
    // The server ends the dead client's sessions (and their bulk-load lock) once it notices the
    // closed connections, which can take a moment after the process is gone.
    for (;;) {
      const [held] = await db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 72616874 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      if (held?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it(
    'recreates every dropped index and constraint in `marquee migrate` after the load is killed midway',
    async () => {
      const { db, url } = await freshDatabase();
      const expected = await definitions(db);
      const dir = inWork('crash');
      await generateImdb(dir, { titles: 20_000, principals: 100_000, seed: 3 });
      await killMidLoad(db, url, dir);

      expect(await definitions(db)).not.toEqual(expected);
      const recorded = await db.sql.query<{ name: string }>(
        'SELECT name FROM ingest.deferred_definition ORDER BY name',
      );
      expect(recorded.map(({ name }) => name)).toEqual(
        expect.arrayContaining([
          'credit_person_id_fkey',
          'movie_title_trgm_idx',
          'movies.title_count_changed',
          'person_name_trgm_idx',
          'recommendations.analytics_item_feature_changed',
        ]),
      );

      await runMarquee(['migrate'], { DATABASE_URL: url });
      expect(await definitions(db)).toEqual(expected);
      // The triggers are back (above) and the rollups hold what the loaded part of the files gives.
      await db.sql.exec(
        `INSERT INTO movies.movie (id, kind, title, imdb_id) VALUES ('tt9000001', 'movie', 'After', 'tt9000001')`,
      );
      const recovered = await rollups(db);
      expect(await plainRollups(db)).toEqual(recovered);
      expect(
        await db.sql.query('SELECT count(*)::int AS n FROM ingest.deferred_definition'),
      ).toEqual([{ n: 0 }]);
    },
    killedLoadTimeoutMs,
  );

  it(
    'recreates them at the start of the next ingestion after a kill, which then completes the load incrementally',
    async () => {
      const { db, url } = await freshDatabase();
      const expected = await definitions(db);
      const dir = inWork('crash-reingest');
      await generateImdb(dir, { titles: 20_000, principals: 100_000, seed: 5 });
      await killMidLoad(db, url, dir);
      expect(await definitions(db)).not.toEqual(expected);

      const summary = await ingestImdb(dir, db, {
        progress: silentProgress,
        rejectsDir: inWork('crash-reingest-rejects'),
      });
      expect(summary.mode).toBe('incremental');
      expect(summary.files.every((file) => file.rejected === 0)).toBe(true);
      expect(await definitions(db)).toEqual(expected);
      expect(
        await db.sql.query('SELECT count(*)::int AS n FROM ingest.deferred_definition'),
      ).toEqual([{ n: 0 }]);
      // The same rows as a load that was never interrupted.
      const uninterrupted = await freshDatabase();
      await ingestImdb(dir, uninterrupted.db, {
        progress: silentProgress,
        rejectsDir: inWork('crash-reingest-rejects'),
      });
      expect(await contents(db)).toEqual(await contents(uninterrupted.db));
    },
    killedLoadTimeoutMs,
  );

  it('refuses to migrate while a bulk load is running, instead of rebuilding its indexes under it', async () => {
    const { db, url } = await freshDatabase();
    const expected = await definitions(db);
    await withDeferredDefinitions(
      db.sql,
      imdbTables,
      async () => {
        await expect(migrateDatabase(url)).rejects.toThrow(BulkLoadInProgressError);
        await expect(
          ingestImdb(inWork('nowhere'), db, { progress: silentProgress }),
        ).rejects.toThrow(BulkLoadInProgressError);
      },
      { triggers: imdbTriggers },
    );
    expect(await definitions(db)).toEqual(expected);
  });

  it('turns off every trigger of the tables it writes while it loads (each has its rollups recomputed after)', async () => {
    const { db } = await freshDatabase();
    // An operator's choice of when a trigger fires is kept.
    await db.sql.exec('ALTER TABLE movies.movie ENABLE ALWAYS TRIGGER movie_title_count_delete');
    const triggers = `SELECT tgrelid::regclass::text AS table, tgname AS name, tgenabled AS enabled, tgfoid::regproc::text AS function
                        FROM pg_trigger WHERE tgrelid = ANY($1::regclass[]) AND NOT tgisinternal ORDER BY 1, 2`;
    const migrated = await db.sql.query<{ table: string; function: string; enabled: string }>(
      triggers,
      [imdbTables],
    );
    // The triggers a load of these tables would fire, as migrated: the title counts' and the
    // analytics rollups', on insert, update and delete.
    expect(migrated.map(({ table, function: fn }) => `${table} ${fn}`)).toEqual([
      ...Array.from({ length: 3 }, () => 'movies.movie movies.title_count_changed'),
      ...Array.from(
        { length: 3 },
        () => 'recommendations.item_feature recommendations.analytics_item_feature_changed',
      ),
    ]);
    expect(migrated.map(({ enabled }) => enabled)).toEqual(['A', 'O', 'O', 'O', 'O', 'O']);
    const during = await withDeferredDefinitions(
      db.sql,
      imdbTables,
      async (deferred) => ({
        triggers: await db.sql.query<{ enabled: string }>(triggers, [imdbTables]),
        recorded: deferred.filter(({ kind }) => kind === 'trigger').map(({ name }) => name),
      }),
      { triggers: imdbTriggers },
    );
    expect(during.triggers.map(({ enabled }) => enabled)).toEqual(migrated.map(() => 'D'));
    expect(during.recorded).toEqual([
      'movies.title_count_changed',
      'recommendations.analytics_item_feature_changed',
    ]);
    expect(await db.sql.query(triggers, [imdbTables])).toEqual(migrated);
  });
});
