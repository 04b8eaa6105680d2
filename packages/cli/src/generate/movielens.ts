import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tconstOf, type GeneratedFile } from './imdb.ts';
import { genresOf, movielensGenres, titleName } from './names.ts';
import { Random } from './random.ts';
import { LineWriter } from './writer.ts';

export interface MovielensGenerateOptions {
  titles: number;
  users?: number;
  ratings?: number;
  seed?: number;
}

/** A CSV field, quoted when it holds a comma or a quote (MovieLens's own convention). */
function csv(value: string): string {
  return /[",]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** MovieLens moves a leading English article to the end: "Golden Harbor, The (1994)". */
function movielensTitle(title: string, year: number): string {
  const article = /^(The|A|An) (.*)$/.exec(title);
  return `${article === null ? title : `${article[2] ?? ''}, ${article[1] ?? ''}`} (${year})`;
}

/**
 * Writes the ml-latest layout (movies.csv, links.csv, ratings.csv, tags.csv). Film n links to
 * `tt` + n zero-padded, the id the IMDb generator gives its n-th title, so the two generated
 * sets describe the same films. Users rate a long-tail share of the films; each user's ratings are
 * distinct films in movieId order, as in the real files. Deterministic for a given seed.
 */
export async function generateMovielens(outDir: string, options: MovielensGenerateOptions): Promise<GeneratedFile[]> {
  const movies = options.titles;
  const users = options.users ?? Math.max(1, Math.ceil(movies / 10));
  const ratings = options.ratings ?? movies * 10;
  const random = new Random(options.seed ?? 1);
  await mkdir(outDir, { recursive: true });
  const written: GeneratedFile[] = [];
  const done = async (file: string, writer: LineWriter) => {
    await writer.close();
    written.push({ file, rows: writer.lines - 1 });
  };

  let out = new LineWriter(join(outDir, 'movies.csv'));
  await out.line('movieId,title,genres');
  for (let m = 1; m <= movies; m += 1) {
    const genres = random.next() < 0.97 ? genresOf(random, movielensGenres).join('|') : '(no genres listed)';
    await out.line(`${m},${csv(movielensTitle(titleName(random), random.int(1920, 2024)))},${genres}`);
  }
  await done('movies.csv', out);

  out = new LineWriter(join(outDir, 'links.csv'));
  await out.line('movieId,imdbId,tmdbId');
  for (let m = 1; m <= movies; m += 1) {
    await out.line(`${m},${tconstOf(m).slice(2)},${random.next() < 0.99 ? 10_000 + m : ''}`);
  }
  await done('links.csv', out);

  // Heavy-tailed activity: a few users rate a lot. Weights are per user (bounded by --users).
  const weights = Float64Array.from({ length: users }, () => 1 / (1 - random.next() * 0.98) ** 1.2);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  out = new LineWriter(join(outDir, 'ratings.csv'));
  await out.line('userId,movieId,rating,timestamp');
  // Shares of what is left (not of the total), so rounding and the one-rating-per-film cap still
  // add up to --ratings whenever users × films allows it.
  let remaining = ratings;
  let weightLeft = total;
  for (let u = 1; u <= users && remaining > 0; u += 1) {
    const weight = weights[u - 1] ?? 1;
    const share = u === users ? remaining : Math.round((remaining * weight) / weightLeft);
    weightLeft -= weight;
    // Each user rates a film at most once: leave no more than the users after this one can take.
    const atLeast = Math.max(1, remaining - movies * (users - u));
    const count = Math.min(remaining, movies, Math.max(atLeast, share));
    remaining -= count;
    const picked = new Set<number>();
    if (count > movies / 2) {
      for (let m = 1; picked.size < count; m += 1) picked.add(m);
    } else {
      while (picked.size < count) picked.add(1 + random.skewed(movies, 2.2));
    }
    let at = 1_000_000_000 + random.int(0, 600_000_000);
    for (const movie of [...picked].sort((a, b) => a - b)) {
      at += random.int(1, 5000);
      await out.line(`${u},${movie},${(random.int(1, 10) / 2).toFixed(1)},${at}`);
    }
  }
  await done('ratings.csv', out);

  out = new LineWriter(join(outDir, 'tags.csv'));
  await out.line('userId,movieId,tag,timestamp');
  const tags = ['atmospheric', 'twist ending', 'based on a book', 'funny, dark', 'slow "burn"', 'visually stunning'];
  for (let i = 0; i < Math.ceil(ratings / 50); i += 1) {
    await out.line(`${random.int(1, users)},${1 + random.skewed(movies, 2.2)},${csv(random.pick(tags))},${1_500_000_000 + random.int(0, 100_000_000)}`);
  }
  await done('tags.csv', out);
  return written;
}
