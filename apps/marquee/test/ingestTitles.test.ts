import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { notTextReason, optionalYear } from '../src/ingest/fields.ts';
import { parseNameBasics, splitTsv } from '../src/ingest/imdbParsers.ts';
import { sniffEncoding } from '../src/ingest/lines.ts';
import {
  parseMoviesDat,
  parseTagsDat,
  parseUItem,
  splitDat,
  splitTitleYear,
} from '../src/ingest/movielensParsers.ts';

const fixture = (path: string) => fileURLToPath(new URL(`fixtures/${path}`, import.meta.url));

describe('MovieLens titles as the real files write them', () => {
  it('takes the year before a "(V)" marker and keeps the marker out of the title (ml-100k u.item)', () => {
    expect(splitTitleYear('Land Before Time III: The Time of the Great Giving (1995) (V)')).toEqual(
      {
        title: 'Land Before Time III: The Time of the Great Giving',
        alternateTitle: null,
        year: 1995,
        kind: 'video',
      },
    );
  });

  it('splits a parenthesised alternate title off and puts each one’s article in front', () => {
    expect(
      splitTitleYear('Double vie de Véronique, La (Double Life of Veronique, The) (1991)'),
    ).toEqual({
      title: 'La Double vie de Véronique',
      alternateTitle: 'The Double Life of Veronique',
      year: 1991,
      kind: 'movie',
    });
    expect(splitTitleYear('Seven (a.k.a. Se7en) (1995)')).toMatchObject({
      title: 'Seven',
      alternateTitle: 'Se7en',
    });
    // A title that starts with parentheses keeps them.
    expect(splitTitleYear('(500) Days of Summer (2009)')).toMatchObject({
      title: '(500) Days of Summer',
      alternateTitle: null,
      year: 2009,
    });
  });

  it('moves articles of other languages back to the front', () => {
    expect(splitTitleYear('Misérables, Les (1995)').title).toBe('Les Misérables');
    expect(splitTitleYear('Postino, Il (The Postman) (1994)')).toMatchObject({
      title: 'Il Postino',
      alternateTitle: 'The Postman',
    });
    expect(splitTitleYear("Avventura, L' (1960)").title).toBe("L'Avventura");
    expect(splitTitleYear('Boot, Das (1981)').title).toBe('Das Boot');
    // A comma inside a title is not an article.
    expect(splitTitleYear('Sex, Lies, and Videotape (1989)').title).toBe(
      'Sex, Lies, and Videotape',
    );
  });

  it('reads the ml-100k fixture’s u.item line with a "(V)" title', async () => {
    const [, video] = (await readFile(fixture('ml-100k/u.item'), 'latin1')).trim().split('\n');
    expect(parseUItem((video ?? '').split('|'))).toMatchObject({
      movielensId: '1669',
      kind: 'video',
      year: 1995,
    });
  });
});

describe('ml-1m and ml-10m layouts', () => {
  it('reads movies.dat and a tags.dat tag that holds "::"', () => {
    expect(
      parseMoviesDat(splitDat("1::Toy Story (1995)::Animation|Children's|Comedy")),
    ).toMatchObject({ movielensId: '1', title: 'Toy Story', year: 1995 });
    expect(parseTagsDat(splitDat('15::4973::a::b::1215184630'))).toMatchObject({
      userId: '15',
      movielensId: '4973',
      tag: 'a::b',
    });
  });

  it('tells ISO-8859-1 files (ml-1m) from UTF-8 ones (ml-10m) by their bytes', async () => {
    expect(await sniffEncoding(fixture('ml-1m/movies.dat'))).toBe('latin1');
    expect(await sniffEncoding(fixture('ml-10m/movies.dat'))).toBe('utf8');
  });
});

describe('IMDb years and text', () => {
  it('accepts people born before 1800, as name.basics has them', () => {
    expect(
      parseNameBasics(splitTsv('nm0000636\tWilliam Shakespeare\t1564\t1616\twriter\ttt0117509')),
    ).toMatchObject({ birthYear: 1564, deathYear: 1616 });
    expect(optionalYear('0040', 'birthYear')).toBe(40);
    expect(() => optionalYear('19024', 'birthYear')).toThrow('bad birthYear "19024"');
  });

  it('names what makes a line not text, without quoting it', () => {
    expect(notTextReason('tt0000001\tshort\tCarmencita')).toBeUndefined();
    expect(notTextReason('Misérables')).toBeUndefined();
    expect(notTextReason('1,2\u0000,3')).toBe('not text: control character U+0000 at column 4');
    expect(notTextReason('ab\ufffdcd')).toBe(
      'not text: bytes that are not valid UTF-8 at column 3',
    );
  });
});
