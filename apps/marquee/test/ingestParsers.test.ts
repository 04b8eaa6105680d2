import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowError } from '../src/ingest/fields.ts';
import {
  parseNameBasics,
  parseTitleBasics,
  parseTitleCrew,
  parseTitlePrincipals,
  parseTitleRatings,
  splitTsv,
} from '../src/ingest/imdbParsers.ts';
import { readLines } from '../src/ingest/lines.ts';
import {
  parseLinksCsv,
  parseMoviesCsv,
  parseRatingsCsv,
  parseUData,
  parseUItem,
  splitCsv,
  splitTitleYear,
} from '../src/ingest/movielensParsers.ts';

const tsv = (line: string) => splitTsv(line);
const reasonOf = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    if (error instanceof RowError) return error.message;
    throw error;
  }
  throw new Error('expected a RowError');
};

describe('IMDb parsers', () => {
  it('reads a title.basics row with \\N as null and keeps the title type as kind', () => {
    expect(
      parseTitleBasics(
        tsv(
          'tt0111161\tmovie\tThe Shawshank Redemption\tThe Shawshank Redemption\t0\t1994\t\\N\t142\tDrama',
        ),
      ),
    ).toEqual({
      id: 'tt0111161',
      kind: 'movie',
      title: 'The Shawshank Redemption',
      originalTitle: null,
      year: 1994,
      runtimeMinutes: 142,
      genres: ['Drama'],
    });
    expect(
      parseTitleBasics(tsv('tt0000001\tshort\tCarmencita\tCarmencita\t0\t\\N\t\\N\t\\N\t\\N')),
    ).toMatchObject({ year: null, runtimeMinutes: null, genres: [] });
  });

  it('names what is wrong with a malformed row', () => {
    expect(reasonOf(() => parseTitleBasics(tsv('tt0111161\tmovie\tToo few')))).toBe(
      'expected 9 columns, found 3',
    );
    expect(
      reasonOf(() => parseTitleBasics(tsv('tt0111161\tmovie\tX\tX\t0\t19x4\t\\N\t142\tDrama'))),
    ).toBe('bad startYear "19x4"');
    expect(
      reasonOf(() => parseTitleBasics(tsv('x0111161\tmovie\tX\tX\t0\t1994\t\\N\t142\tDrama'))),
    ).toBe('bad tconst "x0111161"');
    expect(reasonOf(() => parseTitleRatings(tsv('tt0111161\tnine\t2000')))).toBe(
      'bad averageRating "nine" (not a number from 1 to 10)',
    );
    expect(reasonOf(() => parseTitleRatings(tsv('tt0111161\t9.3\t-5')))).toBe(
      'bad numVotes "-5" (not a whole number)',
    );
    expect(
      reasonOf(() => parseNameBasics(tsv('nm0000151\t\\N\t1937\t\\N\tactor\ttt0111161'))),
    ).toBe('missing primaryName');
    expect(
      reasonOf(() =>
        parseTitlePrincipals(tsv('tt0111161\t1\tnm0000209\tactor\t\\N\t[Andy Dufresne]')),
      ),
    ).toBe('bad characters "[Andy Dufresne]" (not a JSON array)');
  });

  it('maps principal categories to credit roles and reads characters as a JSON array', () => {
    expect(
      parseTitlePrincipals(
        tsv('tt0111161\t1\tnm0000209\tactress\t\\N\t["Andy Dufresne","Narrator"]'),
      ),
    ).toEqual({
      movieId: 'tt0111161',
      billingOrder: 1,
      personId: 'nm0000209',
      role: 'ACTOR',
      characters: ['Andy Dufresne', 'Narrator'],
    });
    expect(
      parseTitlePrincipals(tsv('tt0111161\t9\tnm0001104\tproduction_designer\t\\N\t\\N')),
    ).toMatchObject({ role: 'OTHER', characters: [] });
    expect(parseTitleCrew(tsv('tt0111161\tnm0001104\tnm0000175,nm0001104'))).toEqual({
      movieId: 'tt0111161',
      directors: ['nm0001104'],
      writers: ['nm0000175', 'nm0001104'],
    });
  });
});

describe('MovieLens parsers', () => {
  it('splits "Title (Year)", puts a trailing article back in front, and reads quoted titles with commas', () => {
    expect(
      parseMoviesCsv(splitCsv('11,"American President, The (1995)",Comedy|Drama|Romance')),
    ).toEqual({
      movielensId: '11',
      title: 'The American President',
      alternateTitle: null,
      year: 1995,
      kind: 'movie',
      genres: ['Comedy', 'Drama', 'Romance'],
    });
    expect(parseMoviesCsv(splitCsv('5,"Father of the Bride Part II (1995)",Comedy'))).toMatchObject(
      { title: 'Father of the Bride Part II', year: 1995 },
    );
    expect(
      parseMoviesCsv(splitCsv('171749,Death Note: Desu nôto (2006–2007),(no genres listed)')),
    ).toMatchObject({ year: 2006, genres: [] });
    expect(splitTitleYear('Hyena Road')).toEqual({
      title: 'Hyena Road',
      alternateTitle: null,
      year: null,
      kind: 'movie',
    });
    expect(splitCsv('1,"He said ""hi"" (1999)",Drama')).toEqual([
      '1',
      'He said "hi" (1999)',
      'Drama',
    ]);
  });

  it('rejects broken quotes, bad ratings and non-numeric ids with a reason', () => {
    expect(reasonOf(() => splitCsv('12,"Dracula: Dead and Loving It (1995),Comedy'))).toMatch(
      /^broken CSV quoting/,
    );
    expect(reasonOf(() => parseRatingsCsv(splitCsv('1,31,2.7,1260759144')))).toBe(
      'bad rating "2.7" (not a multiple of 0.5)',
    );
    expect(reasonOf(() => parseRatingsCsv(splitCsv('1,31,five,1260759144')))).toBe(
      'bad rating "five" (not a number from 0.5 to 5)',
    );
    expect(reasonOf(() => parseRatingsCsv(splitCsv('1,31,2.5')))).toBe(
      'expected 4 columns, found 3',
    );
    expect(reasonOf(() => parseLinksCsv(splitCsv('1,tt0114709,862')))).toBe(
      'bad imdbId "tt0114709" (not a whole number)',
    );
  });

  it('pads links.csv imdbIds into tconsts and keeps the rating timestamp', () => {
    expect(parseLinksCsv(splitCsv('1,0114709,862'))).toEqual({
      movielensId: '1',
      imdbId: 'tt0114709',
      tmdbId: '862',
    });
    expect(parseLinksCsv(splitCsv('791,113610,'))).toEqual({
      movielensId: '791',
      imdbId: 'tt0113610',
      tmdbId: null,
    });
    expect(parseRatingsCsv(splitCsv('1,31,2.5,1260759144'))).toEqual({
      userId: '1',
      movielensId: '31',
      rating: 2.5,
      at: new Date(1260759144 * 1000),
    });
  });

  it('reads ml-100k u.item genre flags and u.data ratings', () => {
    const flags = ['0', '0', '0', '1', '1', '1', ...Array<string>(13).fill('0')];
    expect(
      parseUItem([
        '1',
        'Toy Story (1995)',
        '01-Jan-1995',
        '',
        'http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)',
        ...flags,
      ]),
    ).toEqual({
      movielensId: '1',
      title: 'Toy Story',
      alternateTitle: null,
      year: 1995,
      kind: 'movie',
      genres: ['Animation', "Children's", 'Comedy'],
    });
    expect(reasonOf(() => parseUData(['196', '242', '6', '881250949']))).toBe(
      'bad rating 6 (not 1 to 5)',
    );
  });
});

describe('readLines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'marquee-lines-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const collect = async (path: string, encoding?: 'latin1') => {
    const lines = [];
    for await (const line of (await readLines(path, encoding)).lines) lines.push(line);
    return lines;
  };

  it('numbers lines from 1 and strips CRLF endings', async () => {
    const path = join(dir, 'crlf.csv');
    await writeFile(path, 'movieId,title,genres\r\n1,Toy Story (1995),Animation\r\n');
    expect(await collect(path)).toEqual([
      { line: 1, text: 'movieId,title,genres' },
      { line: 2, text: '1,Toy Story (1995),Animation' },
    ]);
  });

  it('gunzips .gz files', async () => {
    const path = join(dir, 'title.ratings.tsv.gz');
    await writeFile(path, gzipSync('tconst\taverageRating\tnumVotes\ntt0000001\t5.7\t2089\n'));
    expect((await collect(path)).map((line) => line.text)).toEqual([
      'tconst\taverageRating\tnumVotes',
      'tt0000001\t5.7\t2089',
    ]);
  });

  it('decodes ISO-8859-1 (ml-100k) when asked', async () => {
    const path = join(dir, 'u.item');
    await writeFile(path, Buffer.from('1|Les Misérables (1995)|\n', 'latin1'));
    expect((await collect(path, 'latin1'))[0]?.text).toBe('1|Les Misérables (1995)|');
    // The file really is single-byte: é is 0xE9, not UTF-8's 0xC3 0xA9.
    expect((await readFile(path)).includes(0xe9)).toBe(true);
  });
});
