import { resolve } from 'node:path';
import { recoverInterruptedBulkLoad, type BulkResult, type Database } from '@marquee/db';
import { findFile, importStores, IngestError, rejectsWriter, type ImportStores, type IngestOptions } from './context.ts';
import {
  movielensHeaders,
  parseLinksCsv,
  parseMoviesCsv,
  parseRatingsCsv,
  parseTagsCsv,
  parseUData,
  parseUItem,
  parseUUser,
  splitCsv,
  type ParsedMovielensMovie,
  type ParsedRating,
  type ParsedTag,
} from './movielensParsers.ts';
import type { Progress } from './progress.ts';
import type { RejectsWriter } from './rejects.ts';
import { countsOf, outcomeOf, runFile, type BatchOutcome, type Parsed } from './runFile.ts';
import { addCounts, type FileSummary, type IngestSummary, type WriteCounts } from './summary.ts';

/** How one MovieLens release names its films and users in Marquee. */
interface Release {
  /** Marquee movie id of a film without an IMDb link. */
  movieId(movielensId: string): string;
  /** What goes in `movie.movielens_id` (unique across releases). */
  movielensId(movielensId: string): string;
  /** Username (and id) of a MovieLens user: `movielens:<userId>`, which sign-up can never produce. */
  user(userId: string): string;
}

const latest: Release = {
  movieId: (id) => `ml${id}`,
  movielensId: (id) => id,
  user: (id) => `movielens:${id}`,
};

/** ml-100k numbers its films and users independently of the later releases: its ids get their own space. */
const ml100k: Release = {
  movieId: (id) => `ml100k-${id}`,
  movielensId: (id) => `100k:${id}`,
  user: (id) => `movielens:100k-${id}`,
};

interface Run {
  stores: ImportStores;
  context: { progress: Progress; rejects: RejectsWriter };
  batchSize?: number;
}

/**
 * Loads a MovieLens directory: the ml-latest / ml-25m layout (`links.csv`, `movies.csv`,
 * `ratings.csv`) or ml-100k (`u.item`, `u.user`, `u.data`). A film with an IMDb link gets the
 * tconst as its id, so it is the same Movie an IMDb load writes. `tags.csv` (after ratings.csv)
 * fills reviews.tag, and each tagged film's most used tags become its keywords.
 */
export async function ingestMovielens(dir: string, db: Database, options: IngestOptions): Promise<IngestSummary> {
  const startedAt = performance.now();
  if (options.bulk === 'on') throw new IngestError('--bulk on applies to IMDb files; MovieLens files always load incrementally.');
  // Before anything else: finish what an interrupted bulk load left undone.
  await recoverInterruptedBulkLoad(db.sql);
  const rejects = rejectsWriter(dir, options);
  const run: Run = {
    stores: importStores(db, options),
    context: { progress: options.progress, rejects },
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  };
  try {
    const uData = await findFile(dir, ['u.data']);
    const files = uData === undefined ? await ingestLatest(dir, run) : await ingest100k(dir, uData, run);
    return { source: 'movielens', mode: 'incremental', dir: resolve(dir), files, seconds: (performance.now() - startedAt) / 1000 };
  } finally {
    await rejects.close();
  }
}

async function ingestLatest(dir: string, run: Run): Promise<FileSummary[]> {
  const [links, movies, ratings, tags] = await Promise.all(['links.csv', 'movies.csv', 'ratings.csv', 'tags.csv'].map((name) => findFile(dir, [name])));
  if (movies === undefined && ratings === undefined) {
    throw new IngestError(`No MovieLens files in ${dir}: expected movies.csv, links.csv, ratings.csv, tags.csv (ml-latest, ml-25m) or u.item, u.data (ml-100k).`);
  }
  const batch = run.batchSize === undefined ? {} : { batchSize: run.batchSize };
  const files: FileSummary[] = [];
  // A lookup pass first: each film's id depends on its IMDb link (bounded by the number of films).
  const tconstOf = new Map<string, string>();
  if (links !== undefined) {
    await runFile(
      {
        path: links,
        header: movielensHeaders['links.csv'],
        split: splitCsv,
        parse: parseLinksCsv,
        collect: ({ value }) => {
          if (value.imdbId !== null) tconstOf.set(value.movielensId, value.imdbId);
        },
      },
      { progress: run.context.progress },
    );
  }
  if (movies !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: movies,
          header: movielensHeaders['movies.csv'],
          split: splitCsv,
          parse: parseMoviesCsv,
          write: (rows) => writeMovies(run.stores, rows, (id) => tconstOf.get(id) ?? latest.movieId(id), latest),
        },
        run.context,
      ),
    );
  }
  if (links !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: links,
          header: movielensHeaders['links.csv'],
          split: splitCsv,
          parse: parseLinksCsv,
          write: async (rows) => outcomeOf(await run.stores.movies.setExternalIds(rows.map(({ line, value }) => ({ line, ...value })))),
        },
        run.context,
      ),
    );
  }
  const ids = ratings === undefined && tags === undefined ? new Map<string, string>() : await run.stores.movies.idsByMovielensId();
  if (ratings !== undefined) {
    files.push(
      await runFile(
        { ...batch, path: ratings, header: movielensHeaders['ratings.csv'], split: splitCsv, parse: parseRatingsCsv, write: (rows) => writeRatings(run.stores, rows, ids, latest) },
        run.context,
      ),
    );
  }
  if (tags !== undefined) {
    const tagged = new Set<string>();
    const summary = await runFile(
      { ...batch, path: tags, header: movielensHeaders['tags.csv'], split: splitCsv, parse: parseTagsCsv, write: (rows) => writeTags(run.stores, rows, ids, tagged) },
      run.context,
    );
    summary.also.keywords = await writeTagKeywords(run.stores, tagged);
    files.push(summary);
  }
  return files;
}

async function ingest100k(dir: string, uData: string, run: Run): Promise<FileSummary[]> {
  const [uItem, uUser] = await Promise.all([findFile(dir, ['u.item']), findFile(dir, ['u.user'])]);
  const batch = run.batchSize === undefined ? {} : { batchSize: run.batchSize };
  const splitBar = (text: string) => text.split('|');
  const files: FileSummary[] = [];
  if (uItem !== undefined) {
    files.push(
      await runFile(
        { ...batch, path: uItem, encoding: 'latin1', split: splitBar, parse: parseUItem, write: (rows) => writeMovies(run.stores, rows, (id) => ml100k.movieId(id), ml100k) },
        run.context,
      ),
    );
  }
  if (uUser !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: uUser,
          encoding: 'latin1',
          split: splitBar,
          parse: parseUUser,
          write: async (rows) =>
            outcomeOf(
              await run.stores.users.upsertUsers(
                rows.map(({ line, value }) => ({ line, id: ml100k.user(value.userId), username: ml100k.user(value.userId), displayName: `MovieLens user ${value.userId}` })),
              ),
            ),
        },
        run.context,
      ),
    );
  }
  const ids = await run.stores.movies.idsByMovielensId();
  files.push(
    await runFile({ ...batch, path: uData, encoding: 'latin1', split: (text) => text.split('\t'), parse: parseUData, write: (rows) => writeRatings(run.stores, rows, ids, ml100k) }, run.context),
  );
  return files;
}

/** MovieLens fills what IMDb left empty; its genres and year also feed the recommender's item features. */
async function writeMovies(stores: ImportStores, rows: Parsed<ParsedMovielensMovie>[], idOf: (movielensId: string) => string, release: Release): Promise<BatchOutcome> {
  const movies = rows.map(({ line, value }) => ({
    line,
    id: idOf(value.movielensId),
    title: value.title,
    year: value.year,
    genres: value.genres,
    movielensId: release.movielensId(value.movielensId),
  }));
  const outcome = outcomeOf(await stores.movies.upsertMovielensMovies(movies));
  const items = await stores.interactions.upsertItems(
    movies.map(({ line, id, title, genres, year }) => ({ line, movieId: id, title, genres, year })),
    'fillMissing',
  );
  return { ...outcome, also: { itemFeatures: countsOf(items) } };
}

/** MovieLens users (by id, with the line that named each first). */
function upsertRaters(stores: ImportStores, users: ReadonlyMap<string, number>): Promise<BulkResult> {
  return stores.users.upsertUsers([...users].map(([id, line]) => ({ line, id, username: id, displayName: `MovieLens user ${id.slice(id.indexOf(':') + 1)}` })));
}

/**
 * Tags of films the load does not know are rejected, like ratings; taggers become users. The
 * films tagged are remembered (bounded by the catalogue) for their keywords afterwards.
 */
async function writeTags(stores: ImportStores, rows: Parsed<ParsedTag>[], ids: Map<string, string>, tagged: Set<string>): Promise<BatchOutcome> {
  const rejected: { line: number; reason: string }[] = [];
  const tags = [];
  const users = new Map<string, number>();
  for (const { line, value } of rows) {
    const movieId = ids.get(latest.movielensId(value.movielensId));
    if (movieId === undefined) {
      rejected.push({ line, reason: `unknown movieId ${value.movielensId} (not in the films file)` });
      continue;
    }
    const userId = latest.user(value.userId);
    if (!users.has(userId)) users.set(userId, line);
    tagged.add(movieId);
    tags.push({ line, userId, movieId, tag: value.tag, at: value.at });
  }
  const userResult = await upsertRaters(stores, users);
  const outcome = outcomeOf(await stores.ratings.upsertTags(tags));
  return { ...outcome, rejected: [...rejected, ...outcome.rejected], also: { users: countsOf(userResult) } };
}

/** Keywords per film taken from its tags: enough to describe it, few enough to stay specific. */
export const KEYWORDS_PER_FILM = 10;
const keywordBatch = 500;

/**
 * After tags.csv: each tagged film's most used tags (over every tag stored, not only this run's)
 * go into its movie document, and its keywords (curated first, then tags) into the recommender's
 * item features, which "more like this" and cold start match on. Returns the item-feature writes.
 */
async function writeTagKeywords(stores: ImportStores, tagged: Set<string>): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const films = [...tagged];
  for (let start = 0; start < films.length; start += keywordBatch) {
    const batch = films.slice(start, start + keywordBatch);
    const tags = await stores.ratings.topTags(batch, KEYWORDS_PER_FILM);
    const keywords = await stores.movies.setMovielensTags(batch.map((movieId, index) => ({ movieId, tags: tags[index] ?? [] })));
    const result = await stores.interactions.setKeywords(batch.map((movieId, index) => ({ line: start + index, movieId, keywords: keywords[index] ?? [] })));
    addCounts(counts, countsOf(result));
  }
  return counts;
}

/**
 * Ratings of films the load does not know are rejected; the raters become users (no password,
 * cannot log in); each rating goes to the reviews store and, as an interaction, to the recommender.
 */
async function writeRatings(stores: ImportStores, rows: Parsed<ParsedRating>[], ids: Map<string, string>, release: Release): Promise<BatchOutcome> {
  const rejected: { line: number; reason: string }[] = [];
  const ratings = [];
  const users = new Map<string, number>();
  for (const { line, value } of rows) {
    const movieId = ids.get(release.movielensId(value.movielensId));
    if (movieId === undefined) {
      rejected.push({ line, reason: `unknown movieId ${value.movielensId} (not in the films file)` });
      continue;
    }
    const userId = release.user(value.userId);
    if (!users.has(userId)) users.set(userId, line);
    ratings.push({ line, userId, movieId, rating: value.rating, at: value.at });
  }
  const userResult = await upsertRaters(stores, users);
  const outcome = outcomeOf(await stores.ratings.upsertRatings(ratings));
  const interactions = await stores.interactions.upsertInteractions(ratings);
  return {
    ...outcome,
    rejected: [...rejected, ...outcome.rejected],
    also: { users: countsOf(userResult), interactions: countsOf(interactions) },
  };
}
