import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runToEnd } from './cliHarness.ts';

// Ordinary mistakes get one line that says what to fix and exit code 1, through the real
// `bin/marquee.js`; the stack trace only with --verbose or LOG_LEVEL=debug.
let scratch: string;
let env: Record<string, string>;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'marquee-cli-errors-'));
  env = { MARQUEE_DATA_DIR: join(scratch, 'data'), LOG_LEVEL: 'warn' };
  const ratings =
    'userId,movieId,rating,timestamp\n' +
    Array.from({ length: 2_000 }, (_, i) => `${i % 50},${i % 97},4.0,${1_000_000 + i}`).join('\n');
  await writeFile(join(scratch, 'ratings.csv.gz'), gzipSync(ratings).subarray(0, 200));
  await mkdir(join(scratch, 'imdb-truncated'));
  const basics =
    'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n' +
    Array.from(
      { length: 3_000 },
      (_, i) =>
        `tt${String(i + 1).padStart(7, '0')}\tmovie\tFilm ${i}\tFilm ${i}\t0\t1999\t\\N\t90\tDrama`,
    ).join('\n');
  const gzipped = gzipSync(basics);
  await writeFile(
    join(scratch, 'imdb-truncated', 'title.basics.tsv.gz'),
    gzipped.subarray(0, Math.floor(gzipped.length / 2)),
  );
  await mkdir(join(scratch, 'not-a-file.csv'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the marquee command on ordinary mistakes', () => {
  it('a missing directory', async () => {
    const missing = join(scratch, 'no-such-dir');
    expect(expectOneLineError(await runToEnd(['ingest', 'imdb', missing], env))).toBe(
      `error: ${missing} does not exist: check the path`,
    );
  });

  it('evaluate on a missing file', async () => {
    const missing = join(scratch, 'ratings.csv');
    expect(expectOneLineError(await runToEnd(['evaluate', missing], env))).toBe(
      `error: ${missing} does not exist: check the path`,
    );
  });

  it('a file that cannot be read (a directory in its place)', async () => {
    const path = join(scratch, 'not-a-file.csv');
    expect(expectOneLineError(await runToEnd(['evaluate', path], env))).toBe(
      `error: ${path} is a directory where a file was expected: give the file's path`,
    );
  });

  it('a truncated .gz given to evaluate', async () => {
    const path = join(scratch, 'ratings.csv.gz');
    expect(expectOneLineError(await runToEnd(['evaluate', path], env))).toMatch(
      new RegExp(
        `^error: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is truncated \\(unexpected end of file\\): download it again`,
      ),
    );
  });

  it('a truncated .tsv.gz given to ingest', async () => {
    const dir = join(scratch, 'imdb-truncated');
    const finished = await runToEnd(['ingest', 'imdb', dir], env);
    // Partial input is not fatal to ingestion (docs/ingestion.md): what could be read is loaded,
    // the rest is one reject and one warning line, and the run exits 0, with no stack.
    expect(finished.code).toBe(0);
    expect(finished.output).not.toMatch(/^\s+at /m);
    expect(finished.lines.filter((line) => line.startsWith('error: '))).toEqual([]);
    expect(finished.lines.filter((line) => line.startsWith('warning: '))).toEqual([
      expect.stringMatching(
        /^warning: title\.basics\.tsv\.gz was read only in part: unreadable from line \d+ on: Z_BUF_ERROR: unexpected end of file$/,
      ),
    ]);
  }, 120_000);

  it('an unknown command suggests the closest one', async () => {
    expect(expectOneLineError(await runToEnd(['strat'], env))).toBe(
      "error: unknown command 'strat' (Did you mean start?) (see marquee --help)",
    );
  });

  it('a mistyped flag suggests the closest one', async () => {
    expect(
      expectOneLineError(await runToEnd(['evaluate', 'ratings.csv', '--holdot', '0.1'], env)),
    ).toBe(
      "error: unknown option '--holdot' (Did you mean --holdout?) (see marquee evaluate --help)",
    );
  });

  it('a bad argument value says what is expected', async () => {
    expect(expectOneLineError(await runToEnd(['serve', 'moveis'], env))).toBe(
      "error: command-argument value 'moveis' is invalid for argument 'service'. expected one of movies, people, users, reviews, recommendations, router (see marquee serve --help)",
    );
  });

  it('shows the stack with --verbose or LOG_LEVEL=debug, after the same line', async () => {
    const missing = join(scratch, 'ratings.csv');
    for (const finished of [
      await runToEnd(['evaluate', missing, '--verbose'], env),
      await runToEnd(['evaluate', missing], { ...env, LOG_LEVEL: 'debug' }),
    ]) {
      expect(finished.code).toBe(1);
      expect(finished.lines[0]).toBe(`error: ${missing} does not exist: check the path`);
      expect(finished.output).toMatch(/^\s+at /m);
      expect(finished.output).toContain('ENOENT');
    }
  });

  it('help is not an error', async () => {
    const finished = await runToEnd(['--help'], env);
    expect(finished.code).toBe(0);
    expect(finished.output).toContain('Usage: marquee');
  });
});
