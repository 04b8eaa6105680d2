/**
 * Subscription delivery benchmark: the time from `rateMovie` returning to the client receiving
 * its `recommendationsUpdated` event (fields resolved from the recommendations, movies and people
 * subgraphs), p50 and p99, with 1, 100 and 5,000 concurrent subscribers on one router, and the
 * memory each subscriber costs the router and the recommendations subgraph.
 *
 *   npx tsx bench/subscriptions.ts [--subscribers 1,100,5000] [--samples 200] [--concurrency 4] [--warmup 20]
 *
 * Services mode as deployed: throwaway PostgreSQL and Redis (or BENCH_DATABASE_URL), the demo
 * catalogue, five subgraph processes and one router process started with `marquee serve`. Every
 * subscriber is a different user; each sample rates the film at the top of one subscriber's list
 * (so its top 20 always changes) and waits for that subscriber's event. The 1-subscriber round is
 * the baseline the others are compared with. Results go to stdout as Markdown.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { generateInternalSecret, generateTokenKeyPair, TokenService } from '@marquee/auth';
import {
  findFreePorts,
  locatePostgres,
  locateRedisServer,
  startPostgres,
  startRedis,
} from '../packages/testing/src/services.ts';
import {
  runMarquee,
  spawnMarquee,
  waitForHealthy,
  type MarqueeProcess,
} from '../packages/testing/src/marqueeProcesses.ts';

const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1,100,5000' },
    samples: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '20' },
  },
});
const rounds = args.subscribers.split(',').map(Number);
const sampleCount = Number(args.samples);
const concurrency = Number(args.concurrency);
/** Samples taken first in each round and not counted (JIT, connection pools, caches). */
const warmupCount = Number(args.warmup);

const log = (message: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
const cleanups: (() => Promise<unknown>)[] = [];

const SUBSCRIPTION = `subscription {
  recommendationsUpdated { added { movie { id title directors { name } } reason } at }
}`;

interface Subscriber {
  userId: string;
  token: string;
  client: Client;
  /** Arrival time (performance.now()) of each event, in order. */
  arrivals: number[];
  waiters: (() => void)[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

async function rssKiB(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

async function post(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { message: string }[];
  };
  if (body.errors !== undefined)
    throw new Error(`${query.slice(0, 40)}…: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data ?? {};
}

try {
  const work = await mkdtemp(join(tmpdir(), 'marquee-bench-subs-'));
  cleanups.unshift(() => rm(work, { recursive: true, force: true }));
  let serverUrl = process.env['BENCH_DATABASE_URL'];
  const [pgPort, redisPort, routerPort, ...subgraphPorts] = await findFreePorts(8);
  if (serverUrl === undefined || serverUrl === '') {
    const server = await startPostgres(locatePostgres(), {
      port: pgPort ?? 55433,
      dir: join(work, 'postgres'),
    });
    cleanups.unshift(() => server.stop());
    serverUrl = server.url;
  }
  const database = `bench_subscriptions_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  cleanups.unshift(async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
  });
  const redis = await startRedis(locateRedisServer(), {
    port: redisPort ?? 56379,
    dir: join(work, 'redis'),
  });
  cleanups.unshift(() => redis.stop());

  const keys = await generateTokenKeyPair();
  const tokens = await TokenService.fromKeys(keys);
  const names = ['movies', 'people', 'users', 'reviews', 'recommendations'] as const;
  const subgraphUrl = (i: number) => `http://127.0.0.1:${subgraphPorts[i]}/graphql`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    MARQUEE_DATA_DIR: join(work, 'data'),
    DATABASE_URL: serverUrl.replace(/\/[^/?]*(\?|$)/, `/${database}$1`),
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'bench:',
    TOKEN_SECRET_KEY: keys.secretKey,
    TOKEN_PUBLIC_KEY: keys.publicKey,
    INTERNAL_IDENTITY_SECRET: generateInternalSecret(),
    ROUTER_PORT: String(routerPort),
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    RATE_LIMIT_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
    ...Object.fromEntries(names.map((name, i) => [`${name.toUpperCase()}_URL`, subgraphUrl(i)])),
  };
  log('migrating and seeding the demo catalogue…');
  await runMarquee(['migrate'], env);
  await runMarquee(['seed'], env);
  const processes: Record<string, MarqueeProcess> = {};
  for (const name of [...names, 'router'] as const) {
    processes[name] = spawnMarquee(['serve', name], env);
    cleanups.unshift(() => processes[name]?.stop() ?? Promise.resolve());
  }
  const routerUrl = `http://127.0.0.1:${routerPort}`;
  const recommendationsHealth = `${new URL(subgraphUrl(4)).origin}/health`;
  await waitForHealthy(`${routerUrl}/health`, Object.values(processes), {
    accept: (body) => (body as { status?: string }).status === 'ok',
  });
  const graphql = `${routerUrl}/graphql`;
  const openStreams = async () =>
    ((await (await fetch(recommendationsHealth)).json()) as { subscriptions: number })
      .subscriptions;

  /** Opens `count` subscriptions, each for a new passwordless user, and waits until all are live. */
  async function openSubscribers(count: number, tag: string): Promise<Subscriber[]> {
    const base = await openStreams();
    // Accounts without passwords (as imported ones are), created in one statement: signing up
    // thousands through argon2 would measure the KDF, not subscriptions.
    const userIds = Array.from(
      { length: count },
      (_, i) => `bench-${tag}-${i}-${randomUUID().slice(0, 8)}`,
    );
    const db = new pg.Client({ connectionString: env['DATABASE_URL'] });
    await db.connect();
    await db.query(
      'INSERT INTO users."user" (id, username, display_name) SELECT id, id, id FROM unnest($1::text[]) AS id',
      [userIds],
    );
    await db.end();
    const subscribers: Subscriber[] = [];
    for (const [i, userId] of userIds.entries()) {
      const { token } = await tokens.issue({ userId, role: 'USER' }, 3600, randomUUID());
      const subscriber: Subscriber = {
        userId,
        token,
        arrivals: [],
        waiters: [],
        client: createClient({
          url: graphql.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          lazy: false,
          retryAttempts: 0,
          connectionParams: { authorization: `Bearer ${token}` },
          onNonLazyError: () => {},
        }),
      };
      subscriber.client.subscribe(
        { query: SUBSCRIPTION },
        {
          next: () => {
            subscriber.arrivals.push(performance.now());
            for (const wake of subscriber.waiters.splice(0)) wake();
          },
          error: (error) =>
            log(`subscription error for ${userId}: ${JSON.stringify(error).slice(0, 200)}`),
          complete: () => {},
        },
      );
      subscribers.push(subscriber);
      // Let connections settle in batches rather than thousands of handshakes at once.
      if (i % 250 === 249) await sleep(50);
    }
    while ((await openStreams()) < base + count) await sleep(100);
    return subscribers;
  }

  async function closeSubscribers(subscribers: Subscriber[], base: number): Promise<void> {
    await Promise.all(
      subscribers.map((subscriber) => Promise.resolve(subscriber.client.dispose())),
    );
    while ((await openStreams()) > base) await sleep(100);
  }

  /**
   * Takes `wanted` latency samples (after `warmup` uncounted ones) across `subscribers`, in
   * `lanes` concurrent lanes that never share a subscriber, each subscriber rating at most
   * `perSubscriber` films (the demo catalogue has about 80; a list of 20 must remain).
   */
  async function sample(
    subscribers: Subscriber[],
    wanted: number,
    warmup: number,
    perSubscriber: number,
  ) {
    const samples: number[] = [];
    let missed = 0;
    const total = Math.min(warmup + wanted, subscribers.length * perSubscriber);
    const lanes = Math.min(concurrency, subscribers.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (;;) {
          const taken = next;
          next += 1;
          if (taken >= total) return;
          const subscriber = subscribers[
            (lane + lanes * Math.floor(taken / lanes)) % subscribers.length
          ] as Subscriber;
          const me = (await post(
            graphql,
            subscriber.token,
            '{ me { recommendations(first: 1) { movie { id } } } }',
          )) as { me: { recommendations: { movie: { id: string } }[] } };
          const top = me.me.recommendations[0]?.movie.id;
          if (top === undefined)
            throw new Error(`${subscriber.userId} has no recommendations left`);
          const seen = subscriber.arrivals.length;
          const arrived = new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), 5_000);
            subscriber.waiters.push(() => {
              clearTimeout(timer);
              resolve(true);
            });
          });
          await post(
            graphql,
            subscriber.token,
            'mutation ($m: ID!) { rateMovie(movieId: $m, rating: 4.5) { rating } }',
            { m: top },
          );
          const returned = performance.now();
          const ok = subscriber.arrivals.length > seen || (await arrived);
          // Let any further event of this rating land before the next sample on this subscriber.
          await sleep(20);
          if (taken < warmup) continue;
          if (!ok) missed += 1;
          else samples.push(Math.max(0, (subscriber.arrivals[seen] ?? returned) - returned));
        }
      }),
    );
    return { samples, missed };
  }

  const PER_SUBSCRIBER = 25;
  const results: {
    subscribers: number;
    samples: number[];
    missed: number;
    routerKiB: number;
    recommendationsKiB: number;
    connectSeconds: number;
  }[] = [];
  for (const [round, count] of rounds.entries()) {
    const base = await openStreams();
    await sleep(1_000);
    const routerBefore = await rssKiB(processes['router']?.child.pid);
    const recsBefore = await rssKiB(processes['recommendations']?.child.pid);
    log(`round ${round + 1}: opening ${count.toLocaleString('en-US')} subscriptions…`);
    const connectStart = performance.now();
    let subscribers = await openSubscribers(count, `${round}`);
    const connectSeconds = (performance.now() - connectStart) / 1000;
    await sleep(2_000);
    const routerKiB = (await rssKiB(processes['router']?.child.pid)) - routerBefore;
    const recommendationsKiB = (await rssKiB(processes['recommendations']?.child.pid)) - recsBefore;
    log(
      `  open in ${connectSeconds.toFixed(1)} s; router +${(routerKiB / 1024).toFixed(1)} MiB, recommendations +${(recommendationsKiB / 1024).toFixed(1)} MiB`,
    );

    const samples: number[] = [];
    let missed = 0;
    // When the subscribers cannot rate enough films between them (1 subscriber), the same number
    // of fresh subscribers replaces them until the samples are taken.
    for (let pass = 0; samples.length + missed < sampleCount; pass += 1) {
      if (pass > 0) {
        await closeSubscribers(subscribers, base);
        subscribers = await openSubscribers(count, `${round}-${pass}`);
      }
      const taken = await sample(
        subscribers,
        sampleCount - samples.length - missed,
        pass === 0 ? warmupCount : 0,
        PER_SUBSCRIBER,
      );
      samples.push(...taken.samples);
      missed += taken.missed;
    }
    samples.sort((a, b) => a - b);
    results.push({
      subscribers: count,
      samples,
      missed,
      routerKiB,
      recommendationsKiB,
      connectSeconds,
    });
    log(
      `  p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms, missed ${missed}`,
    );
    await closeSubscribers(subscribers, base);
  }

  const baseline = results[0];
  const format = (value: number) => value.toFixed(1);
  process.stdout.write(
    `\n| subscribers | samples | missed | p50 ms | p99 ms | max ms | p99 ÷ 1-subscriber p99 | router KiB/subscriber | recommendations KiB/subscriber | connect s |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n`,
  );
  for (const result of results) {
    const p99 = percentile(result.samples, 99);
    process.stdout.write(
      `| ${result.subscribers.toLocaleString('en-US')} | ${result.samples.length} | ${result.missed} | ${format(percentile(result.samples, 50))} | ${format(p99)} | ${format(result.samples.at(-1) ?? Number.NaN)} | ${baseline === undefined ? '' : (p99 / percentile(baseline.samples, 99)).toFixed(2)} | ${format(result.routerKiB / result.subscribers)} | ${format(result.recommendationsKiB / result.subscribers)} | ${format(result.connectSeconds)} |\n`,
    );
  }
} finally {
  for (const cleanup of cleanups)
    await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
}
