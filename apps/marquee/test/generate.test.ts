import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImdb, generateMovielens } from '../src/generate/index.ts';
import {
  imdbHeaders,
  parseTitleBasics,
  parseTitlePrincipals,
  splitTsv,
} from '../src/ingest/imdbParsers.ts';
import {
  parseMoviesCsv,
  parseRatingsCsv,
  parseTagsCsv,
  splitCsv,
} from '../src/ingest/movielensParsers.ts';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'marquee-generate-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) {
    const bytes = await readFile(join(dir, name));
    files.set(name, (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  }
  return files;
}

describe('marquee generate', () => {
  it('writes the same IMDb files for the same seed and different ones for another seed', async () => {
    await generateImdb(join(work, 'a'), { titles: 200, seed: 5, gzip: true });
    await generateImdb(join(work, 'b'), { titles: 200, seed: 5, gzip: true });
    await generateImdb(join(work, 'c'), { titles: 200, seed: 6, gzip: true });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((dir) => filesOf(join(work, dir))));
    expect([...(a?.keys() ?? [])]).toEqual([
      'name.basics.tsv.gz',
      'title.basics.tsv.gz',
      'title.crew.tsv.gz',
      'title.principals.tsv.gz',
      'title.ratings.tsv.gz',
    ]);
    expect(b).toEqual(a);
    expect(c?.get('title.basics.tsv.gz')).not.toEqual(a?.get('title.basics.tsv.gz'));
  });

  it('writes IMDb headers and rows that the ingestion parsers accept, with long-tail credits', async () => {
    await generateImdb(join(work, 'imdb'), { titles: 500, people: 500, principals: 2500 });
    const files = await filesOf(join(work, 'imdb'));
    const rows = (name: string) => (files.get(name) ?? '').trimEnd().split('\n');
    expect(rows('title.basics.tsv')[0]).toBe(imdbHeaders['title.basics'].join('\t'));
    expect(
      rows('title.basics.tsv')
        .slice(1)
        .map((line) => parseTitleBasics(splitTsv(line))),
    ).toHaveLength(500);
    const credits = rows('title.principals.tsv')
      .slice(1)
      .map((line) => parseTitlePrincipals(splitTsv(line)));
    expect(credits).toHaveLength(2500);
    const perPerson = new Map<string, number>();
    for (const credit of credits)
      perPerson.set(credit.personId, (perPerson.get(credit.personId) ?? 0) + 1);
    const counts = [...perPerson.values()].sort((x, y) => y - x);
    // The busiest tenth of the credited people hold over a third of all credits.
    const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((sum, n) => sum + n, 0);
    expect(top / credits.length).toBeGreaterThan(1 / 3);
  });

  it('writes exactly --ratings MovieLens ratings, each user rating a film once, in parseable rows', async () => {
    await generateMovielens(join(work, 'ml'), { titles: 50, users: 10, ratings: 400 });
    const files = await filesOf(join(work, 'ml'));
    const ratings = (files.get('ratings.csv') ?? '').trimEnd().split('\n');
    expect(ratings[0]).toBe('userId,movieId,rating,timestamp');
    const parsed = ratings.slice(1).map((line) => parseRatingsCsv(splitCsv(line)));
    expect(parsed).toHaveLength(400);
    expect(new Set(parsed.map((rating) => `${rating.userId}:${rating.movielensId}`)).size).toBe(
      400,
    );
    const movies = (files.get('movies.csv') ?? '')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => parseMoviesCsv(splitCsv(line)));
    expect(movies).toHaveLength(50);
    expect(movies.every((movie) => movie.year !== null && !movie.title.endsWith(', The'))).toBe(
      true,
    );
  });

  it('uses ids from 900,000,001 on, which no real title, person, film or user has, and writes each tag once', async () => {
    await generateImdb(join(work, 'ids-imdb'), { titles: 20 });
    await generateMovielens(join(work, 'ids-ml'), { titles: 20, users: 3, ratings: 2000, seed: 2 });
    const imdb = await filesOf(join(work, 'ids-imdb'));
    const ml = await filesOf(join(work, 'ids-ml'));
    const column = (text: string | undefined, separator: string, index: number) =>
      (text ?? '')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(separator)[index] ?? '');
    const numbers = [
      ...column(imdb.get('title.basics.tsv'), '\t', 0),
      ...column(imdb.get('name.basics.tsv'), '\t', 0),
      ...column(ml.get('movies.csv'), ',', 0),
      ...column(ml.get('links.csv'), ',', 1),
      ...column(ml.get('ratings.csv'), ',', 0),
    ].map((id) => Number(id.replace(/^(tt|nm)/, '')));
    expect(numbers.length).toBeGreaterThan(60);
    expect(numbers.every((n) => n > 900_000_000)).toBe(true);
    const tags = column(ml.get('tags.csv'), '\n', 0).map((line) => parseTagsCsv(splitCsv(line)));
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags.map((tag) => `${tag.userId}:${tag.movielensId}:${tag.tag}`)).size).toBe(
      tags.length,
    );
  });
});
