import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMarquee, spawnMarquee } from '@marquee/testing';
import { once } from 'node:events';
import { generateImdb, generateMovielens } from '../src/generate/index.ts';
import {
  ingestImdb,
  ingestMovielens,
  silentProgress,
  type FileSummary,
  type IngestSummary,
  type Progress,
} from '../src/ingest/index.ts';
import { notTextReason } from '../src/ingest/fields.ts';
import { ingestHarness, lines } from './ingestHarness.ts';

// Each fixture reproduces, in a few hand-made lines, a quirk found loading the public datasets.
const { inWork, freshDatabase } = ingestHarness('ingest-real-data');
// A spawned `marquee` compiles its sources on start: slow on a busy machine.
const CLI_TIMEOUT = 120_000;
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

interface Reject {
  file: string;
  line: number;
  reason: string;
  raw: string;
}

async function rejectsOf(dir: string, file: string): Promise<Reject[]> {
  const text = await readFile(join(dir, `${file}.rejects.jsonl`), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Reject);
}

const fileOf = (summary: IngestSummary, name: string): FileSummary | undefined =>
  summary.files.find((file) => file.file === name);

/** A second run of the same files writes nothing. */
function expectNoChanges(summary: IngestSummary): void {
  for (const file of summary.files)
    expect({ file: file.file, inserted: file.inserted, updated: file.updated }).toEqual({
      file: file.file,
      inserted: 0,
      updated: 0,
    });
}

describe('real MovieLens quirks', () => {
  it('keeps a TMDB or IMDb id that two films claim with the first film, reports the second, and goes on', async () => {
    const { db } = await freshDatabase();
    const rejects = inWork('conflicting-links');
    const first = await ingestMovielens(fixture('ml-conflicting-links'), db, {
      progress: silentProgress,
      rejectsDir: rejects,
    });
    expect(fileOf(first, 'links.csv')).toMatchObject({ read: 4, rejected: 0, dropped: 2 });
    expect(fileOf(first, 'movies.csv')).toMatchObject({
      read: 4,
      inserted: 4,
      rejected: 0,
      dropped: 1,
    });
    expect(fileOf(first, 'ratings.csv')).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    expect(
      (await rejectsOf(rejects, 'links.csv')).map(({ line, reason }) => [line, reason]),
    ).toEqual([
      [
        3,
        'tmdbId 4912 is already film tt0290538 (MovieLens movieId 6003): not stored for movieId 144606',
      ],
      [
        5,
        'imdbId tt0999999 is already film tt0999999 (MovieLens movieId 500): not stored for movieId 501',
      ],
    ]);
    expect(
      (await rejectsOf(rejects, 'movies.csv')).map(({ line, reason }) => [line, reason]),
    ).toEqual([
      [
        5,
        'imdbId tt0999999 (links.csv) is already the film of MovieLens movieId 500: stored as its own film ml501',
      ],
    ]);
    const films = await db.sql.query<{
      id: string;
      movielens_id: string;
      imdb_id: string | null;
      tmdb_id: string | null;
    }>(
      "SELECT id, movielens_id, imdb_id, tmdb_id FROM movies.movie WHERE movielens_id IN ('6003', '144606', '500', '501') ORDER BY movielens_id::int",
    );
    expect(films).toEqual([
      { id: 'tt0999999', movielens_id: '500', imdb_id: 'tt0999999', tmdb_id: '70001' },
      { id: 'ml501', movielens_id: '501', imdb_id: null, tmdb_id: '70002' },
      { id: 'tt0290538', movielens_id: '6003', imdb_id: 'tt0290538', tmdb_id: '4912' },
      { id: 'tt0270288', movielens_id: '144606', imdb_id: 'tt0270288', tmdb_id: null },
    ]);
    expectNoChanges(
      await ingestMovielens(fixture('ml-conflicting-links'), db, {
        progress: silentProgress,
        rejectsDir: rejects,
      }),
    );
  });

  it('merges a MovieLens id another film already holds instead of failing on movie_movielens_id_key', async () => {
    const { db } = await freshDatabase();
    // What the demo seed holds: Toy Story under its tconst, with MovieLens id 1.
    await db.sql.query(
      `INSERT INTO movies.movie (id, kind, title, year, imdb_id, tmdb_id, movielens_id) VALUES ('tt0114709', 'movie', 'Toy Story', 1995, 'tt0114709', '862', '1')`,
    );
    const rejects = inWork('taken-movielens-id');
    const summary = await ingestMovielens(fixture('ml-1m'), db, {
      progress: silentProgress,
      rejectsDir: rejects,
    });
    expect(fileOf(summary, 'movies.dat')).toMatchObject({ read: 3, rejected: 0 });
    const [toyStory] = await db.sql.query<{ id: string; title: string }>(
      "SELECT id, title FROM movies.movie WHERE movielens_id = '1'",
    );
    expect(toyStory).toEqual({ id: 'tt0114709', title: 'Toy Story' });
    const [rating] = await db.sql.query<{ movie_id: string }>(
      "SELECT movie_id FROM reviews.rating WHERE user_id = 'movielens:1m-1' AND rating = 5",
    );
    expect(rating?.movie_id).toBe('tt0114709');
  });

  it('rejects the lines of a ratings.csv of random bytes without quoting binary, and loads the other files', async () => {
    const { db } = await freshDatabase();
    const rejects = inWork('garbage');
    const summary = await ingestMovielens(fixture('ml-garbage'), db, {
      progress: silentProgress,
      rejectsDir: rejects,
    });
    expect(fileOf(summary, 'movies.csv')).toMatchObject({ read: 1, inserted: 1 });
    const ratings = fileOf(summary, 'ratings.csv');
    expect(ratings?.read).toBeGreaterThan(0);
    expect(ratings).toMatchObject({ inserted: 0, rejected: ratings?.read });
    for (const reject of await rejectsOf(rejects, 'ratings.csv')) {
      expect(reject.reason).toMatch(/^(not text: |expected 4 columns|bad |broken CSV quoting)/);
      // Reasons are printable text: no control characters, no replacement characters.
      expect(notTextReason(reject.reason)).toBeUndefined();
      expect(reject.raw.length).toBeLessThanOrEqual(200);
    }
  });

  it('reads ml-1m (ISO-8859-1) and ml-10m (UTF-8, tags.dat) layouts, each release with its own users', async () => {
    const { db } = await freshDatabase();
    const rejects = inWork('dat');
    const oneM = await ingestMovielens(fixture('ml-1m'), db, {
      progress: silentProgress,
      rejectsDir: rejects,
    });
    expect(
      oneM.files.map(({ file, read, inserted, rejected }) => ({ file, read, inserted, rejected })),
    ).toEqual([
      { file: 'movies.dat', read: 3, inserted: 3, rejected: 0 },
      { file: 'users.dat', read: 2, inserted: 2, rejected: 0 },
      { file: 'ratings.dat', read: 5, inserted: 3, rejected: 2 },
    ]);
    expect(
      (await rejectsOf(rejects, 'ratings.dat')).map(({ line, reason }) => [line, reason]),
    ).toEqual([
      [4, 'bad rating "6" (not a number from 0.5 to 5)'],
      [5, 'unknown movieId 999 (not in the films file)'],
    ]);
    const titles = await db.sql.query<{ id: string; title: string; original_title: string | null }>(
      "SELECT id, title, original_title FROM movies.movie WHERE id IN ('ml58', 'ml73') ORDER BY id",
    );
    expect(titles).toEqual([
      { id: 'ml58', title: 'Il Postino', original_title: 'The Postman' },
      { id: 'ml73', title: 'Les Misérables', original_title: null },
    ]);
    const tenM = await ingestMovielens(fixture('ml-10m'), db, {
      progress: silentProgress,
      rejectsDir: rejects,
    });
    expect(
      tenM.files.map(({ file, read, inserted, updated, unchanged, rejected }) => ({
        file,
        read,
        inserted,
        updated,
        unchanged,
        rejected,
      })),
    ).toEqual([
      // Toy Story is ml-1m's film 1 again: the same film, which ml-10m's genres do not overwrite.
      { file: 'movies.dat', read: 2, inserted: 1, updated: 0, unchanged: 1, rejected: 0 },
      { file: 'ratings.dat', read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
      { file: 'tags.dat', read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
    ]);
    const [veronique] = await db.sql.query<{ title: string; original_title: string }>(
      "SELECT title, original_title FROM movies.movie WHERE id = 'ml826'",
    );
    expect(veronique).toEqual({
      title: 'La Double vie de Véronique',
      original_title: 'The Double Life of Veronique',
    });
    const users = await db.sql.query<{ id: string }>(
      `SELECT id FROM users."user" WHERE id LIKE 'movielens:%'`,
    );
    expect(users.map(({ id }) => id).sort()).toEqual([
      'movielens:10m-15',
      'movielens:10m-5',
      'movielens:1m-1',
      'movielens:1m-2',
    ]);
    expectNoChanges(
      await ingestMovielens(fixture('ml-1m'), db, {
        progress: silentProgress,
        rejectsDir: rejects,
      }),
    );
    expectNoChanges(
      await ingestMovielens(fixture('ml-10m'), db, {
        progress: silentProgress,
        rejectsDir: rejects,
      }),
    );
  });

  it('counts each rater once and lists each file once in the progress', async () => {
    const { db } = await freshDatabase();
    const started: string[] = [];
    const progress: Progress = { ...silentProgress, start: (file) => started.push(file) };
    const summary = await ingestMovielens(fixture('ml-100k'), db, {
      progress,
      rejectsDir: inWork('100k'),
      batchSize: 1,
    });
    expect(fileOf(summary, 'u.data')?.also.users).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 0,
    });
    expect(fileOf(summary, 'u.user')).toMatchObject({ read: 2, inserted: 2 });
    const [video] = await db.sql.query<{ title: string; year: number; kind: string }>(
      "SELECT title, year, kind FROM movies.movie WHERE id = 'ml100k-1669'",
    );
    expect(video).toEqual({
      title: 'Land Before Time III: The Time of the Great Giving',
      year: 1995,
      kind: 'video',
    });
    const latest = await ingestMovielens(fixture('ml-conflicting-links'), db, {
      progress,
      rejectsDir: inWork('100k'),
      batchSize: 1,
    });
    // Two raters over three batches of one rating each: two users.
    expect(fileOf(latest, 'ratings.csv')?.also.users).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(started).toEqual([
      'u.item',
      'u.user',
      'u.data',
      'movies.csv',
      'links.csv',
      'ratings.csv',
    ]);
  });

  it('generates MovieLens files with ids no real film or user has, which its own ingester accepts whole', async () => {
    const { db } = await freshDatabase();
    await db.sql.query(
      `INSERT INTO movies.movie (id, kind, title, year, imdb_id, movielens_id) VALUES ('tt0068646', 'movie', 'The Godfather', 1972, 'tt0068646', '858')`,
    );
    const dir = inWork('generated-ml');
    await generateMovielens(dir, { titles: 40, users: 8, ratings: 600, seed: 4 });
    const summary = await ingestMovielens(dir, db, {
      progress: silentProgress,
      rejectsDir: inWork('generated-ml-rejects'),
    });
    for (const file of summary.files)
      expect({ file: file.file, rejected: file.rejected, dropped: file.dropped }).toEqual({
        file: file.file,
        rejected: 0,
        dropped: undefined,
      });
    expect(fileOf(summary, 'tags.csv')?.inserted).toBeGreaterThan(0);
    const [godfather] = await db.sql.query<{ title: string }>(
      "SELECT title FROM movies.movie WHERE movielens_id = '858'",
    );
    expect(godfather?.title).toBe('The Godfather');
    const [generated] = await db.sql.query<{ below: number }>(
      "SELECT count(*) FILTER (WHERE id < 'tt900000001')::int AS below FROM movies.movie WHERE id <> 'tt0068646'",
    );
    expect(generated?.below).toBe(0);
  });

  it(
    'makes `marquee evaluate` refuse a file that holds no ratings, in one line and with exit code 1',
    async () => {
      const evaluate = spawnMarquee(['evaluate', fixture('ml-garbage/ratings.csv')], {});
      const [code] = (await once(evaluate.child, 'exit')) as [number | null];
      expect(code).toBe(1);
      expect(evaluate.output().trim().split('\n')).toEqual([
        `error: ${fixture('ml-garbage/ratings.csv')}: 32 of 32 lines are not ratings. Expected MovieLens ratings.csv (userId,movieId,rating,timestamp), ratings.dat (UserID::MovieID::Rating::Timestamp) or u.data (tab-separated).`,
      ]);
    },
    CLI_TIMEOUT,
  );
});

describe('real IMDb quirks', () => {
  it('finds a repeated principal on a title with more credits than it scans one by one', async () => {
    const { db } = await freshDatabase();
    const dir = inWork('many-principals');
    await mkdir(dir, { recursive: true });
    const people = Array.from(
      { length: 40 },
      (_, i) => `nm${String(1_000_001 + i).padStart(7, '0')}`,
    );
    await writeFile(
      join(dir, 'name.basics.tsv'),
      lines(
        'nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles',
        ...people.map((id, i) => `${id}\tPerson ${i}\t1950\t\\N\tactor\t\\N`),
      ),
    );
    const principal = (person: number, ordering: number) =>
      `tt0000001\t${ordering}\t${people[person] ?? ''}\tactor\t\\N\t\\N`;
    await writeFile(
      join(dir, 'title.principals.tsv'),
      lines(
        'tconst\tordering\tnconst\tcategory\tjob\tcharacters',
        ...people.map((_, i) => principal(i, i + 1)), // lines 2–41
        principal(3, 41), // line 42: a repeat of line 5, found by the map past 16 credits
        principal(30, 42), // line 43: a repeat of line 32, credited after the map was built
        `tt0000001\t43\t${people[3] ?? ''}\tdirector\t\\N\t\\N`, // line 44: same person, another role
      ),
    );
    const rejects = inWork('many-principals-rejects');
    const summary = await ingestImdb(dir, db, {
      progress: silentProgress,
      rejectsDir: rejects,
      bulk: 'off',
    });
    expect(summary.files.find(({ file }) => file === 'title.principals.tsv')).toMatchObject({
      read: 43,
      inserted: 41,
      rejected: 2,
    });
    expect(
      (await rejectsOf(rejects, 'title.principals.tsv')).map(({ line, reason }) => [line, reason]),
    ).toEqual([
      [
        42,
        `repeated principal: ${people[3] ?? ''} is already credited as ACTOR on tt0000001 by line 5 (ordering 4), which is kept`,
      ],
      [
        43,
        `repeated principal: ${people[30] ?? ''} is already credited as ACTOR on tt0000001 by line 32 (ordering 31), which is kept`,
      ],
    ]);
  });

  for (const bulk of ['off', 'on'] as const) {
    it(`keeps people born before 1800, names the root cause of cascaded rejects, keeps a principal's first billing and counts crew per credit (bulk ${bulk})`, async () => {
      const { db } = await freshDatabase();
      const rejects = inWork(`people-${bulk}`);
      const summary = await ingestImdb(fixture('imdb-people'), db, {
        progress: silentProgress,
        rejectsDir: rejects,
        bulk,
      });
      expect(
        summary.files.map(({ file, read, inserted, rejected, dropped }) => ({
          file,
          read,
          inserted,
          rejected,
          dropped,
        })),
      ).toEqual([
        { file: 'name.basics.tsv', read: 5, inserted: 4, rejected: 1, dropped: undefined },
        { file: 'title.basics.tsv', read: 3, inserted: 3, rejected: 0, dropped: undefined },
        { file: 'title.principals.tsv', read: 6, inserted: 4, rejected: 2, dropped: undefined },
        // Line 2's known writer is the principal's credit already (unchanged); line 3 adds one.
        { file: 'title.crew.tsv', read: 3, inserted: 1, rejected: 1, dropped: 2 },
      ]);
      const people = await db.sql.query<{ name: string; birth_year: number }>(
        "SELECT name, birth_year FROM people.person WHERE id IN ('nm0000636', 'nm0003665') ORDER BY id",
      );
      expect(people).toEqual([
        { name: 'William Shakespeare', birth_year: 1564 },
        { name: 'Wolfgang Amadeus Mozart', birth_year: 1756 },
      ]);
      const burton =
        'unknown person nm0000009: name.basics line 4 was rejected: bad birthYear "19x5"';
      expect(
        (await rejectsOf(rejects, 'title.principals.tsv')).map(({ line, reason }) => [
          line,
          reason,
        ]),
      ).toEqual([
        [
          4,
          'repeated principal: nm0000147 is already credited as ACTOR on tt0117509 by line 2 (ordering 1), which is kept',
        ],
        [7, burton],
      ]);
      const [romeo] = await db.sql.query<{ billing_order: number; characters: string[] }>(
        "SELECT billing_order, characters FROM people.credit WHERE id = 'tt0117509:nm0000147:ACTOR'",
      );
      expect(romeo).toEqual({ billing_order: 1, characters: ['Romeo'] });
      expect(
        (await rejectsOf(rejects, 'title.crew.tsv')).map(({ line, reason }) => [line, reason]),
      ).toEqual([
        [2, 'writer not credited on tt0117509: unknown person nm9999999 (not in name.basics)'],
        [3, `writer not credited on tt0057877: ${burton}`],
        [4, 'director not credited on tt0086879: unknown person nm8888888 (not in name.basics)'],
      ]);
      const writers = await db.sql.query<{ id: string }>(
        "SELECT id FROM people.credit WHERE role = 'WRITER' ORDER BY id",
      );
      expect(writers.map(({ id }) => id)).toEqual([
        'tt0057877:nm0000636:WRITER',
        'tt0117509:nm0000636:WRITER',
      ]);
      expectNoChanges(
        await ingestImdb(fixture('imdb-people'), db, {
          progress: silentProgress,
          rejectsDir: rejects,
        }),
      );
    });
  }

  it('loads what can be read of a truncated .tsv.gz, names the line where reading stopped, and goes on with the other files', async () => {
    const { db } = await freshDatabase();
    const rejects = inWork('truncated');
    const summary = await ingestImdb(fixture('imdb-truncated'), db, {
      progress: silentProgress,
      rejectsDir: rejects,
      bulk: 'off',
    });
    const basics = fileOf(summary, 'title.basics.tsv.gz');
    expect(basics?.read).toBeGreaterThan(100);
    expect(basics).toMatchObject({ inserted: basics?.read, rejected: 0 });
    expect(basics?.unreadable?.line).toBe((basics?.read ?? 0) + 2);
    expect(basics?.unreadable?.reason).toMatch(
      /^unreadable from line \d+ on: .*unexpected end of file/,
    );
    expect(await rejectsOf(rejects, 'title.basics.tsv.gz')).toEqual([
      {
        file: 'title.basics.tsv.gz',
        line: basics?.unreadable?.line,
        reason: basics?.unreadable?.reason,
        raw: '',
      },
    ]);
    expect(fileOf(summary, 'title.ratings.tsv')).toMatchObject({ read: 1, updated: 1 });
  });

  it('reads a truncated title.ratings.tsv.gz as far as it goes in a bulk load as in an incremental one', async () => {
    const outcomes: string[][] = [];
    for (const bulk of ['on', 'off'] as const) {
      const { db } = await freshDatabase();
      const rejects = inWork(`truncated-ratings-${bulk}`);
      const summary = await ingestImdb(fixture('imdb-truncated-ratings'), db, {
        progress: silentProgress,
        rejectsDir: rejects,
        bulk,
      });
      const ratings = fileOf(summary, 'title.ratings.tsv.gz');
      expect(ratings).toMatchObject({ updated: 2, rejected: (ratings?.read ?? 0) - 2 });
      expect(ratings?.unreadable?.line).toBe((ratings?.read ?? 0) + 2);
      // A bulk load writes the unknown titles' rejects after the file's own (see docs/ingestion.md).
      const entries = await rejectsOf(rejects, 'title.ratings.tsv.gz');
      outcomes.push(entries.map(({ line, reason }) => `${line}: ${reason}`).sort());
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]).toContain('3: bad averageRating "nine" (not a number from 1 to 10)');
    expect(outcomes[0]).toContain('5: unknown title (not in title.basics)');
  });

  it(
    'exits 0 on a truncated .tsv.gz and random bytes, with a warning and no stack or binary on the terminal',
    async () => {
      const { url } = await freshDatabase();
      const imdb = await runMarquee(
        ['ingest', 'imdb', fixture('imdb-truncated'), '--rejects', inWork('cli-truncated')],
        { DATABASE_URL: url },
      );
      expect(imdb).toMatch(
        /warning: title\.basics\.tsv\.gz was read only in part: unreadable from line \d+ on: .*unexpected end of file/,
      );
      const movielens = await runMarquee(
        ['ingest', 'movielens', fixture('ml-garbage'), '--rejects', inWork('cli-garbage')],
        { DATABASE_URL: url },
      );
      for (const output of [imdb, movielens]) {
        expect(output).not.toMatch(/\n\s+at /);
        expect(notTextReason(output.replace(/[\r\n]/g, ' '))).toBeUndefined();
      }
      expect(movielens).toMatch(/ratings\.csv: \d+ rejected lines, in /);
    },
    CLI_TIMEOUT,
  );

  it('generates IMDb ids in a range no real title or person has, so a seeded catalogue keeps its cast', async () => {
    const { db } = await freshDatabase();
    await db.sql.query(
      `INSERT INTO people.person (id, name) VALUES ('nm0000008', 'Marlon Brando')`,
    );
    const dir = inWork('generated-imdb');
    await generateImdb(dir, { titles: 30, seed: 9 });
    const summary = await ingestImdb(dir, db, {
      progress: silentProgress,
      rejectsDir: inWork('generated-imdb-rejects'),
    });
    expect(fileOf(summary, 'name.basics.tsv')?.inserted).toBe(30);
    const [brando] = await db.sql.query<{ name: string }>(
      "SELECT name FROM people.person WHERE id = 'nm0000008'",
    );
    expect(brando?.name).toBe('Marlon Brando');
    const [low] = await db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM people.person WHERE id < 'nm900000001' AND id <> 'nm0000008'",
    );
    expect(low?.n).toBe(0);
  });
});
