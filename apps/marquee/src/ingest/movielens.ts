import { resolve } from 'node:path';
import { recoverInterruptedBulkLoad, type BulkResult, type Database } from '@marquee/db';
import {
  findFile,
  importStores,
  IngestError,
  rejectsWriter,
  type ImportStores,
  type IngestOptions,
} from './context.ts';
import { sniffEncoding } from './lines.ts';
import {
  movielensHeaders,
  parseLinksCsv,
  parseMoviesCsv,
  parseMoviesDat,
  parseRatingsCsv,
  parseRatingsDat,
  parseTagsCsv,
  parseTagsDat,
  parseUData,
  parseUItem,
  parseUsersDat,
  parseUUser,
  splitCsv,
  splitDat,
  type ParsedMovielensMovie,
  type ParsedRating,
  type ParsedTag,
} from './movielensParsers.ts';
import { silentProgress, type Progress } from './progress.ts';
import { RejectedKeys } from './rejectedKeys.ts';
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

/**
 * ml-1m and ml-10m number their films as the later releases do (movieId 1 is Toy Story in all of
 * them), so their films are the same Movies; their users are other people than ml-latest's user
 * of the same number, so each release's users get their own space.
 */
const datRelease = (name: '1m' | '10m'): Release => ({
  movieId: (id) => `ml${id}`,
  movielensId: (id) => id,
  user: (id) => `movielens:${name}-${id}`,
});

interface Run {
  stores: ImportStores;
  context: { progress: Progress; rejects: RejectsWriter };
  batchSize?: number;
  /** Users written in this run: each is upserted once, so the counts are of users, not of batches. */
  users: Set<string>;
  /** Films whose line in the films file was rejected, for the reason of their ratings' and tags' rejects. */
  rejectedFilms?: RejectedKeys;
}

/** A films file's rejected lines, by the movieId they would have written. */
function watchFilms(run: Run, file: string): RejectedKeys {
  run.rejectedFilms = new RejectedKeys(file, (fields) =>
    /^\d+$/.test(fields[0] ?? '') ? fields[0] : undefined,
  );
  return run.rejectedFilms;
}

/** Why a rating or tag of `movielensId` has no film. */
function unknownFilm(run: Run, movielensId: string): string {
  const root = run.rejectedFilms?.rootCause(movielensId);
  return root === undefined
    ? `unknown movieId ${movielensId} (not in the films file)`
    : `unknown movieId ${movielensId}: ${root}`;
}

/**
 * Which Marquee film each MovieLens film is: a film already stored under its MovieLens id stays
 * that film (merged, first come); otherwise the tconst its links.csv row names, unless another
 * MovieLens film already holds that tconst (then it gets its own id and the conflict is reported
 * on its line); otherwise the release's own id. Filled as films are written, so within a run the
 * first of two films linked to one tconst keeps it. Bounded by the catalogue.
 */
class FilmIds {
  private readonly byMovielensId: Map<string, string>;
  private readonly movielensIdOf = new Map<string, string>();

  constructor(stored: Map<string, string>) {
    this.byMovielensId = stored;
    for (const [movielensId, id] of stored) this.movielensIdOf.set(id, movielensId);
  }

  /** The film id for a MovieLens film, and why it is not its linked tconst when that is taken. */
  assign(
    release: Release,
    movielensId: string,
    tconst: string | undefined,
  ): { id: string; conflict?: string } {
    const key = release.movielensId(movielensId);
    const stored = this.byMovielensId.get(key);
    if (stored !== undefined) return { id: stored };
    let id = tconst ?? release.movieId(movielensId);
    let conflict: string | undefined;
    const holder = this.movielensIdOf.get(id);
    if (holder !== undefined && holder !== key) {
      conflict = `imdbId ${id} (links.csv) is already the film of MovieLens movieId ${holder}: stored as its own film ${release.movieId(movielensId)}`;
      id = release.movieId(movielensId);
    }
    this.byMovielensId.set(key, id);
    this.movielensIdOf.set(id, key);
    return conflict === undefined ? { id } : { id, conflict };
  }

  get ids(): Map<string, string> {
    return this.byMovielensId;
  }
}

/**
 * Loads a MovieLens directory: the ml-latest / ml-25m layout (`links.csv`, `movies.csv`,
 * `ratings.csv`) or ml-100k (`u.item`, `u.user`, `u.data`). A film with an IMDb link gets the
 * tconst as its id, so it is the same Movie an IMDb load writes. `tags.csv` (after ratings.csv)
 * fills reviews.tag, and each tagged film's most used tags become its keywords.
 */
export async function ingestMovielens(
  dir: string,
  db: Database,
  options: IngestOptions,
): Promise<IngestSummary> {
  const startedAt = performance.now();
  if (options.bulk === 'on')
    throw new IngestError(
      '--bulk on applies to IMDb files; MovieLens files always load incrementally.',
    );
  // Before anything else: finish what an interrupted bulk load left undone.
  await recoverInterruptedBulkLoad(db.sql);
  const rejects = rejectsWriter(dir, options);
  const run: Run = {
    stores: importStores(db, options),
    context: { progress: options.progress, rejects },
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    users: new Set(),
  };
  try {
    const [uData, moviesDat, ratingsDat] = await Promise.all([
      findFile(dir, ['u.data']),
      findFile(dir, ['movies.dat']),
      findFile(dir, ['ratings.dat']),
    ]);
    const files =
      uData !== undefined
        ? await ingest100k(dir, uData, run)
        : moviesDat !== undefined || ratingsDat !== undefined
          ? await ingestDat(dir, run)
          : await ingestLatest(dir, run);
    return {
      source: 'movielens',
      mode: 'incremental',
      dir: resolve(dir),
      files,
      seconds: (performance.now() - startedAt) / 1000,
    };
  } finally {
    await rejects.close();
  }
}

async function ingestLatest(dir: string, run: Run): Promise<FileSummary[]> {
  const [links, movies, ratings, tags] = await Promise.all(
    ['links.csv', 'movies.csv', 'ratings.csv', 'tags.csv'].map((name) => findFile(dir, [name])),
  );
  if (movies === undefined && ratings === undefined) {
    throw new IngestError(
      `No MovieLens files in ${dir}: expected movies.csv, links.csv, ratings.csv, tags.csv (ml-latest, ml-25m), movies.dat, ratings.dat (ml-1m, ml-10m) or u.item, u.data (ml-100k).`,
    );
  }
  const batch = run.batchSize === undefined ? {} : { batchSize: run.batchSize };
  const files: FileSummary[] = [];
  // A lookup pass first, without progress of its own (the file is listed once, when it is
  // written): each film's id depends on its IMDb link (bounded by the number of films).
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
      { progress: silentProgress },
    );
  }
  const films = new FilmIds(await run.stores.movies.idsByMovielensId());
  if (movies !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: movies,
          header: movielensHeaders['movies.csv'],
          split: splitCsv,
          parse: watchFilms(run, 'movies.csv').watch<ParsedMovielensMovie>(parseMoviesCsv),
          write: (rows) => writeMovies(run.stores, rows, films, latest, tconstOf),
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
          write: async (rows) => {
            const result = await run.stores.movies.setExternalIds(
              rows.map(({ line, value }) => ({ line, ...value })),
            );
            return { ...outcomeOf(result), dropped: result.conflicts };
          },
        },
        run.context,
      ),
    );
  }
  const ids = films.ids;
  if (ratings !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: ratings,
          header: movielensHeaders['ratings.csv'],
          split: splitCsv,
          parse: parseRatingsCsv,
          write: (rows) => writeRatings(run, rows, ids, latest),
        },
        run.context,
      ),
    );
  }
  if (tags !== undefined) {
    const tagged = new Set<string>();
    const summary = await runFile(
      {
        ...batch,
        path: tags,
        header: movielensHeaders['tags.csv'],
        split: splitCsv,
        parse: parseTagsCsv,
        write: (rows) => writeTags(run, rows, ids, tagged, latest),
      },
      run.context,
    );
    summary.also.keywords = await writeTagKeywords(run.stores, tagged);
    files.push(summary);
  }
  return files;
}

/**
 * ml-1m (movies.dat, users.dat, ratings.dat; ISO-8859-1) and ml-10m (movies.dat, ratings.dat,
 * tags.dat; UTF-8): `::`-separated, no header. users.dat is what tells ml-1m from ml-10m. Each
 * file's encoding is taken from its bytes (see `sniffEncoding`).
 */
async function ingestDat(dir: string, run: Run): Promise<FileSummary[]> {
  const [movies, users, ratings, tags] = await Promise.all(
    ['movies.dat', 'users.dat', 'ratings.dat', 'tags.dat'].map((name) => findFile(dir, [name])),
  );
  const release = datRelease(users === undefined ? '10m' : '1m');
  const batch = run.batchSize === undefined ? {} : { batchSize: run.batchSize };
  const files: FileSummary[] = [];
  const films = new FilmIds(await run.stores.movies.idsByMovielensId());
  if (movies !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: movies,
          encoding: await sniffEncoding(movies),
          split: splitDat,
          parse: watchFilms(run, 'movies.dat').watch<ParsedMovielensMovie>(parseMoviesDat),
          write: (rows) => writeMovies(run.stores, rows, films, release, new Map()),
        },
        run.context,
      ),
    );
  }
  if (users !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: users,
          encoding: await sniffEncoding(users),
          split: splitDat,
          parse: parseUsersDat,
          write: async (rows) =>
            outcomeOf(
              await upsertRaters(
                run,
                new Map(rows.map(({ line, value }) => [release.user(value.userId), line])),
                true,
              ),
            ),
        },
        run.context,
      ),
    );
  }
  const ids = films.ids;
  if (ratings !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: ratings,
          encoding: await sniffEncoding(ratings),
          split: splitDat,
          parse: parseRatingsDat,
          write: (rows) => writeRatings(run, rows, ids, release),
        },
        run.context,
      ),
    );
  }
  if (tags !== undefined) {
    const tagged = new Set<string>();
    const summary = await runFile(
      {
        ...batch,
        path: tags,
        encoding: await sniffEncoding(tags),
        split: splitDat,
        parse: parseTagsDat,
        write: (rows) => writeTags(run, rows, ids, tagged, release),
      },
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
  const films = new FilmIds(await run.stores.movies.idsByMovielensId());
  if (uItem !== undefined) {
    files.push(
      await runFile(
        {
          ...batch,
          path: uItem,
          encoding: 'latin1',
          split: splitBar,
          parse: watchFilms(run, 'u.item').watch<ParsedMovielensMovie>(parseUItem),
          write: (rows) => writeMovies(run.stores, rows, films, ml100k, new Map()),
        },
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
              await upsertRaters(
                run,
                new Map(rows.map(({ line, value }) => [ml100k.user(value.userId), line])),
                true,
              ),
            ),
        },
        run.context,
      ),
    );
  }
  const ids = films.ids;
  files.push(
    await runFile(
      {
        ...batch,
        path: uData,
        encoding: 'latin1',
        split: (text) => text.split('\t'),
        parse: parseUData,
        write: (rows) => writeRatings(run, rows, ids, ml100k),
      },
      run.context,
    ),
  );
  return files;
}

/**
 * MovieLens fills what IMDb left empty; its genres and year also feed the recommender's item
 * features. Ids are assigned here, in batch order, before anything is awaited.
 */
async function writeMovies(
  stores: ImportStores,
  rows: Parsed<ParsedMovielensMovie>[],
  films: FilmIds,
  release: Release,
  tconstOf: ReadonlyMap<string, string>,
): Promise<BatchOutcome> {
  const dropped: { line: number; reason: string }[] = [];
  const movies = rows.map(({ line, value }) => {
    const { id, conflict } = films.assign(
      release,
      value.movielensId,
      tconstOf.get(value.movielensId),
    );
    if (conflict !== undefined) dropped.push({ line, reason: conflict });
    return {
      line,
      id,
      kind: value.kind,
      title: value.title,
      alternateTitle: value.alternateTitle,
      year: value.year,
      genres: value.genres,
      movielensId: release.movielensId(value.movielensId),
    };
  });
  const outcome = { ...outcomeOf(await stores.movies.upsertMovielensMovies(movies)), dropped };
  const items = await stores.interactions.upsertItems(
    movies.map(({ line, id, title, genres, year }) => ({ line, movieId: id, title, genres, year })),
    'fillMissing',
  );
  return { ...outcome, also: { itemFeatures: countsOf(items) } };
}

/**
 * MovieLens users (by id, with the line that named each first), each upserted once per run: a
 * rater in many batches is one user, counted once. `all` writes every one given (users.dat,
 * u.user: one line per user, each counted).
 */
function upsertRaters(
  run: Run,
  users: ReadonlyMap<string, number>,
  all = false,
): Promise<BulkResult> {
  const fresh = [...users].filter(([id]) => all || !run.users.has(id));
  for (const [id] of fresh) run.users.add(id);
  return run.stores.users.upsertUsers(
    fresh.map(([id, line]) => ({
      line,
      id,
      username: id,
      displayName: `MovieLens user ${id.slice(id.indexOf(':') + 1)}`,
    })),
  );
}

/**
 * Tags of films the load does not know are rejected, like ratings; taggers become users. The
 * films tagged are remembered (bounded by the catalogue) for their keywords afterwards.
 */
async function writeTags(
  run: Run,
  rows: Parsed<ParsedTag>[],
  ids: Map<string, string>,
  tagged: Set<string>,
  release: Release,
): Promise<BatchOutcome> {
  const rejected: { line: number; reason: string }[] = [];
  const tags = [];
  const users = new Map<string, number>();
  for (const { line, value } of rows) {
    const movieId = ids.get(release.movielensId(value.movielensId));
    if (movieId === undefined) {
      rejected.push({ line, reason: unknownFilm(run, value.movielensId) });
      continue;
    }
    const userId = release.user(value.userId);
    if (!users.has(userId)) users.set(userId, line);
    tagged.add(movieId);
    tags.push({ line, userId, movieId, tag: value.tag, at: value.at });
  }
  const userResult = await upsertRaters(run, users);
  const outcome = outcomeOf(await run.stores.ratings.upsertTags(tags));
  return {
    ...outcome,
    rejected: [...rejected, ...outcome.rejected],
    also: { users: countsOf(userResult) },
  };
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
    const keywords = await stores.movies.setMovielensTags(
      batch.map((movieId, index) => ({ movieId, tags: tags[index] ?? [] })),
    );
    const result = await stores.interactions.setKeywords(
      batch.map((movieId, index) => ({
        line: start + index,
        movieId,
        keywords: keywords[index] ?? [],
      })),
    );
    addCounts(counts, countsOf(result));
  }
  return counts;
}

/**
 * Ratings of films the load does not know are rejected; the raters become users (no password,
 * cannot log in); each rating goes to the reviews store and, as an interaction, to the recommender.
 */
async function writeRatings(
  run: Run,
  rows: Parsed<ParsedRating>[],
  ids: Map<string, string>,
  release: Release,
): Promise<BatchOutcome> {
  const { stores } = run;
  const rejected: { line: number; reason: string }[] = [];
  const ratings = [];
  const users = new Map<string, number>();
  for (const { line, value } of rows) {
    const movieId = ids.get(release.movielensId(value.movielensId));
    if (movieId === undefined) {
      rejected.push({ line, reason: unknownFilm(run, value.movielensId) });
      continue;
    }
    const userId = release.user(value.userId);
    if (!users.has(userId)) users.set(userId, line);
    ratings.push({ line, userId, movieId, rating: value.rating, at: value.at });
  }
  const userResult = await upsertRaters(run, users);
  const outcome = outcomeOf(await stores.ratings.upsertRatings(ratings));
  const interactions = await stores.interactions.upsertInteractions(ratings);
  return {
    ...outcome,
    rejected: [...rejected, ...outcome.rejected],
    also: { users: countsOf(userResult), interactions: countsOf(interactions) },
  };
}
