/**
 * Recommendations benchmark: training time and snapshot memory per model on synthetic
 * MovieLens-shaped ratings (the latent-taste model behind `marquee generate movielens`), fold-in
 * latency on the large model, and p50/p99 of `recommendations(first: 20)` inside the subgraph (in
 * process) from a warm snapshot (EASE, then ALS on the 100k set; then the large snapshot over a
 * catalogue of its films) against the SQL baseline it replaced, in the same run.
 *
 *   NODE_OPTIONS=--max-old-space-size=16384 npm run bench:recommendations -- \
 *     [--large-users 160000 --large-items 60000 --large-ratings 25000000] [--queries 1000] [--train-only] \
 *     [--database-url postgresql://user@host:port/postgres | --pglite]
 *
 * `--train-only` stops after the training rows (the 25M training goal without the serving passes).
 * The large set is held as plain objects (several GiB of heap, hence the option). The serving part
 * runs on PostgreSQL, as production does: with `--database-url` (or BENCH_DATABASE_URL) in a
 * throwaway database created on that server and dropped afterwards, otherwise on a throwaway
 * server started for the run (the PostgreSQL binaries on PATH or Debian's). `--pglite` serves from
 * in-memory PGlite instead. Besides p50/p99 it splits the slowest 1% of cache misses into the
 * store's read of the user's ratings, the rest of the engine (fold-in, cache) and GraphQL, with
 * the garbage-collection pauses that overlapped them. Results go to stdout as Markdown for
 * docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createMemoryCache } from '@marquee/cache';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { createMemoryEventStream, createMemoryPubSub, type MarqueeTopics } from '@marquee/pubsub';
import { createRecommendationsSubgraph } from '@marquee/recommendations';
import { trainAndPublish } from '@marquee/recommendations/training';
import {
  foldIn,
  latentTasteRatings,
  serializeSnapshot,
  snapshotBytes,
  trainSnapshot,
  useFactorKernels,
  type Interaction,
  type ModelSnapshot,
} from '@marquee/recsys';
import { executeInProcess } from '@marquee/server-kit';
import { findFreePorts, locatePostgres, startPostgres } from '../packages/testing/src/services.ts';

const { values: args } = parseArgs({
  options: {
    'large-users': { type: 'string', default: '160000' },
    'large-items': { type: 'string', default: '60000' },
    'large-ratings': { type: 'string', default: '25000000' },
    queries: { type: 'string', default: '500' },
    'train-only': { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    pglite: { type: 'boolean', default: false },
  },
});
const databaseUrl = args['database-url'] ?? process.env['BENCH_DATABASE_URL'];
if (args.pglite && databaseUrl !== undefined && databaseUrl !== '')
  throw new Error('--pglite and a database URL exclude each other');

/**
 * The baseline: the SQL recommender Marquee served before trained snapshots (the foundation's),
 * kept here only to compare against.
 */
// Genre affinity from the user's liked films (rating >= 3.5), times scaled popularity; films the
// user rated are excluded. Users without liked films get plain popularity (cold start).
const BASELINE_SQL = `
WITH maxpop AS (SELECT GREATEST(MAX(popularity), 1) AS m FROM recommendations.item_feature),
users AS (SELECT unnest($1::text[]) AS user_id),
affinity AS (
  SELECT x.user_id, g.genre, SUM(x.rating - 2.5) AS weight
  FROM recommendations.interaction x
  JOIN recommendations.item_feature f ON f.movie_id = x.movie_id
  CROSS JOIN LATERAL unnest(f.genres) AS g(genre)
  WHERE x.user_id = ANY($1::text[]) AND x.rating >= 3.5
  GROUP BY x.user_id, g.genre
)
SELECT u.user_id, c.movie_id, c.score, c.top_genre
FROM users u
CROSS JOIN maxpop
CROSS JOIN LATERAL (
  SELECT i.movie_id,
         COALESCE((SELECT SUM(a.weight) FROM affinity a WHERE a.user_id = u.user_id AND a.genre = ANY(i.genres)), 0)
           + i.popularity / maxpop.m AS score,
         (SELECT a.genre FROM affinity a WHERE a.user_id = u.user_id AND a.genre = ANY(i.genres)
           ORDER BY a.weight DESC, a.genre LIMIT 1) AS top_genre
  FROM recommendations.item_feature i
  WHERE NOT EXISTS (
    SELECT 1 FROM recommendations.interaction r WHERE r.user_id = u.user_id AND r.movie_id = i.movie_id)
  ORDER BY score DESC, i.movie_id
  LIMIT $2
) c
ORDER BY u.user_id, c.score DESC, c.movie_id`;

const log = (message: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * MovieLens-shaped ratings from the latent-taste model `marquee generate movielens` writes
 * (long-tailed popularity and activity, visible genres and hidden niches, time-ordered sessions).
 * Ids are interned, so the set costs one object per rating.
 */
function synthetic(users: number, items: number, ratings: number, seed: number): Interaction[] {
  const data = latentTasteRatings({ users, items, ratings, seed });
  const itemIds = Array.from({ length: items }, (_, i) => `m${i}`);
  const out: Interaction[] = [];
  let user = 0;
  for (const list of data.users()) {
    const userId = `u${user}`;
    for (const { item, rating, at } of list)
      out.push({ userId, itemId: itemIds[item] ?? '', rating, at: at * 1000 });
    user += 1;
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** One timed call: when it started and how long it took (ms, `performance.now()` clock). */
interface Sample {
  start: number;
  total: number;
}

async function timedSamples(count: number, work: (i: number) => Promise<void>): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await work(i);
    samples.push({ start, total: performance.now() - start });
  }
  return samples;
}

function summary(samples: readonly Sample[]): { p50: number; p99: number } {
  const times = samples.map((sample) => sample.total).sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function latencies(
  count: number,
  work: (i: number) => Promise<void>,
): Promise<{ p50: number; p99: number }> {
  return summary(await timedSamples(count, work));
}

function trainRow(
  label: string,
  interactions: Interaction[],
  options: Parameters<typeof trainSnapshot>[1] = {},
) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { snapshot, stats } = trainSnapshot(interactions, options);
  const seconds = (performance.now() - started) / 1000;
  // CPU seconds beside wall time: on a shared machine the load stretches the wall clock.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  log(`${label}: ${snapshot.kind} in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU)`);
  rows.push(
    `| ${label} | ${stats.users.toLocaleString('en')} × ${stats.items.toLocaleString('en')}, ${stats.interactions.toLocaleString('en')} ratings | ${snapshot.kind} | ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU; load ${(loadavg()[0] ?? 0).toFixed(1)}) | ${mib(snapshotBytes(snapshot))} |`,
  );
  return snapshot;
}

/**
 * p50/p99 of one user's fold-in (scores, top 100 without rated films, reasons) on a snapshot, in
 * alternating rounds with ALS's WebAssembly kernels off (plain JavaScript) and on.
 */
function foldInLatency(snapshot: ModelSnapshot, interactions: Interaction[], count: number) {
  const index = new Map(snapshot.items.map((id, i) => [id, i]));
  const byUser = new Map<string, { liked: number[]; rated: Set<number> }>();
  for (const x of interactions) {
    const item = index.get(x.itemId);
    if (item === undefined) continue;
    let entry = byUser.get(x.userId);
    if (entry === undefined) {
      if (byUser.size >= count) break;
      entry = { liked: [], rated: new Set<number>() };
      byUser.set(x.userId, entry);
    }
    entry.rated.add(item);
    if (x.rating >= 3.5) entry.liked.push(item);
  }
  const users = [...byUser.values()].filter((entry) => entry.liked.length >= 3);
  const round = (kernels: boolean) => {
    useFactorKernels(kernels);
    const times: number[] = [];
    for (const [n, user] of users.entries()) {
      const started = performance.now();
      foldIn(snapshot, user.liked, 100, user.rated);
      if (n >= 20) times.push(performance.now() - started); // the first few warm up the JIT
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  };
  const rounds = [false, true, false, true].map((kernels) => ({ kernels, ...round(kernels) }));
  useFactorKernels(true);
  return { rounds, users: users.length - 20 };
}

/** Users of the large set served through the subgraph: a warm-up group, then the measured one. */
const LARGE_WARM_UP = 50;
const LARGE_SERVED = 900;

/**
 * What serving the large snapshot needs, taken before the large set is released: the snapshot's
 * bytes, its films as item features, and the ratings of the first `count` users with at least
 * three liked films, as COPY text.
 */
function servingSet(snapshot: ModelSnapshot, interactions: Interaction[], count: number) {
  const liked = new Map<string, number>();
  for (const x of interactions)
    if (x.rating >= 3.5) liked.set(x.userId, (liked.get(x.userId) ?? 0) + 1);
  const users: string[] = [];
  for (const [userId, likes] of liked) {
    if (users.length >= count) break;
    if (likes >= 3) users.push(userId);
  }
  const chosen = new Set(users);
  let ratings = '';
  for (const x of interactions)
    if (chosen.has(x.userId))
      ratings += `${x.userId}\t${x.itemId}\t${x.rating}\t${new Date(x.at).toISOString()}\n`;
  const items = snapshot.items
    .map(
      (id, i) =>
        `${id}\tFilm ${i}\t{G${i % 18},G${(i * 7) % 18}}\t${1950 + (i % 70)}\t${snapshot.items.length - i}\n`,
    )
    .join('');
  return {
    kind: snapshot.kind,
    films: snapshot.items.length,
    data: serializeSnapshot(snapshot),
    users,
    ratings,
    items,
  };
}

const rows: string[] = [];
log('generating the 100k set');
// In a function, like the large set below, so the 100k rating objects are collected before
// serving: a subgraph process holds none of them, and the garbage collector's cost grows with
// what is live. Serving loads the set from its COPY text (one string, nothing to trace).
const smallCopy = (() => {
  const small = synthetic(943, 1682, 100_000, 1);
  trainRow('100k (ml-100k shape)', small);
  trainRow('100k, item-kNN forced', small, { model: 'item-knn' });
  trainRow('100k, ALS forced', small, { model: 'als' });
  return small
    .map((x) => `${x.userId}\t${x.itemId}\t${x.rating}\t${new Date(x.at).toISOString()}\n`)
    .join('');
})();
const largeUsers = Number(args['large-users']);
const largeItems = Number(args['large-items']);
const largeRatings = Number(args['large-ratings']);
// In a function so the large set can be collected before latencies are measured.
const { rss, largeFoldIn, largeKind, largeServing } = (() => {
  log(`generating the large set (${largeRatings} ratings)`);
  const large = synthetic(largeUsers, largeItems, largeRatings, 2);
  const snapshot = trainRow('large synthetic', large);
  if (args['train-only']) {
    // Training time alone (the 25M goal), without the serving passes.
    console.log('| data | users × items, ratings | model | train time | snapshot in memory |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    process.exit(0);
  }
  return {
    rss: process.memoryUsage().rss,
    largeFoldIn: foldInLatency(snapshot, large, 1020),
    largeKind: snapshot.kind,
    largeServing: servingSet(snapshot, large, LARGE_WARM_UP + LARGE_SERVED),
  };
})();

/** The serving database: a throwaway one on a PostgreSQL server (given, or started here) or in-memory PGlite. */
async function openServingDatabase(): Promise<{
  db: Database;
  label: string;
  close: () => Promise<void>;
}> {
  if (args.pglite) {
    const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
    return { db, label: 'PGlite (in memory, WebAssembly)', close: () => db.close() };
  }
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups)
      await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  };
  try {
    let serverUrl = databaseUrl;
    if (serverUrl === undefined || serverUrl === '') {
      const dir = await mkdtemp(join(tmpdir(), 'marquee-bench-recommendations-'));
      cleanups.unshift(() => rm(dir, { recursive: true, force: true }));
      const [port] = await findFreePorts(1);
      log('starting a throwaway PostgreSQL server');
      const server = await startPostgres(locatePostgres(), {
        port: port ?? 55433,
        dir: join(dir, 'postgres'),
      });
      cleanups.unshift(() => server.stop());
      serverUrl = server.url;
    }
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const name = `marquee_bench_${randomBytes(6).toString('hex')}`;
    let version: string;
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
      version =
        (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]
          ?.server_version ?? '?';
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const server = serverUrl;
    cleanups.unshift(async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    });
    const db = await openDatabase(
      { kind: 'postgres', url: url.toString(), poolSize: 4 },
      { migrate: true },
    );
    cleanups.unshift(() => db.close());
    return { db, label: `PostgreSQL ${version.split(' ')[0] ?? version}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}

// Garbage-collection pauses, to see which of the slowest queries overlapped one.
const gcPauses: { start: number; end: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    gcPauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });
const gcWithin = (from: number, to: number) =>
  gcPauses.reduce(
    (sum, pause) => sum + Math.max(0, Math.min(to, pause.end) - Math.max(from, pause.start)),
    0,
  );

// Serving: the 100k set, trained snapshot, subgraph in process.
const serving = await openServingDatabase();
const { db } = serving;
log(`loading the 100k set into ${serving.label}`);
await db.sql.copyFrom(
  'recommendations.item_feature (movie_id, title, genres, year, popularity)',
  Array.from(
    { length: 1682 },
    (_, i) => `m${i}\tFilm ${i}\t{G${i % 18},G${(i * 7) % 18}}\t${1950 + (i % 70)}\t${1682 - i}\n`,
  ).join(''),
);
await db.sql.copyFrom('recommendations.interaction (user_id, movie_id, rating, at)', smallCopy);
await db.sql.exec('ANALYZE recommendations.item_feature; ANALYZE recommendations.interaction');
const logger = createLogger({ name: 'bench', level: 'silent' });
const pubsub = createMemoryPubSub<MarqueeTopics>();
const secret = 'b'.repeat(32);
const subgraph = createRecommendationsSubgraph({
  db,
  pubsub,
  stream: createMemoryEventStream<MarqueeTopics>(),
  logger,
  identitySecret: secret,
  cache: createMemoryCache({ maxEntries: 100_000 }),
});
const store = subgraph.stores.recommendations;
const { engine } = subgraph.services;

// Per query, the time inside the store's read of the user's ratings and inside the engine's
// `forUsers` (cache lookup, that read, fold-in, cache write); the rest is GraphQL and the loader.
let readMs = 0;
let engineMs = 0;
const readRatings = store.interactionsOf.bind(store);
store.interactionsOf = async (userIds) => {
  const started = performance.now();
  try {
    return await readRatings(userIds);
  } finally {
    readMs += performance.now() - started;
  }
};
const forUsers = engine.forUsers.bind(engine);
engine.forUsers = async (userIds) => {
  const started = performance.now();
  try {
    return await forUsers(userIds);
  } finally {
    engineMs += performance.now() - started;
  }
};

const queries = Number(args.queries);
const QUERY =
  'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { recommendations(first: 20) { movie { id } score reason } } } }';
const ask = async (userId: string) => {
  const result = await executeInProcess(subgraph, QUERY, {
    variables: { r: [{ __typename: 'User', id: userId }] },
    identity: { userId, role: 'USER', expiresAt: Math.floor(Date.now() / 1000) + 600 },
    identitySecret: secret,
  });
  if (result.errors !== undefined) throw new Error(result.errors[0]?.message);
};
const users = (i: number) => `u${i % 900}`;
const stop = await subgraph.start();
await subgraph.server.start();

interface Split {
  total: number;
  read: number;
  /** forUsers minus the read: fold-in, cold-start top-up, cache. */
  score: number;
  /** The rest: GraphQL parsing, validation and execution, the loader. */
  graphql: number;
  gc: number;
}

/** The slowest 1% of cache misses (at least 5), each split into its parts, averaged. */
function tail(
  samples: readonly (Sample & { read: number; engine: number })[],
): Split & { count: number; withGc: number } {
  const count = Math.max(5, Math.ceil(samples.length / 100));
  const slowest = [...samples].sort((a, b) => b.total - a.total).slice(0, count);
  const parts = slowest.map((sample) => ({
    total: sample.total,
    read: sample.read,
    score: sample.engine - sample.read,
    graphql: sample.total - sample.engine,
    gc: gcWithin(sample.start, sample.start + sample.total),
  }));
  const mean = (pick: (split: Split) => number) =>
    parts.reduce((sum, split) => sum + pick(split), 0) / parts.length;
  return {
    count,
    withGc: parts.filter((split) => split.gc > 0).length,
    total: mean((split) => split.total),
    read: mean((split) => split.read),
    score: mean((split) => split.score),
    graphql: mean((split) => split.graphql),
    gc: mean((split) => split.gc),
  };
}

/** Cache-miss then cache-hit latencies of the newest snapshot: `userOf(i)` are measured, `warmUpOf(i)` only warm up. */
async function measureServing(
  kind: string,
  userOf: (i: number) => string,
  warmUpOf: (i: number) => string,
) {
  await engine.refresh();
  for (let i = 0; i < 50; i += 1) await ask(warmUpOf(i)); // warm-up (JIT), users outside the samples below
  const missSamples: (Sample & { read: number; engine: number })[] = [];
  for (let i = 0; i < Math.min(queries, 900); i += 1) {
    readMs = 0;
    engineMs = 0;
    const [sample] = await timedSamples(1, () => ask(userOf(i)));
    if (sample !== undefined) missSamples.push({ ...sample, read: readMs, engine: engineMs });
  }
  const hit = await latencies(queries, (i) => ask(userOf(i % 900)));
  const reads = missSamples.map((sample) => sample.read).sort((a, b) => a - b);
  return {
    kind,
    miss: summary(missSamples),
    read: { p50: percentile(reads, 50), p99: percentile(reads, 99) },
    tail: tail(missSamples),
    hit,
  };
}

/** The 100k set with the snapshot `options` trains through the store (a new version misses every cached list). */
async function serve(options: Parameters<typeof trainAndPublish>[1]) {
  const trained = await trainAndPublish(store, options);
  log(
    `trained ${trained?.kind} through the store: ${trained?.metadata.trainSeconds.toFixed(1)} s (+${trained?.metadata.loadSeconds.toFixed(1)} s loading)`,
  );
  return measureServing(trained?.kind ?? 'none', users, (i) => `u${900 + (i % 43)}`);
}

/**
 * The large snapshot (trained in process above) published through the store over a catalogue of
 * its films, with the ratings of the users served: the 100k set's rows are replaced.
 */
async function loadLarge() {
  const { films, users: served, ratings, items } = largeServing;
  log(
    `loading the large set's catalogue (${films} films) and ${served.length} of its users' ratings`,
  );
  await db.sql.exec('TRUNCATE recommendations.interaction, recommendations.item_feature');
  await db.sql.copyFrom(
    'recommendations.item_feature (movie_id, title, genres, year, popularity)',
    items,
  );
  await db.sql.copyFrom('recommendations.interaction (user_id, movie_id, rating, at)', ratings);
  await db.sql.exec('ANALYZE recommendations.item_feature; ANALYZE recommendations.interaction');
}

/** One pass over the large snapshot, published again (a new version: every list misses) with ALS's WebAssembly kernels on or off. */
async function serveLarge(kernels: boolean) {
  const { kind, films, data, users: served } = largeServing;
  useFactorKernels(kernels);
  const record = await store.saveSnapshot({
    kind,
    metadata: { model: kind, source: 'benchmark: the large set, trained in process' },
    data,
  });
  await engine.refresh();
  if (engine.modelVersion() !== record.version)
    throw new Error(
      `the engine serves version ${engine.modelVersion()}, not the large snapshot's ${record.version}`,
    );
  const userAt = (i: number) => served[LARGE_WARM_UP + (i % LARGE_SERVED)] ?? '';
  const label = `${kind}, ${films.toLocaleString('en')} films, ${kernels ? 'WebAssembly SIMD' : 'JavaScript'}`;
  const result = await measureServing(label, userAt, (i) => served[i % LARGE_WARM_UP] ?? '');
  useFactorKernels(true);
  return result;
}

const loadAtStart = loadavg()[0] ?? 0;
const servedEase = await serve({});
const servedAls = await serve({ model: 'als' });
const baseline = await latencies(Math.min(queries, 200), async (i) => {
  await db.sql.query(BASELINE_SQL, [[users(i)], 20]);
});
await loadLarge();
const servedLarge = [
  await serveLarge(false),
  await serveLarge(true),
  await serveLarge(false),
  await serveLarge(true),
];
const loadAtEnd = loadavg()[0] ?? 0;
gcObserver.disconnect();
await stop();
await subgraph.server.stop();
await serving.close();

const ms = (value: number) => value.toFixed(2);
console.log(
  `Training (\`trainSnapshot\`, in process; peak RSS after the large set ${mib(rss)}):\n`,
);
console.log('| data | users × items, ratings | model | train time | snapshot in memory |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(
  `\nFold-in on the large ${largeKind} snapshot (\`foldIn\`: scores, top 100 without rated films, reasons; ${largeFoldIn.users} users), ` +
    'alternating rounds with the WebAssembly kernels off and on:\n',
);
console.log('| round | ALS kernels | p50 | p99 |');
console.log('|---|---|---|---|');
largeFoldIn.rounds.forEach(({ kernels, p50, p99 }, n) =>
  console.log(
    `| ${n + 1} | ${kernels ? 'WebAssembly SIMD' : 'JavaScript'} | ${ms(p50)} ms | ${ms(p99)} ms |`,
  ),
);
console.log(
  `\n\`recommendations(first: 20)\` inside the subgraph (executeInProcess, ${serving.label}; the 100k set, then the large snapshot over its own catalogue; ${queries} queries; ` +
    `Node ${process.version}; one-minute load average ${loadAtStart.toFixed(1)} at the start of serving, ${loadAtEnd.toFixed(1)} at the end):\n`,
);
console.log('| path | p50 | p99 |');
console.log('|---|---|---|');
for (const { kind, miss, read, hit } of [servedEase, servedAls, ...servedLarge]) {
  console.log(
    `| ${kind} snapshot, top-N cache miss (SQL read of the user's ratings + fold-in) | ${ms(miss.p50)} ms | ${ms(miss.p99)} ms |`,
  );
  console.log(
    `| ${kind} snapshot, of which the read of the user's ratings | ${ms(read.p50)} ms | ${ms(read.p99)} ms |`,
  );
  console.log(`| ${kind} snapshot, top-N cache hit | ${ms(hit.p50)} ms | ${ms(hit.p99)} ms |`);
}
console.log(
  `| SQL baseline (genre affinity × popularity, store call only) | ${ms(baseline.p50)} ms | ${ms(baseline.p99)} ms |`,
);
for (const { kind, miss } of [servedEase, servedAls]) {
  console.log(
    `\nRatio for ${kind} (baseline p50 / cache-miss p50): ${(baseline.p50 / miss.p50).toFixed(1)}×; (baseline p99 / cache-miss p99): ${(baseline.p99 / miss.p99).toFixed(1)}×`,
  );
}
console.log('\nThe slowest 1% of cache misses, mean per query (ms):\n');
console.log(
  '| snapshot | queries | total | read of the ratings | fold-in and cache | GraphQL and loader | GC pauses overlapping (queries with one) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const { kind, tail: t } of [servedEase, servedAls, ...servedLarge]) {
  console.log(
    `| ${kind} | ${t.count} | ${ms(t.total)} | ${ms(t.read)} | ${ms(t.score)} | ${ms(t.graphql)} | ${ms(t.gc)} (${t.withGc}) |`,
  );
}
