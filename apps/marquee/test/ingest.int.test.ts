import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runMarquee } from '@marquee/testing';
import { generateImdb, generateMovielens } from '../src/generate/index.ts';
import {
  ingestImdb,
  ingestMovielens,
  silentProgress,
  type FileSummary,
  type IngestSummary,
} from '../src/ingest/index.ts';
import { ingestHarness, lines } from './ingestHarness.ts';

const { inWork, freshDatabase } = ingestHarness('ingest');

/** Hand-written IMDb files: real-looking rows plus one deliberate mistake of each kind. */
async function writeImdbFixture(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  await writeFile(
    join(dir, 'name.basics.tsv'),
    lines(
      'nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles',
      'nm0000209\tTim Robbins\t1958\t\\N\tactor,director\ttt0111161',
      'nm0000151\tMorgan Freeman\t1937\t\\N\tactor,producer\ttt0111161',
      'nm0001104\tFrank Darabont\t1959\t\\N\tdirector,writer\ttt0111161',
      'nm0000008\tMarlon Brando\t19024\t2004\tactor\ttt0068646', // line 5: bad birthYear
      'nm0000199\tAl Pacino\t1940\t\\N\tactor\ttt0068646',
      'nm0000338\tFrancis Ford Coppola\t1939\t\\N\tdirector\ttt0068646',
    ),
  );
  await writeFile(
    join(dir, 'title.basics.tsv.gz'),
    gzipSync(
      lines(
        'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres',
        'tt0111161\tmovie\tThe Shawshank Redemption\tThe Shawshank Redemption\t0\t1994\t\\N\t142\tDrama',
        'tt0068646\tmovie\tThe Godfather\tThe Godfather\t0\t1972\t\\N\t175\tCrime,Drama',
        'xx0000003\tmovie\tBad Id\tBad Id\t0\t2000\t\\N\t90\tDrama', // line 4: bad tconst
        'tt0903747\ttvSeries\tBreaking Bad\tBreaking Bad\t0\t2008\t2013\t49', // line 5: 8 columns
        'tt0000001\tshort\tCarmencita\tCarmencita\t0\t1894\t\\N\t1\tDocumentary,Short',
      ),
    ),
  );
  await writeFile(
    join(dir, 'title.ratings.tsv'),
    lines(
      'tconst\taverageRating\tnumVotes',
      'tt0111161\t9.3\t2900000',
      'tt0068646\tnine\t2000000', // line 3: non-numeric rating
      'tt9999999\t7.0\t10', // line 4: unknown title
      'tt0000001\t5.7\t2100',
    ),
  );
  await writeFile(
    join(dir, 'title.principals.tsv'),
    lines(
      'tconst\tordering\tnconst\tcategory\tjob\tcharacters',
      'tt0111161\t1\tnm0000209\tactor\t\\N\t["Andy Dufresne"]',
      'tt0111161\t2\tnm0000151\tactor\t\\N\t["Ellis Boyd \'Red\' Redding"]',
      'tt0111161\t3\tnm9999999\tactress\t\\N\t["Nobody"]', // line 4: unknown person
      'tt0111161\t4\tnm0001104\tdirector\t\\N\t\\N',
      'tt0068646\t1\tnm0000199\tactor\t\\N\t[Michael Corleone]', // line 6: characters not JSON
      'tt0068646\t2\tnm0000338\tdirector\t\\N\t\\N',
    ),
  );
  await writeFile(
    join(dir, 'title.crew.tsv'),
    lines(
      'tconst\tdirectors\twriters',
      'tt0111161\tnm0001104\tnm0001104',
      'tt0068646\tnm0000338\tnm0000338,nm7777777', // line 3: an unknown writer
      'tt0000001\t\\N\t\\N',
    ),
  );
}

/** ml-latest layout with CRLF endings, a quoted title with a comma, and mistakes. */
async function writeMovielensFixture(dir: string): Promise<void> {
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const crlf = (...rows: string[]) => `${rows.join('\r\n')}\r\n`;
  await writeFile(
    join(dir, 'movies.csv'),
    crlf(
      'movieId,title,genres',
      '318,"Shawshank Redemption, The (1994)",Crime|Drama',
      '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
      '2,"Jumanji (1995),Adventure', // line 4: broken quote
      '5,Father of the Bride Part II (1995),Comedy',
    ),
  );
  await writeFile(
    join(dir, 'links.csv'),
    crlf(
      'movieId,imdbId,tmdbId',
      '318,0111161,278',
      '1,0114709,862',
      '5,0113041,',
      '99,0000099,99',
    ),
  );
  await writeFile(
    join(dir, 'ratings.csv'),
    crlf(
      'userId,movieId,rating,timestamp',
      '1,318,5.0,964982703',
      '1,1,4.0,964981247',
      '2,318,4.5,1445714835',
      '2,1,seven,1445714835', // line 5: non-numeric rating
      '2,4242,3.0,1445714835', // line 6: unknown movieId
      '3,5,3.5,1445714836',
    ),
  );
}

const byFile = (summary: IngestSummary) => new Map(summary.files.map((file) => [file.file, file]));
const addsUp = (file: FileSummary) =>
  file.inserted + file.updated + file.unchanged + file.rejected === file.read;

async function rejectsOf(
  path: string,
): Promise<{ file: string; line: number; reason: string; raw: string }[]> {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { file: string; line: number; reason: string; raw: string });
}

describe('marquee ingest on PostgreSQL', () => {
  it('loads every good IMDb row, writes each bad line with its number and reason, and re-runs without changes', async () => {
    const { db } = await freshDatabase();
    const dir = inWork('imdb');
    await writeImdbFixture(dir);
    const first = byFile(await ingestImdb(dir, db, { progress: silentProgress }));

    expect([...first.values()].every(addsUp)).toBe(true);
    expect(first.get('name.basics.tsv')).toMatchObject({ read: 6, inserted: 5, rejected: 1 });
    expect(first.get('title.basics.tsv.gz')).toMatchObject({ read: 5, inserted: 3, rejected: 2 });
    expect(first.get('title.ratings.tsv')).toMatchObject({ read: 4, updated: 2, rejected: 2 });
    expect(first.get('title.principals.tsv')).toMatchObject({ read: 6, inserted: 4, rejected: 2 });
    // Line 3's unknown writer is a credit not stored; its other credits are, so the line is not rejected.
    expect(first.get('title.crew.tsv')).toMatchObject({ read: 3, rejected: 0, dropped: 1 });

    expect(await rejectsOf(join(dir, 'rejects', 'title.basics.tsv.gz.rejects.jsonl'))).toEqual([
      {
        file: 'title.basics.tsv.gz',
        line: 4,
        reason: 'bad tconst "xx0000003"',
        raw: 'xx0000003\tmovie\tBad Id\tBad Id\t0\t2000\t\\N\t90\tDrama',
      },
      {
        file: 'title.basics.tsv.gz',
        line: 5,
        reason: 'expected 9 columns, found 8',
        raw: 'tt0903747\ttvSeries\tBreaking Bad\tBreaking Bad\t0\t2008\t2013\t49',
      },
    ]);
    expect(
      (await rejectsOf(join(dir, 'rejects', 'title.ratings.tsv.rejects.jsonl'))).map(
        ({ line, reason }) => [line, reason],
      ),
    ).toEqual([
      [3, 'bad averageRating "nine" (not a number from 1 to 10)'],
      [4, 'unknown title (not in title.basics)'],
    ]);
    // In line order: a batch writes the lines it could not parse and those its write refused together.
    expect(
      (await rejectsOf(join(dir, 'rejects', 'title.principals.tsv.rejects.jsonl'))).map(
        ({ line, reason }) => [line, reason],
      ),
    ).toEqual([
      [4, 'unknown person nm9999999 (not in name.basics)'],
      [6, 'bad characters "[Michael Corleone]" (not a JSON array)'],
    ]);
    expect(
      (await rejectsOf(join(dir, 'rejects', 'name.basics.tsv.rejects.jsonl')))[0],
    ).toMatchObject({ line: 5, reason: 'bad birthYear "19024"' });

    const [shawshank] = await db.sql.query(
      'SELECT kind, title, year, runtime_minutes, genres, imdb_id, popularity, average_rating, rating_count FROM movies.movie WHERE id = $1',
      ['tt0111161'],
    );
    expect(shawshank).toEqual({
      kind: 'movie',
      title: 'The Shawshank Redemption',
      year: 1994,
      runtime_minutes: 142,
      genres: ['Drama'],
      imdb_id: 'tt0111161',
      popularity: 2_900_000,
      average_rating: 9.3,
      rating_count: 2_900_000,
    });
    expect(
      await db.sql.query(
        'SELECT id, role, characters, billing_order FROM people.credit WHERE movie_id = $1 ORDER BY id',
        ['tt0111161'],
      ),
    ).toEqual([
      {
        id: 'tt0111161:nm0000151:ACTOR',
        role: 'ACTOR',
        characters: ["Ellis Boyd 'Red' Redding"],
        billing_order: 2,
      },
      {
        id: 'tt0111161:nm0000209:ACTOR',
        role: 'ACTOR',
        characters: ['Andy Dufresne'],
        billing_order: 1,
      },
      // title.crew adds the writing credit; it does not overwrite the principal's billing order.
      { id: 'tt0111161:nm0001104:DIRECTOR', role: 'DIRECTOR', characters: [], billing_order: 4 },
      { id: 'tt0111161:nm0001104:WRITER', role: 'WRITER', characters: [], billing_order: null },
    ]);
    expect(
      await db.sql.query('SELECT known_for FROM people.person WHERE id = $1', ['nm0000209']),
    ).toEqual([{ known_for: ['tt0111161'] }]);
    expect(
      await db.sql.query(
        'SELECT genres, year, popularity FROM recommendations.item_feature WHERE movie_id = $1',
        ['tt0111161'],
      ),
    ).toEqual([{ genres: ['Drama'], year: 1994, popularity: 2_900_000 }]);

    const second = byFile(await ingestImdb(dir, db, { progress: silentProgress }));
    for (const [file, summary] of second) {
      expect(summary, file).toMatchObject({
        inserted: 0,
        updated: 0,
        rejected: first.get(file)?.rejected,
        read: first.get(file)?.read,
      });
    }
  });

  it('merges a film present in MovieLens and IMDb into one Movie with both ids, and imports raters and ratings', async () => {
    const { db } = await freshDatabase();
    const imdbDir = inWork('imdb-for-merge');
    await writeImdbFixture(imdbDir);
    await ingestImdb(imdbDir, db, { progress: silentProgress });
    const dir = inWork('movielens');
    await writeMovielensFixture(dir);
    const first = byFile(await ingestMovielens(dir, db, { progress: silentProgress }));

    expect([...first.values()].every(addsUp)).toBe(true);
    expect(first.get('movies.csv')).toMatchObject({
      read: 4,
      rejected: 1,
      updated: 1,
      inserted: 2,
    });
    expect(first.get('links.csv')).toMatchObject({ read: 4, rejected: 1 });
    expect(first.get('ratings.csv')).toMatchObject({
      read: 6,
      inserted: 4,
      rejected: 2,
      also: { users: { inserted: 3, updated: 0, unchanged: 0 } },
    });
    expect((await rejectsOf(join(dir, 'rejects', 'movies.csv.rejects.jsonl')))[0]).toMatchObject({
      line: 4,
      raw: '2,"Jumanji (1995),Adventure',
    });
    expect(
      (await rejectsOf(join(dir, 'rejects', 'ratings.csv.rejects.jsonl'))).map(
        ({ line, reason }) => [line, reason],
      ),
    ).toEqual([
      [5, 'bad rating "seven" (not a number from 0.5 to 5)'],
      [6, 'unknown movieId 4242 (not in the films file)'],
    ]);
    expect((await rejectsOf(join(dir, 'rejects', 'links.csv.rejects.jsonl')))[0]).toMatchObject({
      line: 5,
      reason: 'unknown movieId (not in movies.csv)',
    });

    expect(
      await db.sql.query(
        'SELECT id, title, year, imdb_id, tmdb_id, movielens_id FROM movies.movie WHERE movielens_id IS NOT NULL ORDER BY id',
      ),
    ).toEqual([
      {
        id: 'tt0111161',
        title: 'The Shawshank Redemption',
        year: 1994,
        imdb_id: 'tt0111161',
        tmdb_id: '278',
        movielens_id: '318',
      },
      {
        id: 'tt0113041',
        title: 'Father of the Bride Part II',
        year: 1995,
        imdb_id: 'tt0113041',
        tmdb_id: null,
        movielens_id: '5',
      },
      {
        id: 'tt0114709',
        title: 'Toy Story',
        year: 1995,
        imdb_id: 'tt0114709',
        tmdb_id: '862',
        movielens_id: '1',
      },
    ]);
    expect(
      await db.sql.query(
        `SELECT username, password_hash FROM users."user" WHERE username LIKE 'movielens:%' ORDER BY username`,
      ),
    ).toEqual([
      { username: 'movielens:1', password_hash: null },
      { username: 'movielens:2', password_hash: null },
      { username: 'movielens:3', password_hash: null },
    ]);
    expect(
      await db.sql.query(
        `SELECT rating, created_at FROM reviews.rating WHERE user_id = 'movielens:1' AND movie_id = 'tt0111161'`,
      ),
    ).toEqual([{ rating: 5, created_at: new Date(964982703 * 1000) }]);
    expect(
      await db.sql.query(
        `SELECT count(*)::int AS n FROM recommendations.interaction WHERE user_id LIKE 'movielens:%'`,
      ),
    ).toEqual([{ n: 4 }]);

    const second = byFile(await ingestMovielens(dir, db, { progress: silentProgress }));
    for (const [file, summary] of second) {
      expect(summary, file).toMatchObject({
        inserted: 0,
        updated: 0,
        rejected: first.get(file)?.rejected,
      });
    }
    // Loading IMDb again keeps the MovieLens ids and does not flip any row back.
    const imdbAgain = await ingestImdb(imdbDir, db, { progress: silentProgress });
    expect(imdbAgain.files.map(({ inserted, updated }) => inserted + updated)).toEqual([
      0, 0, 0, 0, 0,
    ]);
  });

  it('loads ml-100k: ISO-8859-1 u.item with genre flags, u.user and tab-separated u.data in their own id space', async () => {
    const { db } = await freshDatabase();
    const dir = inWork('ml-100k');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    const flags = (...on: number[]) =>
      Array.from({ length: 19 }, (_, index) => (on.includes(index) ? '1' : '0')).join('|');
    await writeFile(
      join(dir, 'u.item'),
      Buffer.from(
        lines(
          `1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|${flags(3, 4, 5)}`,
          `2|Misérables, Les (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Miserables|${flags(8)}`,
          `3|Broken flags (1995)|01-Jan-1995||http://us.imdb.com/|${flags(8).replace('0', '2')}`,
        ),
        'latin1',
      ),
    );
    await writeFile(join(dir, 'u.user'), lines('1|24|M|technician|85711', '2|53|F|other|94043'));
    await writeFile(
      join(dir, 'u.data'),
      lines('1\t1\t5\t874965758', '2\t2\t4\t888550871', '2\t3\t3\t888550871', '1\t2\t9\t874965758'),
    );
    const summary = byFile(await ingestMovielens(dir, db, { progress: silentProgress }));

    expect([...summary.values()].every(addsUp)).toBe(true);
    expect(summary.get('u.item')).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(summary.get('u.user')).toMatchObject({ read: 2, inserted: 2 });
    expect(summary.get('u.data')).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
    expect(
      await db.sql.query(`SELECT id, title, genres, movielens_id FROM movies.movie ORDER BY id`),
    ).toEqual([
      {
        id: 'ml100k-1',
        title: 'Toy Story',
        genres: ['Animation', "Children's", 'Comedy'],
        movielens_id: '100k:1',
      },
      { id: 'ml100k-2', title: 'Les Misérables', genres: ['Drama'], movielens_id: '100k:2' },
    ]);
    expect(
      await db.sql.query(`SELECT user_id, movie_id, rating FROM reviews.rating ORDER BY user_id`),
    ).toEqual([
      { user_id: 'movielens:100k-1', movie_id: 'ml100k-1', rating: 5 },
      { user_id: 'movielens:100k-2', movie_id: 'ml100k-2', rating: 4 },
    ]);
  });

  it('loads generated IMDb and MovieLens files without a reject, as one catalogue', async () => {
    const { db } = await freshDatabase();
    const imdb = inWork('generated-imdb');
    const movielens = inWork('generated-ml');
    await generateImdb(imdb, { titles: 300, principals: 1200, seed: 7, gzip: true });
    await generateMovielens(movielens, { titles: 100, users: 20, ratings: 800, seed: 7 });
    const options = {
      progress: silentProgress,
      rejectsDir: inWork('generated-rejects'),
      batchSize: 128,
    };
    const imdbSummary = await ingestImdb(imdb, db, options);
    const movielensSummary = await ingestMovielens(movielens, db, options);

    for (const file of [...imdbSummary.files, ...movielensSummary.files]) {
      expect(file.rejected, file.file).toBe(0);
      expect(addsUp(file), file.file).toBe(true);
    }
    expect(byFile(imdbSummary).get('title.principals.tsv.gz')).toMatchObject({
      read: 1200,
      inserted: 1200,
    });
    expect(byFile(movielensSummary).get('ratings.csv')).toMatchObject({ read: 800, inserted: 800 });
    // Generated film n links to the IMDb generator's n-th title: all 100 merge.
    expect(
      await db.sql.query(
        `SELECT count(*)::int AS n FROM movies.movie WHERE movielens_id IS NOT NULL AND id LIKE 'tt%'`,
      ),
    ).toEqual([{ n: 100 }]);
  });

  it('runs as `marquee ingest … --json`, printing the summary as JSON and exiting 0 despite rejects', async () => {
    const { url } = await freshDatabase();
    const dir = inWork('cli-imdb');
    await writeImdbFixture(dir);
    const rejects = inWork('cli-rejects');
    const output = await runMarquee(['ingest', 'imdb', dir, '--json', '--rejects', rejects], {
      DATABASE_URL: url,
    });
    const summary = JSON.parse(output.slice(output.indexOf('{\n'))) as IngestSummary;
    expect(summary.source).toBe('imdb');
    expect(summary.files.map(({ file, rejected }) => [file, rejected])).toEqual([
      ['name.basics.tsv', 1],
      ['title.basics.tsv.gz', 2],
      ['title.ratings.tsv', 2],
      ['title.principals.tsv', 2],
      ['title.crew.tsv', 0],
    ]);
    expect(summary.files.map(({ inserted }) => inserted)).toEqual([5, 3, 0, 4, 2]);
    expect(await rejectsOf(join(rejects, 'title.crew.tsv.rejects.jsonl'))).toEqual([
      {
        file: 'title.crew.tsv',
        line: 3,
        reason: 'writer not credited on tt0068646: unknown person nm7777777 (not in name.basics)',
        raw: 'tt0068646\tnm0000338\tnm0000338,nm7777777',
      },
    ]);
  });
});
