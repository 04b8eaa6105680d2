/**
 * Router throughput: the Marquee router against Hive Gateway and stock `@apollo/gateway` +
 * `@apollo/server`, over the same five subgraph processes, on three query shapes. Prints RPS,
 * p50 and p99 per gateway and shape (medians of the rounds) and the Marquee router's ratios.
 *
 *   npx tsx bench/router.ts [--seconds 10] [--rounds 3] [--connections 32] [--warmup 3]
 *                           [--gateways marquee,hive,stock] [--shapes moviePage,typoSearch,home]
 *                           [--profile-dir DIR]
 *
 * Two more rows, each beside (never instead of) the Marquee router's: `marquee-cache`, a second
 * Marquee router with the entity cache on (ENTITY_CACHE_SECONDS=300, docs/caching.md), and
 * `marquee-http`, the same Marquee router asked by GET with a persisted query's hash and the
 * `If-None-Match` of its ETag, which it answers 304 without a body (docs/http.md).
 *
 * Services mode as deployed: a throwaway PostgreSQL database (or one on BENCH_DATABASE_URL) and
 * Redis, migrated, the demo catalogue seeded and a recommendation model trained, each subgraph
 * and the router started with `marquee serve` (production, auth, limits and rate limits on, the
 * rate limits set high enough never to refuse). The competitors each run in their own process
 * (bench/router/stockGateway.ts, bench/router/hiveGateway.ts) over a copy of the committed
 * supergraph whose subgraph URLs point at the same processes. The load generator (autocannon,
 * bench/router/load.ts) runs in a process of its own. Rounds interleave the gateways (their order
 * rotates each round), so a busy machine slows all of them alike; every response's body is
 * compared with the answer checked before the rounds, and the table counts every mismatch,
 * error, timeout (30 s) or non-2xx per gateway; any for the Marquee router fails the run. `--profile-dir` starts the router with `--cpu-prof` into that folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createHash } from 'node:crypto';
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
import type { LoadSpec } from './router/load.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '3' },
    gateways: { type: 'string', default: 'marquee,hive,stock' },
    shapes: { type: 'string', default: 'moviePage,typoSearch,home' },
    'profile-dir': { type: 'string' },
  },
});

const here = fileURLToPath(new URL('.', import.meta.url));
const log = (message: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
const uptime = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
const cleanups: (() => Promise<unknown>)[] = [];

interface Shape {
  name: string;
  query: string;
  signedIn: boolean;
  /** What a correct answer must hold besides being the same from every gateway. */
  check(data: Record<string, unknown>): string | undefined;
}

type Json = Record<string, unknown>;
const list = (value: unknown) => (Array.isArray(value) ? (value as Json[]) : []);

const allShapes: Shape[] = [
  {
    name: 'moviePage',
    signedIn: false,
    query: `{ movies(first: 10) { totalCount edges { node { id title year genres directors { name } cast(first: 5) { characters person { name } } ratingSummary { average count } } } } }`,
    check: (data) => {
      const nodes = list((data['movies'] as Json | undefined)?.['edges']).map(
        (edge) => edge['node'] as Json,
      );
      if (nodes.length !== 10) return `${nodes.length} movies instead of 10`;
      if (!nodes.every((node) => list(node['directors']).length > 0))
        return 'a movie without directors';
      if (!nodes.some((node) => list(node['cast']).some((credit) => credit['person'] !== null)))
        return 'no cast';
      return undefined;
    },
  },
  {
    name: 'typoSearch',
    signedIn: false,
    query: `{ movies(first: 10, filter: { text: "godfater" }) { totalCount edges { node { id title year similar(first: 5) { id title } ratingSummary { average count } } } } }`,
    check: (data) => {
      const nodes = list((data['movies'] as Json | undefined)?.['edges']).map(
        (edge) => edge['node'] as Json,
      );
      if (nodes[0]?.['title'] !== 'The Godfather')
        return `first match ${String(nodes[0]?.['title'])}`;
      if (list(nodes[0]['similar']).length === 0) return 'no similar films';
      return undefined;
    },
  },
  {
    name: 'home',
    signedIn: true,
    query: `{ me { watchlist(first: 20) { edges { node { title } } } recommendations(first: 20) { movie { title directors { name } } reason } } }`,
    check: (data) => {
      const me = data['me'] as Json | null | undefined;
      if (me == null) return 'me is null';
      const watchlist = list((me['watchlist'] as Json | undefined)?.['edges']);
      if (watchlist.length !== WATCHLIST.length) return `${watchlist.length} watchlist entries`;
      if (list(me['recommendations']).length !== 20)
        return `${list(me['recommendations']).length} recommendations instead of 20`;
      return undefined;
    },
  },
];
const shapes = allShapes.filter((shape) => args.shapes.split(',').includes(shape.name));

/** Films the home page's user keeps on a watchlist (the demo catalogue's ids). */
const WATCHLIST = ['tt0068646', 'tt0133093', 'tt0245429', 'tt0110912', 'tt0816692'];

interface Gateway {
  name: string;
  url: string;
  process: { stop(): Promise<unknown>; child: ChildProcess };
  /** Asked by GET with a persisted query and the ETag of its answer, expecting 304. */
  revalidates?: boolean;
}

/** What a revalidating GET sends for a shape: its URL and the ETag of the checked answer. */
interface Revalidation {
  url: string;
  etag: string;
}

interface RoundResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
}

/** A competitor gateway as a child process of this Node; resolves once it listens. */
async function spawnGateway(
  name: string,
  script: string,
  argv: string[],
  env: Record<string, string>,
): Promise<Gateway['process']> {
  const child = spawn(process.execPath, [join(here, 'router', script), ...argv], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const listening = new Promise<void>((resolveListening, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening')) resolveListening();
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  await listening;
  return {
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function post(url: string, query: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, text: await response.text() };
}

/** Runs the load generator in its own process; resolves with its result. */
async function load(spec: LoadSpec): Promise<RoundResult> {
  const child = spawn(process.execPath, [join(here, 'router', 'load.ts'), JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  return JSON.parse(output) as RoundResult;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

try {
  const startLoad = uptime();
  const work = await mkdtemp(join(tmpdir(), 'marquee-bench-router-'));
  cleanups.unshift(() => rm(work, { recursive: true, force: true }));
  const [pgPort, redisPort, routerPort, stockPort, hivePort, cachePort, ...subgraphPorts] =
    await findFreePorts(11);
  let serverUrl = process.env['BENCH_DATABASE_URL'];
  if (serverUrl === undefined || serverUrl === '') {
    const server = await startPostgres(locatePostgres(), {
      port: pgPort ?? 55434,
      dir: join(work, 'postgres'),
    });
    cleanups.unshift(() => server.stop());
    serverUrl = server.url;
  }
  const database = `bench_router_${process.pid}`;
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
    port: redisPort ?? 56380,
    dir: join(work, 'redis'),
  });
  cleanups.unshift(() => redis.stop());

  const keys = await generateTokenKeyPair();
  const tokens = await TokenService.fromKeys(keys);
  const names = ['movies', 'people', 'users', 'reviews', 'recommendations'] as const;
  const subgraphUrl = (i: number) => `http://127.0.0.1:${subgraphPorts[i]}/graphql`;
  const secret = generateInternalSecret();
  const databaseUrl = serverUrl.replace(/\/[^/?]*(\?|$)/, `/${database}$1`);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    MARQUEE_DATA_DIR: join(work, 'data'),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'bench:',
    TOKEN_SECRET_KEY: keys.secretKey,
    TOKEN_PUBLIC_KEY: keys.publicKey,
    INTERNAL_IDENTITY_SECRET: secret,
    ROUTER_PORT: String(routerPort),
    // Rate limiting stays on (a Redis counter per request); these limits never refuse the load.
    RATE_LIMIT_USER_PER_MINUTE: '100000000',
    RATE_LIMIT_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
    ...Object.fromEntries(names.map((name, i) => [`${name.toUpperCase()}_URL`, subgraphUrl(i)])),
  };
  log(`load average at start: ${startLoad}`);
  log('migrating, seeding the demo catalogue and training…');
  await runMarquee(['migrate'], env);
  // The seed's transactions have a 5 s deadline that a loaded machine can miss; seeding is
  // idempotent, so it is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await runMarquee(['seed'], env);
      break;
    } catch (error) {
      if (attempt === 5) throw error;
      log(`seed attempt ${attempt} failed; trying again`);
    }
  }
  await runMarquee(['train'], env);

  const processes: Record<string, MarqueeProcess> = {};
  for (const name of names) {
    processes[name] = spawnMarquee(['serve', name], env);
    cleanups.unshift(() => processes[name]?.stop() ?? Promise.resolve());
  }
  const profileDir = args['profile-dir'];
  processes['router'] = spawnMarquee(['serve', 'router'], {
    ...env,
    ...(profileDir === undefined
      ? {}
      : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(profileDir)}` }),
  });
  cleanups.unshift(() => processes['router']?.stop() ?? Promise.resolve());
  const routerUrl = `http://127.0.0.1:${routerPort}`;
  await waitForHealthy(`${routerUrl}/health`, Object.values(processes), {
    accept: (body) => (body as { status?: string }).status === 'ok',
  });

  // The home page's user: a demo user with ratings (so a trained model recommends to it) and a
  // watchlist added through the router.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM users."user" WHERE username = 'orbit'`,
  );
  await db.end();
  const userId = rows[0]?.id;
  if (userId === undefined) throw new Error('the demo user "orbit" is missing');
  const issued = await tokens.issue({ userId, role: 'USER' }, 4 * 3600, 'bench-router');
  const authorization = `Bearer ${issued.token}`;
  for (const movieId of WATCHLIST) {
    const added = await post(
      `${routerUrl}/graphql`,
      `mutation { addToWatchlist(movieId: "${movieId}") { id } }`,
      { authorization },
    );
    if (added.status !== 200 || added.text.includes('"errors"'))
      throw new Error(`addToWatchlist ${movieId}: ${added.text}`);
  }

  // The competitors read the same supergraph with the subgraph URLs of this run.
  let supergraph = await readFile(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
  for (const [i, name] of names.entries()) {
    supergraph = supergraph.replace(
      new RegExp(`(name: "${name}", url: ")[^"]*(")`),
      `$1${subgraphUrl(i)}$2`,
    );
  }
  const supergraphFile = join(work, 'supergraph.graphql');
  await writeFile(supergraphFile, supergraph);
  const competitorEnv = {
    INTERNAL_IDENTITY_SECRET: secret,
    BENCH_IDENTITY: JSON.stringify({
      userId,
      role: 'USER',
      expiresAt: Math.floor(issued.expiresAt.getTime() / 1000),
    }),
  };
  const wanted = args.gateways.split(',');
  const gateways: Gateway[] = [];
  for (const name of wanted) {
    if (name === 'marquee') {
      gateways.push({
        name: 'Marquee router',
        url: `${routerUrl}/graphql`,
        process: processes['router'],
      });
    } else if (name === 'marquee-http') {
      gateways.push({
        name: 'Marquee router, GET + ETag (304)',
        url: `${routerUrl}/graphql`,
        process: processes['router'],
        revalidates: true,
      });
    } else if (name === 'marquee-cache') {
      const cached = spawnMarquee(['serve', 'router'], {
        ...env,
        ROUTER_PORT: String(cachePort),
        ENTITY_CACHE_SECONDS: '300',
      });
      cleanups.unshift(() => cached.stop());
      const cachedUrl = `http://127.0.0.1:${cachePort}`;
      await waitForHealthy(`${cachedUrl}/health`, [cached], {
        accept: (body) => (body as { status?: string }).status === 'ok',
      });
      gateways.push({
        name: 'Marquee router + entity cache',
        url: `${cachedUrl}/graphql`,
        process: cached,
      });
    } else if (name === 'hive' || name === 'stock') {
      const port = name === 'hive' ? hivePort : stockPort;
      const started = await spawnGateway(
        name,
        name === 'hive' ? 'hiveGateway.ts' : 'stockGateway.ts',
        [supergraphFile, String(port)],
        competitorEnv,
      );
      cleanups.unshift(() => started.stop());
      gateways.push({
        name: name === 'hive' ? 'Hive Gateway' : 'stock @apollo/gateway',
        url: `http://127.0.0.1:${port}/graphql`,
        process: started,
      });
    } else
      throw new Error(
        `unknown gateway ${name}; use marquee, marquee-cache, marquee-http, hive, stock`,
      );
  }

  /**
   * Registers the shape's text as an automatic persisted query (one POST with text and hash),
   * then checks that a GET naming the hash answers the same data with an ETag, and that a GET
   * sending that ETag back gets 304 with no body.
   */
  const checkRevalidation = async (
    gateway: Gateway,
    shape: Shape,
    reference: unknown,
  ): Promise<Revalidation> => {
    const extensions = {
      persistedQuery: {
        version: 1,
        sha256Hash: createHash('sha256').update(shape.query).digest('hex'),
      },
    };
    const headers = {
      ...(shape.signedIn ? { authorization } : {}),
      'apollo-require-preflight': '1',
    };
    const registered = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: shape.query, extensions }),
    });
    if (registered.status !== 200)
      throw new Error(`${gateway.name}, ${shape.name}: registering answered ${registered.status}`);
    const url = `${gateway.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`;
    const first = await fetch(url, { headers });
    const body = (await first.json()) as { data?: unknown; errors?: unknown };
    const etag = first.headers.get('etag');
    if (first.status !== 200 || etag === null || body.errors !== undefined)
      throw new Error(`${gateway.name}, ${shape.name}: GET answered ${first.status}, ETag ${etag}`);
    if (reference !== undefined && !isDeepStrictEqual(reference, body.data))
      throw new Error(`${gateway.name}, ${shape.name}: not the same data by GET`);
    const again = await fetch(url, { headers: { ...headers, 'if-none-match': etag } });
    if (again.status !== 304 || (await again.text()) !== '')
      throw new Error(`${gateway.name}, ${shape.name}: revalidation answered ${again.status}`);
    return { url, etag };
  };

  // Every gateway's answer to every shape: no errors, the shape's own checks, the same data from
  // each gateway. Each gateway's exact body is what its responses under load are compared with.
  const expected = new Map<string, string>();
  const revalidations = new Map<string, Revalidation>();
  for (const shape of shapes) {
    let reference: unknown;
    for (const gateway of gateways) {
      if (gateway.revalidates === true) {
        const revalidation = await checkRevalidation(gateway, shape, reference);
        revalidations.set(shape.name, revalidation);
        continue;
      }
      // Freshly started processes on a loaded machine can miss the 5 s subgraph deadline on
      // their first requests: a few tries, then the answer must be right.
      let text = '';
      let body: { data?: Json; errors?: unknown } = {};
      for (let attempt = 1; ; attempt++) {
        const answer = await post(
          gateway.url,
          shape.query,
          shape.signedIn ? { authorization } : {},
        );
        text = answer.text;
        body = JSON.parse(text) as typeof body;
        const wrong =
          answer.status !== 200
            ? `HTTP ${answer.status}`
            : body.errors !== undefined
              ? JSON.stringify(body.errors).slice(0, 300)
              : shape.check(body.data ?? {});
        if (wrong === undefined) break;
        if (attempt === 5) throw new Error(`${gateway.name}, ${shape.name}: ${wrong}`);
        await new Promise((resolveLater) => setTimeout(resolveLater, 2_000));
      }
      if (reference === undefined) reference = body.data;
      else if (!isDeepStrictEqual(reference, body.data))
        throw new Error(
          `${gateway.name}, ${shape.name}: not the same data as ${gateways[0]?.name}`,
        );
      expected.set(`${gateway.name} ${shape.name}`, text);
    }
  }
  log('every gateway answers every shape alike');

  const connections = Number(args.connections);
  const specFor = (gateway: Gateway, shape: Shape, seconds: number): LoadSpec => {
    const revalidation = revalidations.get(shape.name);
    if (gateway.revalidates === true && revalidation !== undefined)
      return {
        url: revalidation.url,
        headers: {
          ...(shape.signedIn ? { authorization } : {}),
          'apollo-require-preflight': '1',
          'if-none-match': revalidation.etag,
        },
        connections,
        seconds,
        expectBody: '',
        expectStatus: 304,
      };
    return {
      url: gateway.url,
      body: JSON.stringify({ query: shape.query }),
      headers: shape.signedIn ? { authorization } : {},
      connections,
      seconds,
      expectBody: expected.get(`${gateway.name} ${shape.name}`) ?? '',
    };
  };
  const warmup = Number(args.warmup);
  if (warmup > 0) {
    log(`warming up (${warmup} s per gateway and shape)…`);
    for (const shape of shapes)
      for (const gateway of gateways) await load(specFor(gateway, shape, warmup));
  }

  const rounds = Number(args.rounds);
  const seconds = Number(args.seconds);
  const results = new Map<string, RoundResult[]>();
  for (let round = 0; round < rounds; round++) {
    for (const shape of shapes) {
      const order = gateways.map((_, i) => gateways[(i + round) % gateways.length] as Gateway);
      for (const gateway of order) {
        const result = await load(specFor(gateway, shape, seconds));
        const failures = result.non2xx + result.errors + result.timeouts + result.mismatches;
        if (failures > 0) {
          log(`${gateway.name}, ${shape.name}, round ${round + 1}: ${JSON.stringify(result)}`);
          if (gateway.name === 'Marquee router') process.exitCode = 1;
        }
        const key = `${gateway.name} ${shape.name}`;
        results.set(key, [...(results.get(key) ?? []), result]);
        log(
          `round ${round + 1} ${shape.name} ${gateway.name}: ${result.rps.toFixed(0)} rps, p50 ${result.p50} ms, p99 ${result.p99} ms`,
        );
      }
    }
  }
  const endLoad = uptime();
  log(`load average at end: ${endLoad}`);

  const summary = (gateway: Gateway, shape: Shape) => {
    const runs = results.get(`${gateway.name} ${shape.name}`) ?? [];
    return {
      rps: median(runs.map((run) => run.rps)),
      p50: median(runs.map((run) => run.p50)),
      p99: median(runs.map((run) => run.p99)),
      all: runs.map((run) => run.rps.toFixed(0)).join(' / '),
      failed: runs.reduce(
        (sum, run) => sum + run.non2xx + run.errors + run.timeouts + run.mismatches,
        0,
      ),
    };
  };
  const marquee = gateways.find((gateway) => gateway.name === 'Marquee router');
  let out = `\n${connections} connections, ${rounds} interleaved rounds of ${seconds} s, medians; load average ${startLoad} at start, ${endLoad} at end.\n`;
  for (const shape of shapes) {
    out += `\n**${shape.name}**\n\n| gateway | RPS | RPS per round | p50 ms | p99 ms | failed responses | Marquee ÷ this (RPS) |\n|---|---:|---|---:|---:|---:|---:|\n`;
    const mine = marquee === undefined ? undefined : summary(marquee, shape);
    for (const gateway of gateways) {
      const row = summary(gateway, shape);
      const ratio = mine === undefined ? '' : `${(mine.rps / row.rps).toFixed(2)}×`;
      out += `| ${gateway.name} | ${row.rps.toFixed(0)} | ${row.all} | ${row.p50} | ${row.p99} | ${row.failed} | ${ratio} |\n`;
    }
  }
  process.stdout.write(out);
} finally {
  for (const cleanup of cleanups)
    await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
}
