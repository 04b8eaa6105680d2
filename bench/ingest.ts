/**
 * Ingestion benchmark (docs/benchmarks.md, "Ingestion"): synthetic IMDb files (default 1M titles,
 * 1M people, 5M principals) loaded by `ingestImdb` into a freshly migrated (empty) PostgreSQL
 * database — the bulk initial load, indexes and constraints rebuilt and tables analysed at the
 * end — against the physical limit of the same work on the same server: the loaded database is
 * dumped (untimed) and restored into an empty database with `pg_restore -j 2`, which COPYs the
 * same rows into the same schema and then builds the same indexes and constraints, two
 * connections at a time, followed by the same ANALYZE. Reports both times, their ratio, each
 * one's phases and the ingestion's peak RSS. A plain `COPY` of the files into unindexed text
 * tables is reported too, for reference. `--bulk off` measures the incremental upserts instead.
 *
 *   npx tsx bench/ingest.ts [--titles 1000000] [--principals <5 × titles>] [--gzip] [--bulk auto|on|off]
 *
 * Set BENCH_DATABASE_URL to use a running server (three databases are created on it and dropped);
 * pg_dump and pg_restore of the server's version are looked up beside `postgres`, then on PATH.
 */
import { execFile, spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { openDatabase } from '@marquee/db';
import { imdbHeaders, type ImdbFile } from '../apps/marquee/src/ingest/imdbParsers.ts';
import { parseBulkMode } from '../apps/marquee/src/commands/arguments.ts';
import { imdbTables } from '../apps/marquee/src/ingest/imdbBulk.ts';
import { ingestImdb, logProgress } from '../apps/marquee/src/ingest/index.ts';
import { findFreePorts, locatePostgres, startPostgres } from '../packages/testing/src/services.ts';

const { values } = parseArgs({
  options: {
    titles: { type: 'string', default: '1000000' },
    principals: { type: 'string' },
    gzip: { type: 'boolean', default: false },
    bulk: { type: 'string', default: 'on' },
  },
});
const bulk = parseBulkMode(values.bulk);
const titles = Number(values.titles);
const principals = values.principals === undefined ? titles * 5 : Number(values.principals);

const run = promisify(execFile);
const work = await mkdtemp(join(tmpdir(), 'marquee-bench-ingest-'));
const cleanups: (() => Promise<unknown>)[] = [() => rm(work, { recursive: true, force: true })];

const round1 = (value: number): number => Number(value.toFixed(1));

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Peak resident set size while `work` runs, sampled every 25 ms (plus the kernel's own high-water mark). */
async function measure<T>(
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  const startedAt = performance.now();
  try {
    const result = await work();
    return {
      result,
      seconds: (performance.now() - startedAt) / 1000,
      peakRssMiB: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20,
    };
  } finally {
    clearInterval(timer);
  }
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Linux's clock ticks per second, the unit of /proc's CPU times. */
const TICKS_PER_SECOND = 100;

/** utime, stime, cutime and cstime of a process from /proc, in seconds, or undefined once it is gone. */
function processTimes(pid: number | 'self'): { own: number; children: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may hold spaces): state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const field = (n: number) => Number(fields[n - 3] ?? 0) / TICKS_PER_SECOND;
    return { own: field(14) + field(15), children: field(16) + field(17) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by the PostgreSQL server whose postmaster is `pid`: its own, its
 * backends' and workers' that are running, and those of the ones it has reaped.
 */
function serverCpuSeconds(pid: number): number {
  const postmaster = processTimes(pid);
  let total = (postmaster?.own ?? 0) + (postmaster?.children ?? 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) total += processTimes(Number(entry))?.own ?? 0;
    } catch {
      // Exited meanwhile: counted in the postmaster's reaped children.
    }
  }
  return total;
}

/** A PostgreSQL client program of the server's version: beside `postgres`, else on PATH. */
function clientProgram(name: 'pg_dump' | 'pg_restore'): string {
  const beside = join(dirname(realpathSync(locatePostgres().postgres)), name);
  return existsSync(beside) ? beside : name;
}

interface RestoreItem {
  /** `TABLE DATA`, `INDEX`, `CONSTRAINT`, `FK CONSTRAINT`, … as pg_restore names it. */
  kind: string;
  name: string;
  from: number;
  to: number;
}

/**
 * Runs `pg_restore -j 2 -v`, timing each item it launches and finishes in parallel (table data,
 * each index and constraint) from its verbose log, in seconds from the start.
 */
async function timedRestore(
  dump: string,
  url: string,
): Promise<{ seconds: number; items: RestoreItem[] }> {
  const startedAt = performance.now();
  const child = spawn(
    clientProgram('pg_restore'),
    ['--jobs=2', '--verbose', '--no-owner', '--exit-on-error', `--dbname=${url}`, dump],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const open = new Map<string, number>();
  const items: RestoreItem[] = [];
  const tail: string[] = [];
  const lines = createInterface({ input: child.stderr });
  lines.on('line', (line) => {
    const at = (performance.now() - startedAt) / 1000;
    tail.push(line);
    if (tail.length > 20) tail.shift();
    const match =
      /^pg_restore: (launching|finished) item (\d+) (TABLE DATA|INDEX|CONSTRAINT|FK CONSTRAINT|TRIGGER|SEQUENCE SET) (.*)$/.exec(
        line,
      );
    if (match === null) return;
    const [, what, id = '', kind = '', name = ''] = match;
    if (what === 'launching') open.set(id, at);
    else items.push({ kind, name, from: open.get(id) ?? at, to: at });
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`pg_restore exited with ${String(code)}:\n${tail.join('\n')}`);
  return { seconds: (performance.now() - startedAt) / 1000, items };
}

/** ANALYZE of `tables` on two connections, as the ingestion ends. */
async function analyzeOnTwoConnections(url: string, tables: readonly string[]): Promise<number> {
  const startedAt = performance.now();
  const queue = [...tables];
  await Promise.all(
    [0, 1].map(async () => {
      for (let table = queue.shift(); table !== undefined; table = queue.shift())
        await onServer(url, `ANALYZE ${table}`);
    }),
  );
  return (performance.now() - startedAt) / 1000;
}

try {
  let serverUrl = process.env['BENCH_DATABASE_URL'];
  // CPU accounting needs the server's processes: only for the server this script starts.
  let serverCpu: () => number | undefined = () => undefined;
  if (serverUrl === undefined || serverUrl === '') {
    const [port] = await findFreePorts(1);
    const server = await startPostgres(locatePostgres(), {
      port: port ?? 55432,
      dir: join(work, 'postgres'),
    });
    cleanups.unshift(() => server.stop());
    serverUrl = server.url;
    const postmaster = Number(
      readFileSync(join(work, 'postgres', 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    serverCpu = () => serverCpuSeconds(postmaster);
  }
  const databaseUrl = (name: string) => serverUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const suffix = String(process.pid);
  for (const name of [
    `bench_copy_${suffix}`,
    `bench_ingest_${suffix}`,
    `bench_restore_${suffix}`,
  ]) {
    await onServer(serverUrl, `CREATE DATABASE ${name}`);
    cleanups.unshift(() => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }

  const dir = join(work, 'imdb');
  log(
    `generating ${titles.toLocaleString('en-US')} titles, ${titles.toLocaleString('en-US')} people, ${principals.toLocaleString('en-US')} principals…`,
  );
  // In a child process, so this process's peak RSS is the ingestion's alone.
  const { stdout } = await run(process.execPath, [
    fileURLToPath(new URL('../apps/marquee/bin/marquee.js', import.meta.url)),
    'generate',
    'imdb',
    dir,
    '--titles',
    String(titles),
    '--principals',
    String(principals),
    ...(values.gzip ? ['--gzip'] : []),
  ]);
  log(stdout.trimEnd());
  const rows = [...stdout.matchAll(/: ([\d,]+) rows/g)].reduce(
    (sum, match) => sum + Number((match[1] ?? '0').replaceAll(',', '')),
    0,
  );

  // Baseline: the same files, byte for byte, through COPY into tables with no keys or indexes.
  const copyDb = await openDatabase({ kind: 'postgres', url: databaseUrl(`bench_copy_${suffix}`) });
  const baseline = await measure(async () => {
    for (const file of (await readdir(dir)).sort()) {
      const name = file.replace(/\.tsv(\.gz)?$/, '') as ImdbFile;
      const table = name.replace('.', '_');
      await copyDb.sql.exec(
        `CREATE TABLE ${table} (${imdbHeaders[name].map((column) => `"${column}" text`).join(', ')})`,
      );
      const stream = createReadStream(join(dir, file), { highWaterMark: 1 << 20 });
      await copyDb.sql.copyFrom(
        table,
        file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream,
        { header: true },
      );
    }
  });
  await copyDb.close();
  log(`plain COPY: ${baseline.seconds.toFixed(1)}s`);

  const loadAtStart = loadavg()[0] ?? 0;
  const ingestDb = await openDatabase(
    { kind: 'postgres', url: databaseUrl(`bench_ingest_${suffix}`) },
    { migrate: true },
  );
  // Each index or constraint the bulk load rebuilt: table, start and end in seconds from the start of the run.
  const rebuilds: { table: string; name: string; from: number; to: number }[] = [];
  const ingestStart = performance.now();
  const cpuBeforeIngest = { node: process.cpuUsage(), server: serverCpu() };
  const ingest = await measure(() =>
    ingestImdb(dir, ingestDb, {
      progress: logProgress(log, 10_000),
      bulk,
      restore: {
        onRestored: (definition, startedAt, endedAt) =>
          rebuilds.push({
            table: definition.tableName,
            name: definition.name,
            from: (startedAt - ingestStart) / 1000,
            to: (endedAt - ingestStart) / 1000,
          }),
      },
    }),
  );
  const nodeCpu = process.cpuUsage(cpuBeforeIngest.node);
  const ingestCpu = {
    node: (nodeCpu.user + nodeCpu.system) / 1e6,
    server: (serverCpu() ?? NaN) - (cpuBeforeIngest.server ?? NaN),
  };
  await ingestDb.close();
  log(`ingestion: ${ingest.seconds.toFixed(1)}s`);

  // The limit: the same rows into the same schema, then the same indexes and constraints, the
  // way pg_restore -j 2 does it (pre-data first: schemas, types, functions, empty tables; then
  // table data and post-data items on two connections, each index as soon as its table is in).
  const dump = join(work, 'dump');
  await run(clientProgram('pg_dump'), [
    '--format=directory',
    '--compress=0',
    '--jobs=2',
    `--file=${dump}`,
    databaseUrl(`bench_ingest_${suffix}`),
  ]);
  const cpuBeforeRestore = { client: processTimes('self')?.children ?? 0, server: serverCpu() };
  const restore = await timedRestore(dump, databaseUrl(`bench_restore_${suffix}`));
  const analyzeSeconds = await analyzeOnTwoConnections(
    databaseUrl(`bench_restore_${suffix}`),
    imdbTables,
  );
  const limitCpu = {
    // pg_restore and its workers, reaped by this process.
    client: (processTimes('self')?.children ?? 0) - cpuBeforeRestore.client,
    server: (serverCpu() ?? NaN) - (cpuBeforeRestore.server ?? NaN),
  };
  const limitSeconds = restore.seconds + analyzeSeconds;
  log(`pg_restore -j 2: ${restore.seconds.toFixed(1)}s, ANALYZE ${analyzeSeconds.toFixed(1)}s`);
  const restorePhase = (kinds: readonly string[]) => {
    const mine = restore.items.filter(({ kind }) => kinds.includes(kind));
    if (mine.length === 0) return null;
    return {
      from: Number(Math.min(...mine.map(({ from }) => from)).toFixed(1)),
      to: Number(Math.max(...mine.map(({ to }) => to)).toFixed(1)),
      // Summed over the items: two connections work at once, so this exceeds to − from.
      workSeconds: Number(mine.reduce((sum, { from, to }) => sum + to - from, 0).toFixed(1)),
    };
  };
  const byTable = (kinds: readonly string[]) =>
    Object.fromEntries(
      restore.items
        .filter(({ kind }) => kinds.includes(kind))
        .map(({ kind, name, from, to }) => [
          `${kind} ${name}`,
          {
            from: Number(from.toFixed(1)),
            to: Number(to.toFixed(1)),
            seconds: Number((to - from).toFixed(1)),
          },
        ]),
    );
  const rejected = ingest.result.files.reduce((sum, file) => sum + file.rejected, 0);

  const report = {
    titles,
    principals,
    rows,
    gzip: values.gzip,
    mode: ingest.result.mode,
    copySeconds: Number(baseline.seconds.toFixed(1)),
    ingestSeconds: Number(ingest.seconds.toFixed(1)),
    copyRowsPerSecond: Math.round(rows / baseline.seconds),
    ingestRowsPerSecond: Math.round(rows / ingest.seconds),
    speedVsCopy: Number((baseline.seconds / ingest.seconds).toFixed(3)),
    // The goal: ingestion within 1.25× the physical limit of the same work.
    limitSeconds: Number(limitSeconds.toFixed(1)),
    ingestVsLimit: Number((ingest.seconds / limitSeconds).toFixed(2)),
    // CPU seconds each used (client + server; null with BENCH_DATABASE_URL): on a machine shared
    // with other work, wall times stretch with the load, and the CPU they needed does not.
    cpuSeconds: Number.isNaN(ingestCpu.server)
      ? null
      : {
          ingestion: { node: round1(ingestCpu.node), postgres: round1(ingestCpu.server) },
          limit: { pgRestore: round1(limitCpu.client), postgres: round1(limitCpu.server) },
          ingestVsLimit: Number(
            ((ingestCpu.node + ingestCpu.server) / (limitCpu.client + limitCpu.server)).toFixed(2),
          ),
        },
    limit: {
      restoreSeconds: Number(restore.seconds.toFixed(1)),
      tableData: restorePhase(['TABLE DATA']),
      indexesAndConstraints: restorePhase(['INDEX', 'CONSTRAINT', 'FK CONSTRAINT']),
      analyzeSeconds: Number(analyzeSeconds.toFixed(1)),
      items: byTable(['TABLE DATA', 'INDEX', 'CONSTRAINT', 'FK CONSTRAINT']),
    },
    // One-minute load average when the ingestion started and ended: other work on the machine.
    loadAverage: [Number(loadAtStart.toFixed(1)), Number((loadavg()[0] ?? 0).toFixed(1))],
    peakRssMiB: Math.round(ingest.peakRssMiB),
    kernelMaxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rejected,
    // Dropping, rebuilding and analysing: what the run took beyond reading and writing the files.
    indexSeconds: Number(
      (ingest.seconds - ingest.result.files.reduce((sum, file) => sum + file.seconds, 0)).toFixed(
        1,
      ),
    ),
    // When each table's rebuild ran (first start to last end, seconds into the run) and the time its builds took, summed.
    rebuilds: Object.fromEntries(
      [...new Set(rebuilds.map(({ table }) => table))].map((table) => {
        const mine = rebuilds.filter((rebuild) => rebuild.table === table);
        return [
          table,
          {
            from: Number(Math.min(...mine.map(({ from }) => from)).toFixed(1)),
            to: Number(Math.max(...mine.map(({ to }) => to)).toFixed(1)),
            buildSeconds: Number(mine.reduce((sum, { from, to }) => sum + to - from, 0).toFixed(1)),
          },
        ];
      }),
    ),
    files: ingest.result.files.map(({ file, read, inserted, rejected: bad, seconds }) => ({
      file,
      read,
      inserted,
      rejected: bad,
      seconds: Number(seconds.toFixed(1)),
    })),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  for (const cleanup of cleanups)
    await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
}
