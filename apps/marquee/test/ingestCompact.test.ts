import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditKeys, idNumber, IdSet, IdSlots, SeenIds } from '../src/ingest/compactIds.ts';
import { RatingsByTitle } from '../src/ingest/imdbBulk.ts';
import { readLineChunks } from '../src/ingest/lines.ts';

describe('compact id lookups', () => {
  it('numbers canonical ids only: a leading zero past the 7th digit or a 10th digit stays a string', () => {
    expect(idNumber('nm0000001')).toBe(1);
    expect(idNumber('tt12345678')).toBe(12_345_678);
    expect(idNumber('nm999999999')).toBe(999_999_999);
    expect(idNumber('nm00000001')).toBe(-1);
    expect(idNumber('nm1234567890')).toBe(-1);
  });

  it('IdSet answers like a Set of strings, as a bitmap for dense ids and a sorted array for sparse ones', () => {
    const dense = new IdSet();
    const sparse = new IdSet();
    const ids = Array.from(
      { length: 5000 },
      (_, index) => `nm${String(index * 3 + 7).padStart(7, '0')}`,
    );
    for (const id of ids) dense.add(id);
    for (const id of ['nm0000001', 'nm900000000', 'nm00000001', 'nm1234567890']) sparse.add(id);
    dense.freeze();
    expect(dense.bytes).toBeLessThan(5000 * 4);
    for (const id of ids) expect(dense.has(id)).toBe(true);
    expect(dense.has('nm0000008')).toBe(false);
    expect(dense.has('nm0000000')).toBe(false);
    expect(dense.has('nm9999999')).toBe(false);
    expect(dense.has('nm00000007')).toBe(false);
    for (const id of ['nm0000001', 'nm900000000', 'nm00000001', 'nm1234567890'])
      expect(sparse.has(id)).toBe(true);
    expect(sparse.bytes).toBe(2 * 4);
    expect(sparse.has('nm0000002')).toBe(false);
    expect(sparse.has('nm000000001')).toBe(false);
    expect(() => sparse.add('nm0000003')).toThrow(/frozen/);
  });

  it('IdSlots gives first-seen slots through rehashes, numeric and string ids alike', () => {
    const slots = new IdSlots();
    const ids = Array.from({ length: 10_000 }, (_, index) =>
      index % 1000 === 0
        ? `tt0${String(index).padStart(8, '0')}`
        : `tt${String(index * 7919).padStart(7, '0')}`,
    );
    ids.forEach((id, index) => expect(slots.add(id)).toEqual({ slot: index, isNew: true }));
    ids.forEach((id, index) => expect(slots.get(id)).toBe(index));
    expect(slots.add(ids[42] ?? '')).toEqual({ slot: 42, isNew: false });
    expect(slots.get('tt9999999')).toBe(-1);
    expect(slots.size).toBe(10_000);
  });

  it('SeenIds tells a new id from a repeated one, added in any order, numeric and string ids alike', () => {
    const seen = new SeenIds();
    const ids = [
      'tt900000001',
      'tt0000001',
      'tt0065536',
      'tt0065535',
      'tt00000001',
      'tt1234567890',
    ];
    for (const id of ids) expect(seen.add(id)).toBe(true);
    for (const id of ids) expect(seen.add(id)).toBe(false);
    expect(seen.add('tt0000002')).toBe(true);
    expect(seen.add('tt900000002')).toBe(true);
  });

  it('CreditKeys holds credits through growth, telling the roles apart, numeric and string ids alike', () => {
    const keys = new CreditKeys();
    const credits = Array.from({ length: 20_000 }, (_, index) => ({
      movieId: `tt${String(900_000_000 + (index % 5000)).padStart(7, '0')}`,
      personId:
        index % 997 === 0
          ? `nm0${String(index).padStart(8, '0')}`
          : `nm${String(index * 31).padStart(7, '0')}`,
      flag: (index % 2) as 0 | 1,
    }));
    for (const { movieId, personId, flag } of credits)
      expect(keys.add(movieId, personId, flag)).toBe(true);
    for (const { movieId, personId, flag } of credits) {
      expect(keys.has(movieId, personId, flag)).toBe(true);
      expect(keys.has(movieId, personId, flag === 0 ? 1 : 0)).toBe(false);
      expect(keys.add(movieId, personId, flag)).toBe(false);
    }
    expect(keys.size).toBe(20_000);
    expect(keys.has('tt0000001', 'nm0000001', 0)).toBe(false);
  });

  it('RatingsByTitle keeps the last of repeated ratings and reports the rest as rejects', () => {
    const ratings = new RatingsByTitle();
    ratings.add({ line: 2, value: { id: 'tt0000001', averageRating: 5.7, numVotes: 2089 } });
    ratings.add({ line: 3, value: { id: 'tt0000002', averageRating: 6.1, numVotes: 0 } });
    ratings.add({ line: 4, value: { id: 'tt0000001', averageRating: 7.25, numVotes: 12 } });
    ratings.add({ line: 5, value: { id: 'tt0000003', averageRating: 1, numVotes: 1 } });
    expect(ratings.lookup('tt0000001')).toEqual([7.25, 12]);
    expect(ratings.lookup('tt0000004')).toBeUndefined();
    ratings.markWritten('tt0000001');
    ratings.markWritten('tt0000002');
    expect(ratings.outcome()).toEqual({
      inserted: 0,
      updated: 2,
      unchanged: 0,
      rejected: [
        { line: 2, reason: 'duplicate key: line 4 has the same key and is the one written' },
        { line: 5, reason: 'unknown title (not in title.basics)' },
      ],
      also: { itemFeatures: { inserted: 0, updated: 1, unchanged: 1 } },
    });
  });
});

describe('readLineChunks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'marquee-chunks-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('ends lines at CRLF, LF and a lone CR, also when a CRLF or a line straddles two chunks', async () => {
    const path = join(dir, 'big.tsv');
    // Over 1 MiB, so the file arrives in several chunks; the CRLF after the first line lands on a boundary.
    const first = 'x'.repeat((1 << 20) - 1);
    const rest = Array.from({ length: 50_000 }, (_, index) => `row${index}`);
    await writeFile(path, `${first}\r\n${rest.join('\n')}\rlast\r\n\r\ntrailing`);
    const reader = await readLineChunks(path);
    const lines: string[] = [];
    let chunks = 0;
    for await (const chunk of reader.chunks) {
      chunks += 1;
      lines.push(...chunk);
    }
    expect(chunks).toBeGreaterThan(1);
    expect(lines).toEqual([first, ...rest, 'last', '', 'trailing']);
  });
});
