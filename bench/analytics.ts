/**
 * Analytics benchmark: p50/p99 of `genreTrends` (YEAR and MONTH) and `User.stats` through the
 * recommendations subgraph and of `risingPeople` through the people subgraph, in process, on rollups kept by the triggers while the data loads,
 * against the baseline — the same answers computed by plain SQL over the raw tables — in the
 * same run, on the same data.
 *
 *   npm run bench:analytics -- --database-url postgresql://user@host:port/postgres \
 *     [--titles 1000000] [--ratings 25000000] [--users 1000000] [--queries 1000]
 *
 * With `--database-url` (or BENCH_DATABASE_URL) it creates a throwaway database on that server
 * and drops it afterwards; without, it uses in-memory PGlite (use far fewer rows). The load
 * itself (COPY into `item_feature` and `interaction`, rollups maintained by the triggers) is
 * timed too. The ratings are a bulk initial load: `interaction`'s indexes and primary key are
 * built after the COPY (`withDeferredDefinitions`, as `marquee ingest --bulk` does), while the
 * triggers keep the rollups per COPY chunk. Then VACUUM ANALYZE, as autovacuum would after a
 * load, so that it does not run during the samples. Results go to stdout as Markdown for
 * docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, withDeferredDefinitions, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { createMemoryEventStream, createMemoryPubSub, type MarqueeTopics } from '@marquee/pubsub';
import { createPeopleSubgraph } from '@marquee/people';
import { createRecommendationsSubgraph } from '@marquee/recommendations';
import { random } from '@marquee/recsys';
import { executeInProcess } from '@marquee/server-kit';
import {
  plainGenreTrends,
  plainUserStats,
} from '../subgraphs/recommendations/test/analyticsBaseline.ts';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    titles: { type: 'string', default: '1000000' },
    ratings: { type: 'string', default: '25000000' },
    users: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '1000' },
    'baseline-queries': { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    // `during`: the triggers keep the rollups chunk by chunk; `after`: the ratings' triggers are
    // off for the COPY and the rollups are built once from the loaded table.
    rollups: { type: 'string', default: 'during' },
  },
});
const serverUrl = args['database-url'] ?? process.env['BENCH_DATABASE_URL'];
const titleCount = Number(args.titles);
const ratingCount = Number(args.ratings);
const userCount = Number(args.users);
const queryCount = Number(args.queries);
const baselineCount = Number(args['baseline-queries']);
const rollupsAfter = args.rollups === 'after';
const secret = 'b'.repeat(32);

const log = (message: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

async function timed<T>(label: string, work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  const seconds = (performance.now() - start) / 1000;
  log(`${label}: ${seconds.toFixed(1)} s`);
  return [result, seconds];
}

async function openBenchDatabase(): Promise<{
  db: Database;
  label: string;
  drop: () => Promise<void>;
}> {
  if (serverUrl === undefined) {
    const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
    return { db, label: 'PGlite (in memory, WebAssembly)', drop: () => Promise.resolve() };
  }
  const name = `marquee_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase(
    { kind: 'postgres', url: url.toString(), poolSize: 4 },
    { migrate: true },
  );
  return {
    db,
    label: `PostgreSQL ${rows[0]?.server_version ?? '?'}`,
    async drop() {
      if (args.keep) {
        log(`kept database ${name}`);
        return;
      }
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

const genres = [
  'Drama',
  'Comedy',
  'Action',
  'Thriller',
  'Romance',
  'Crime',
  'Horror',
  'Documentary',
  'Adventure',
  'Sci-Fi',
  'Family',
  'Fantasy',
  'Mystery',
  'Animation',
  'Biography',
  'History',
  'Music',
  'War',
  'Western',
  'Sport',
];

/** COPY in chunks of `batch` rows, as `marquee ingest` does (one trigger firing per chunk). */
async function copyRows(
  db: Database,
  target: string,
  count: number,
  row: (i: number) => string,
  batch = 50_000,
) {
  for (let startAt = 0; startAt < count; startAt += batch) {
    const lines: string[] = [];
    for (let i = startAt; i < Math.min(count, startAt + batch); i++) lines.push(row(i));
    await db.sql.copyFrom(target, lines.join(''));
  }
}

function percentiles(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), n: sorted.length };
}

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function sample(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times;
}

async function main() {
  const started = performance.now();
  const { db, label, drop } = await openBenchDatabase();
  try {
    const rand = random(18);
    const [, titleSeconds] = await timed(`${titleCount} films into item_feature`, () =>
      copyRows(
        db,
        'recommendations.item_feature (movie_id, genres, year, popularity)',
        titleCount,
        (i) => {
          const mine = genres.filter(() => rand() < 0.12);
          const year = 1900 + Math.floor(126 * Math.sqrt(rand()));
          return `tt${i}\t{${(mine.length === 0 ? ['Drama'] : mine).join(',')}}\t${year}\t0\n`;
        },
      ),
    );
    // Ratings over the last ten years, one per user and film. Popularity is skewed as real
    // ratings are: a few films draw most of them.
    const perUser = Math.max(1, Math.round(ratingCount / userCount));
    // Up to now, so that the trend windows (the last days) hold ratings.
    const end = Date.now();
    const span = 10 * 365 * 86_400_000;
    let films: string[] = [];
    if (rollupsAfter)
      await db.sql.exec('ALTER TABLE recommendations.interaction DISABLE TRIGGER USER');
    const [, ratingSeconds] = await timed(
      `${(perUser * userCount).toLocaleString('en')} ratings into interaction (indexes built after)`,
      () =>
        withDeferredDefinitions(db.sql, ['recommendations.interaction'], () =>
          copyRows(
            db,
            'recommendations.interaction (user_id, movie_id, rating, at)',
            perUser * userCount,
            (i) => {
              if (i % perUser === 0) {
                const mine = new Set<number>();
                while (mine.size < Math.min(perUser, titleCount))
                  mine.add(Math.floor(titleCount * rand() ** 3));
                films = [...mine].map((film) => `tt${film}`);
              }
              const at = new Date(end - Math.floor(span * rand())).toISOString();
              return `u${Math.floor(i / perUser)}\t${films[i % perUser] ?? 'tt0'}\t${(1 + Math.floor(rand() * 10)) / 2}\t${at}\n`;
            },
          ),
        ),
    );
    let rollupSeconds = 0;
    if (rollupsAfter) {
      await db.sql.exec('ALTER TABLE recommendations.interaction ENABLE TRIGGER USER');
      [, rollupSeconds] = await timed('rollups built from the loaded ratings', () =>
        db.sql.query('SELECT recommendations.analytics_rebuild()'),
      );
    }
    const [, vacuumSeconds] = await timed('VACUUM ANALYZE', () => db.sql.query('VACUUM ANALYZE'));
    const ratings = perUser * userCount;
    // risingPeople: two credits per film (a director and an actor) among titles/5 people, and
    // the people subgraph's per-film, per-day count as its rating-event consumer would have
    // written it for these ratings.
    const peopleCount = Math.max(1000, Math.floor(titleCount / 5));
    const [, peopleSeconds] = await timed(
      `${peopleCount} people, ${2 * titleCount} credits`,
      async () => {
        await copyRows(db, 'people.person (id, name)', peopleCount, (i) => `nm${i}\tPerson ${i}\n`);
        await copyRows(
          db,
          'people.credit (id, movie_id, person_id, role)',
          2 * titleCount,
          (i) =>
            `c${i}\ttt${i >> 1}\tnm${Math.floor(peopleCount * rand())}\t${i % 2 === 0 ? 'DIRECTOR' : 'ACTOR'}\n`,
        );
        // Only the windows' days: risingPeople reads at most the last 30.
        await db.sql.query(
          `INSERT INTO people.movie_rating_day (movie_id, day, ratings)
           SELECT movie_id, (at AT TIME ZONE 'UTC')::date, count(*) FROM recommendations.interaction
           WHERE at >= now() - interval '31 days' GROUP BY 1, 2`,
        );
        await db.sql.query('ANALYZE people.credit');
        await db.sql.query('ANALYZE people.movie_rating_day');
      },
    );

    const subgraph = createRecommendationsSubgraph({
      db,
      pubsub: createMemoryPubSub<MarqueeTopics>(),
      stream: createMemoryEventStream<MarqueeTopics>(),
      logger: createLogger({ name: 'bench', level: 'silent' }),
      identitySecret: secret,
    });
    await subgraph.server.start();
    const as = (userId: string) => ({
      identity: { userId, role: 'USER' as const, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
      identitySecret: secret,
    });
    const run = async (query: string, options = {}) => {
      const result = await executeInProcess(subgraph, query, options);
      if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
      return result;
    };
    const YEARS =
      '{ genreTrends(from: 2007, to: 2026) { genre year titlesReleased ratingsGiven averageRating } }';
    const MONTHS =
      '{ genreTrends(from: 2026, to: 2026, bucket: MONTH) { genre year month ratingsGiven averageRating } }';
    const STATS =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { stats { ratings averageRating communityAverageRating ratingsByMonth { month ratings } favouriteGenres { genre ratings } peopleMostWatched { films } } } } }';
    const userAt = (i: number) => `u${Math.floor(random(i + 1)() * userCount)}`;

    const statsOf = (i: number) => {
      const user = userAt(i);
      return run(STATS, { ...as(user), variables: { r: [{ __typename: 'User', id: user }] } });
    };
    const rowsOf = (result: Awaited<ReturnType<typeof run>>) =>
      (result.data?.['genreTrends'] as unknown[] | undefined)?.length ?? 0;
    const yearRows = rowsOf(await run(YEARS));
    const monthRows = rowsOf(await run(MONTHS));
    // Warm-up, then the fields in turn, so that a stall of the machine falls on any of them alike.
    for (let i = 0; i < 10; i++) {
      await run(YEARS);
      await run(MONTHS);
      await statsOf(i);
    }
    const loadBefore = loadavg();
    const cpuBefore = process.cpuUsage();
    const years: number[] = [];
    const months: number[] = [];
    const stats: number[] = [];
    for (let i = 0; i < queryCount; i++) {
      years.push(await elapsed(() => run(YEARS)));
      months.push(await elapsed(() => run(MONTHS)));
      stats.push(await elapsed(() => statsOf(i)));
    }
    const cpu = process.cpuUsage(cpuBefore);
    const nodeCpuMs = (cpu.user + cpu.system) / 1000 / (3 * queryCount);
    log('subgraph samples done; baseline next');
    const plainYears = await sample(baselineCount, () =>
      plainGenreTrends(db.sql, 2007, 2026, 'YEAR'),
    );
    const plainMonths = await sample(baselineCount, () =>
      plainGenreTrends(db.sql, 2026, 2026, 'MONTH'),
    );
    const plainStats = await sample(baselineCount * 4, (i) => plainUserStats(db.sql, userAt(i)));
    await subgraph.server.stop();

    const people = createPeopleSubgraph({
      db,
      logger: createLogger({ name: 'bench', level: 'silent' }),
      identitySecret: secret,
    });
    await people.server.start();
    const RISING_WEEK =
      '{ risingPeople(window: WEEK, role: ACTOR, first: 10) { person { id name } ratings films { movie { id } ratings } } }';
    const RISING_MONTH =
      '{ risingPeople(window: MONTH, role: DIRECTOR, first: 10) { person { id name } ratings films { movie { id } ratings } } }';
    const runPeople = async (query: string) => {
      const result = await executeInProcess(people, query);
      if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
    };
    for (let i = 0; i < 5; i++) await runPeople(RISING_WEEK);
    const risingWeek: number[] = [];
    const risingMonth: number[] = [];
    for (let i = 0; i < Math.min(queryCount, 200); i++) {
      risingWeek.push(await elapsed(() => runPeople(RISING_WEEK)));
      risingMonth.push(await elapsed(() => runPeople(RISING_MONTH)));
    }
    const loadAfter = loadavg();
    await people.server.stop();
    // Baseline: the same ranking from the raw ratings (every rating in the window, joined with
    // the credits at query time).
    const plainRising = (days: number, role: string) =>
      db.sql.query(
        `SELECT c.person_id, count(*) AS n FROM recommendations.interaction i
         JOIN people.credit c ON c.movie_id = i.movie_id AND c.role = $2::people.credit_role
         WHERE i.at >= now() - make_interval(days => $1) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
        [days, role],
      );
    const plainWeek = await sample(baselineCount, () => plainRising(7, 'ACTOR'));
    const plainMonth = await sample(baselineCount, () => plainRising(30, 'DIRECTOR'));

    const ms = (value: number) => value.toFixed(1);
    const row = (
      name: string,
      p: ReturnType<typeof percentiles>,
      base: ReturnType<typeof percentiles>,
    ) =>
      `| ${name} | ${p.n} | ${ms(p.p50)} | ${ms(p.p99)} | ${base.n} | ${ms(base.p50)} | ${ms(base.p99)} | ${(base.p99 / p.p99).toFixed(1)}× |`;
    process.stdout.write(
      [
        `Database: ${label}; ${titleCount.toLocaleString('en')} films, ${ratings.toLocaleString('en')} ratings by ` +
          `${userCount.toLocaleString('en')} users over ten years; load: films ` +
          `${titleSeconds.toFixed(0)} s, ratings ${ratingSeconds.toFixed(0)} s ` +
          (rollupsAfter
            ? `(triggers off) and their rollups built after in ${rollupSeconds.toFixed(0)} s `
            : '(rollups kept by the triggers) ') +
          `(${Math.round(ratings / ratingSeconds).toLocaleString('en')} ratings/s), VACUUM ANALYZE ${vacuumSeconds.toFixed(0)} s, ${peopleCount.toLocaleString('en')} people with ${(2 * titleCount).toLocaleString('en')} credits ${peopleSeconds.toFixed(0)} s; Node ${process.version}; ` +
          `load average ${loadBefore.map((load) => load.toFixed(1)).join(' ')} before the samples and ` +
          `${loadAfter.map((load) => load.toFixed(1)).join(' ')} after; the subgraph's own CPU per sample ` +
          `${nodeCpuMs.toFixed(1)} ms (Node side, genreTrends and User.stats); genreTrends answers ` +
          `${yearRows} rows (YEAR) and ${monthRows} (MONTH); total run ${((performance.now() - started) / 1000).toFixed(0)} s.`,
        '',
        '| field (its subgraph, in process) | samples | p50 ms | p99 ms | baseline samples | baseline p50 ms | baseline p99 ms | baseline p99 / p99 |',
        '|---|---:|---:|---:|---:|---:|---:|---:|',
        row(
          '`genreTrends(from: 2007, to: 2026)` (YEAR, 20 years)',
          percentiles(years),
          percentiles(plainYears),
        ),
        row(
          '`genreTrends(bucket: MONTH)` (one year)',
          percentiles(months),
          percentiles(plainMonths),
        ),
        row('`User.stats` (a random user)', percentiles(stats), percentiles(plainStats)),
        row(
          '`risingPeople(window: WEEK, role: ACTOR)` (people subgraph)',
          percentiles(risingWeek),
          percentiles(plainWeek),
        ),
        row(
          '`risingPeople(window: MONTH, role: DIRECTOR)` (people subgraph)',
          percentiles(risingMonth),
          percentiles(plainMonth),
        ),
        '',
      ].join('\n'),
    );
  } finally {
    await db.close();
    await drop();
  }
}

await main();
