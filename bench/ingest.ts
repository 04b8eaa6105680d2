/**
 * Ingestion benchmark (docs/benchmarks.md, "Ingestion"): synthetic IMDb files (default 1M titles,
 * 1M people, 5M principals) loaded by `ingestImdb` into a freshly migrated (empty) PostgreSQL
 * database — the bulk initial load, indexes and constraints rebuilt and tables analysed at the
 * end — against the baseline of a plain `COPY` of the same files into unindexed all-text tables,
 * in one process run on one throwaway PostgreSQL server. Reports both times, their ratio and the
 * peak RSS. `--bulk off` measures the incremental upserts into the same empty database instead.
 *
 *   npx tsx bench/ingest.ts [--titles 1000000] [--principals <5 × titles>] [--gzip] [--bulk auto|on|off]
 *
 * Set BENCH_DATABASE_URL to use a running server (two databases are created on it and dropped).
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { openDatabase } from '@marquee/db';
import { imdbHeaders, type ImdbFile } from '../packages/cli/src/ingest/imdbParsers.ts';
import { parseBulkMode } from '../packages/cli/src/commands/arguments.ts';
import { ingestImdb, logProgress } from '../packages/cli/src/ingest/index.ts';
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

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Peak resident set size while `work` runs, sampled every 25 ms (plus the kernel's own high-water mark). */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  const startedAt = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - startedAt) / 1000, peakRssMiB: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
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

try {
  let serverUrl = process.env['BENCH_DATABASE_URL'];
  if (serverUrl === undefined || serverUrl === '') {
    const [port] = await findFreePorts(1);
    const server = await startPostgres(locatePostgres(), { port: port ?? 55432, dir: join(work, 'postgres') });
    cleanups.unshift(() => server.stop());
    serverUrl = server.url;
  }
  const databaseUrl = (name: string) => serverUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const suffix = String(process.pid);
  for (const name of [`bench_copy_${suffix}`, `bench_ingest_${suffix}`]) {
    await onServer(serverUrl, `CREATE DATABASE ${name}`);
    cleanups.unshift(() => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }

  const dir = join(work, 'imdb');
  log(`generating ${titles.toLocaleString('en-US')} titles, ${titles.toLocaleString('en-US')} people, ${principals.toLocaleString('en-US')} principals…`);
  // In a child process, so this process's peak RSS is the ingestion's alone.
  const { stdout } = await run(process.execPath, [
    fileURLToPath(new URL('../bin/marquee.js', import.meta.url)),
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
  const rows = [...stdout.matchAll(/: ([\d,]+) rows/g)].reduce((sum, match) => sum + Number((match[1] ?? '0').replaceAll(',', '')), 0);

  // Baseline: the same files, byte for byte, through COPY into tables with no keys or indexes.
  const copyDb = await openDatabase({ kind: 'postgres', url: databaseUrl(`bench_copy_${suffix}`) });
  const baseline = await measure(async () => {
    for (const file of (await readdir(dir)).sort()) {
      const name = file.replace(/\.tsv(\.gz)?$/, '') as ImdbFile;
      const table = name.replace('.', '_');
      await copyDb.sql.exec(`CREATE TABLE ${table} (${imdbHeaders[name].map((column) => `"${column}" text`).join(', ')})`);
      const stream = createReadStream(join(dir, file), { highWaterMark: 1 << 20 });
      await copyDb.sql.copyFrom(table, file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream, { header: true });
    }
  });
  await copyDb.close();
  log(`plain COPY: ${baseline.seconds.toFixed(1)}s`);

  const loadAtStart = loadavg()[0] ?? 0;
  const ingestDb = await openDatabase({ kind: 'postgres', url: databaseUrl(`bench_ingest_${suffix}`) }, { migrate: true });
  // Each index or constraint the bulk load rebuilt: table, start and end in seconds from the start of the run.
  const rebuilds: { table: string; name: string; from: number; to: number }[] = [];
  const ingestStart = performance.now();
  const ingest = await measure(() =>
    ingestImdb(dir, ingestDb, {
      progress: logProgress(log, 10_000),
      bulk,
      restore: {
        onRestored: (definition, startedAt, endedAt) =>
          rebuilds.push({ table: definition.tableName, name: definition.name, from: (startedAt - ingestStart) / 1000, to: (endedAt - ingestStart) / 1000 }),
      },
    }),
  );
  await ingestDb.close();
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
    // One-minute load average when the ingestion started and ended: other work on the machine.
    loadAverage: [Number(loadAtStart.toFixed(1)), Number((loadavg()[0] ?? 0).toFixed(1))],
    peakRssMiB: Math.round(ingest.peakRssMiB),
    kernelMaxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rejected,
    // Dropping, rebuilding and analysing: what the run took beyond reading and writing the files.
    indexSeconds: Number((ingest.seconds - ingest.result.files.reduce((sum, file) => sum + file.seconds, 0)).toFixed(1)),
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
    files: ingest.result.files.map(({ file, read, inserted, rejected: bad, seconds }) => ({ file, read, inserted, rejected: bad, seconds: Number(seconds.toFixed(1)) })),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
}
