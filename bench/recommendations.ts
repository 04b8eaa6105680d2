/**
 * Recommendations benchmark: training time and snapshot memory per model on synthetic
 * MovieLens-shaped ratings (the latent-taste model behind `marquee generate movielens`), fold-in
 * latency on the large model, and p50/p99 of `recommendations(first: 20)` inside the subgraph (in
 * process) from a warm snapshot (EASE, then ALS) against the SQL baseline it replaced, in the
 * same run.
 *
 *   NODE_OPTIONS=--max-old-space-size=16384 npm run bench:recommendations -- \
 *     [--large-users 160000 --large-items 60000 --large-ratings 25000000] [--queries 1000]
 *
 * The large set is held as plain objects (several GiB of heap, hence the option). Runs on
 * in-memory PGlite. Results go to stdout as Markdown for docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { createMemoryCache } from '@marquee/cache';
import { openDatabase } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { createMemoryPubSub, type MarqueeTopics } from '@marquee/pubsub';
import { createRecommendationsSubgraph, trainAndPublish } from '@marquee/recommendations';
import { foldIn, latentTasteRatings, snapshotBytes, trainSnapshot, type Interaction, type ModelSnapshot } from '@marquee/recsys';
import { executeInProcess } from '@marquee/server-kit';

const { values: args } = parseArgs({
  options: {
    'large-users': { type: 'string', default: '160000' },
    'large-items': { type: 'string', default: '60000' },
    'large-ratings': { type: 'string', default: '25000000' },
    queries: { type: 'string', default: '500' },
  },
});

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

const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
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
    for (const { item, rating, at } of list) out.push({ userId, itemId: itemIds[item] ?? '', rating, at: at * 1000 });
    user += 1;
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function latencies(count: number, work: (i: number) => Promise<void>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await work(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function trainRow(label: string, interactions: Interaction[], options: Parameters<typeof trainSnapshot>[1] = {}) {
  const started = performance.now();
  const { snapshot, stats } = trainSnapshot(interactions, options);
  const seconds = (performance.now() - started) / 1000;
  log(`${label}: ${snapshot.kind} in ${seconds.toFixed(1)} s`);
  rows.push(
    `| ${label} | ${stats.users.toLocaleString('en')} × ${stats.items.toLocaleString('en')}, ${stats.interactions.toLocaleString('en')} ratings | ${snapshot.kind} | ${seconds.toFixed(1)} s | ${mib(snapshotBytes(snapshot))} |`,
  );
  return snapshot;
}

/** p50/p99 of one user's fold-in (scores, top 100 without rated films, reasons) on a snapshot. */
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
  const times: number[] = [];
  for (const [n, user] of users.entries()) {
    const started = performance.now();
    foldIn(snapshot, user.liked, 100, user.rated);
    if (n >= 20) times.push(performance.now() - started); // the first few warm up the JIT
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), users: times.length };
}

const rows: string[] = [];
log('generating the 100k set');
const small = synthetic(943, 1682, 100_000, 1);
trainRow('100k (ml-100k shape)', small);
trainRow('100k, item-kNN forced', small, { model: 'item-knn' });
trainRow('100k, ALS forced', small, { model: 'als' });
const largeUsers = Number(args['large-users']);
const largeItems = Number(args['large-items']);
const largeRatings = Number(args['large-ratings']);
// In a function so the large set can be collected before latencies are measured.
const { rss, largeFoldIn, largeKind } = (() => {
  log(`generating the large set (${largeRatings} ratings)`);
  const large = synthetic(largeUsers, largeItems, largeRatings, 2);
  const snapshot = trainRow('large synthetic', large);
  return { rss: process.memoryUsage().rss, largeFoldIn: foldInLatency(snapshot, large, 1020), largeKind: snapshot.kind };
})();

// Serving: PGlite with the 100k set, trained snapshot, subgraph in process.
log('loading the 100k set into PGlite');
const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
await db.sql.copyFrom(
  'recommendations.item_feature (movie_id, title, genres, year, popularity)',
  Array.from({ length: 1682 }, (_, i) => `m${i}\tFilm ${i}\t{G${i % 18},G${(i * 7) % 18}}\t${1950 + (i % 70)}\t${1682 - i}\n`).join(''),
);
await db.sql.copyFrom(
  'recommendations.interaction (user_id, movie_id, rating, at)',
  small.map((x) => `${x.userId}\t${x.itemId}\t${x.rating}\t${new Date(x.at).toISOString()}\n`).join(''),
);
const logger = createLogger({ name: 'bench', level: 'silent' });
const pubsub = createMemoryPubSub<MarqueeTopics>();
const secret = 'b'.repeat(32);
const subgraph = createRecommendationsSubgraph({ db, pubsub, logger, identitySecret: secret, cache: createMemoryCache({ maxEntries: 100_000 }) });
const store = subgraph.stores.recommendations;
const queries = Number(args.queries);
const QUERY = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { recommendations(first: 20) { movie { id } score reason } } } }';
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
/** Cache-miss then cache-hit latencies with the snapshot `options` trains (a new version misses every cached list). */
async function serving(options: Parameters<typeof trainAndPublish>[1]) {
  const trained = await trainAndPublish(store, options);
  log(`trained ${trained?.kind} through the store: ${trained?.metadata.trainSeconds.toFixed(1)} s (+${trained?.metadata.loadSeconds.toFixed(1)} s loading)`);
  await subgraph.stores.engine.refresh();
  for (let i = 0; i < 50; i += 1) await ask(`u${900 + (i % 43)}`); // warm-up (JIT), users outside the samples below
  const miss = await latencies(Math.min(queries, 900), (i) => ask(users(i)));
  const hit = await latencies(queries, (i) => ask(users(i % 900)));
  return { kind: trained?.kind ?? 'none', miss, hit };
}
const servedEase = await serving({});
const servedAls = await serving({ model: 'als' });
const baseline = await latencies(Math.min(queries, 200), async (i) => {
  await db.sql.query(BASELINE_SQL, [[users(i)], 20]);
});
await stop();
await subgraph.server.stop();
await db.close();

console.log(`Training (\`trainSnapshot\`, in process; peak RSS after the large set ${mib(rss)}):\n`);
console.log('| data | users × items, ratings | model | train time | snapshot in memory |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(
  `\nFold-in on the large ${largeKind} snapshot (\`foldIn\`: scores, top 100 without rated films, reasons; ${largeFoldIn.users} users): ` +
    `p50 ${largeFoldIn.p50.toFixed(2)} ms, p99 ${largeFoldIn.p99.toFixed(2)} ms`,
);
console.log(`\n\`recommendations(first: 20)\` inside the subgraph (executeInProcess, PGlite, 100k set, ${queries} queries):\n`);
console.log('| path | p50 | p99 |');
console.log('|---|---|---|');
for (const { kind, miss, hit } of [servedEase, servedAls]) {
  console.log(`| ${kind} snapshot, top-N cache miss (SQL read of the user's ratings + fold-in) | ${miss.p50.toFixed(2)} ms | ${miss.p99.toFixed(2)} ms |`);
  console.log(`| ${kind} snapshot, top-N cache hit | ${hit.p50.toFixed(2)} ms | ${hit.p99.toFixed(2)} ms |`);
}
console.log(`| SQL baseline (genre affinity × popularity, store call only) | ${baseline.p50.toFixed(2)} ms | ${baseline.p99.toFixed(2)} ms |`);
for (const { kind, miss } of [servedEase, servedAls]) {
  console.log(
    `\nRatio for ${kind} (baseline p50 / cache-miss p50): ${(baseline.p50 / miss.p50).toFixed(1)}×; (baseline p99 / cache-miss p99): ${(baseline.p99 / miss.p99).toFixed(1)}×`,
  );
}
