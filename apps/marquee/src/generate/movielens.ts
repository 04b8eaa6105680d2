import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED_ID_BASE, tconstOf, type GeneratedFile } from './imdb.ts';
import { latentTasteRatings } from '@marquee/recsys';
import { movielensGenres, titleName } from './names.ts';
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

/** MovieLens movieIds, userIds and TMDB ids of generated files: a range no real one reaches (see GENERATED_ID_BASE). */
export const movieIdOf = (index: number): number => GENERATED_ID_BASE + index;
export const userIdOf = (index: number): number => GENERATED_ID_BASE + index;

/**
 * Writes the ml-latest layout (movies.csv, links.csv, ratings.csv, tags.csv). Film n (movieId
 * 900,000,000 + n) links to the id the IMDb generator gives its n-th title, so the two generated
 * sets describe the same films; every id is in the generated range, so nothing generated lands on
 * a real film or MovieLens user. Ratings come from the latent-taste model in `@marquee/recsys`
 * (`latentTasteRatings`: long-tail exposure and activity, genre and hidden tastes deciding what a
 * user watches and how they rate it, sessions in time order; see docs/recommendations.md), so
 * recommenders have structure to find; each user's ratings are distinct films in movieId order, as
 * in the real files, with timestamps in the order the user watched them. Deterministic for a
 * given seed.
 */
export async function generateMovielens(
  outDir: string,
  options: MovielensGenerateOptions,
): Promise<GeneratedFile[]> {
  const movies = options.titles;
  const users = options.users ?? Math.max(1, Math.ceil(movies / 10));
  const ratings = options.ratings ?? movies * 10;
  const random = new Random(options.seed ?? 1);
  // Its own stream (a scrambled seed), so titles and tastes are not drawn from the same numbers.
  const tastes = latentTasteRatings({
    users,
    items: movies,
    ratings,
    seed: ((options.seed ?? 1) ^ 0x5f3759df) >>> 0,
    genres: movielensGenres.length,
  });
  await mkdir(outDir, { recursive: true });
  const written: GeneratedFile[] = [];
  const done = async (file: string, writer: LineWriter) => {
    await writer.close();
    written.push({ file, rows: writer.lines - 1 });
  };

  let out = new LineWriter(join(outDir, 'movies.csv'));
  await out.line('movieId,title,genres');
  for (let m = 1; m <= movies; m += 1) {
    const listed = (tastes.itemGenres[m - 1] ?? []).map(
      (genre) => movielensGenres[genre] ?? 'Drama',
    );
    const genres = random.next() < 0.97 ? listed.join('|') : '(no genres listed)';
    await out.line(
      `${movieIdOf(m)},${csv(movielensTitle(titleName(random), random.int(1920, 2024)))},${genres}`,
    );
  }
  await done('movies.csv', out);

  out = new LineWriter(join(outDir, 'links.csv'));
  await out.line('movieId,imdbId,tmdbId');
  for (let m = 1; m <= movies; m += 1) {
    await out.line(
      `${movieIdOf(m)},${tconstOf(m).slice(2)},${random.next() < 0.99 ? GENERATED_ID_BASE + m : ''}`,
    );
  }
  await done('links.csv', out);

  out = new LineWriter(join(outDir, 'ratings.csv'));
  await out.line('userId,movieId,rating,timestamp');
  let u = 0;
  for (const watched of tastes.users()) {
    u += 1;
    for (const { item, rating, at } of [...watched].sort((x, y) => x.item - y.item)) {
      await out.line(`${userIdOf(u)},${movieIdOf(item + 1)},${rating.toFixed(1)},${at}`);
    }
  }
  await done('ratings.csv', out);

  out = new LineWriter(join(outDir, 'tags.csv'));
  await out.line('userId,movieId,tag,timestamp');
  const tags = [
    'atmospheric',
    'twist ending',
    'based on a book',
    'funny, dark',
    'slow "burn"',
    'visually stunning',
  ];
  // One row per user, film and tag, as in the real file (its key): a repeat is drawn again, a
  // bounded number of times, so a tiny catalogue may get fewer tags than asked.
  const given = new Set<string>();
  for (
    let i = 0, draws = 0;
    i < Math.ceil(ratings / 50) && draws < Math.ceil(ratings / 50) * 20;
    draws += 1
  ) {
    const [user, movie, tag] = [
      random.int(1, users),
      1 + random.skewed(movies, 2.2),
      random.pick(tags),
    ];
    const key = `${user}:${movie}:${tag}`;
    if (given.has(key)) continue;
    given.add(key);
    i += 1;
    await out.line(
      `${userIdOf(user)},${movieIdOf(movie)},${csv(tag)},${1_500_000_000 + random.int(0, 100_000_000)}`,
    );
  }
  await done('tags.csv', out);
  return written;
}
