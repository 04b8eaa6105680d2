import { bulkUpsert, type BulkColumn, type BulkResult, type Database } from '@marquee/db';
import type { DocumentStore } from '@marquee/documents';
import { keywordsOf, movieDocuments } from './movieDocumentStore.ts';

/** A title from IMDb's `title.basics`; its id is the tconst. */
export interface ImportedTitle {
  line: number;
  id: string;
  kind: string;
  title: string;
  originalTitle: string | null;
  year: number | null;
  runtimeMinutes: number | null;
  genres: readonly string[];
}

/** A MovieLens film: `id` is the tconst when links.csv names one, else `ml<movieId>`. */
export interface ImportedMovielensMovie {
  line: number;
  id: string;
  title: string;
  year: number | null;
  genres: readonly string[];
  movielensId: string;
}

/** Bulk writes into the movies subgraph's tables, for `marquee ingest` (COPY into staging, then upsert). */
export interface MovieImportStore {
  /** IMDb is authoritative for what it describes: its values overwrite (a missing year or genres list keeps the stored one). */
  upsertTitles(rows: readonly ImportedTitle[]): Promise<BulkResult>;
  /**
   * `title.ratings`: the outside rating (average, vote count), and numVotes as the popularity
   * signal; ratings of unknown titles are rejected.
   */
  setRatings(rows: readonly { line: number; id: string; averageRating: number; numVotes: number }[]): Promise<BulkResult>;
  /** MovieLens fills what is missing (an IMDb title keeps its own title, year and genres) and adds its id. */
  upsertMovielensMovies(rows: readonly ImportedMovielensMovie[]): Promise<BulkResult>;
  /** `links.csv`: IMDb and TMDB ids of films already written from `movies.csv` (matched by MovieLens id). */
  setExternalIds(rows: readonly { line: number; movielensId: string; imdbId: string | null; tmdbId: string | null }[]): Promise<BulkResult>;
  /** MovieLens id → Marquee id of every film written from MovieLens (bounded by the catalogue, not the ratings). */
  idsByMovielensId(): Promise<Map<string, string>>;
  /**
   * Each film's most used MovieLens tags, into its document (`movielensTags`; curated keywords are
   * kept). Returns every film's keywords afterwards, curated first (`keywordsOf`), in input order.
   * Two document round trips per 500 films.
   */
  setMovielensTags(rows: readonly { movieId: string; tags: readonly string[] }[]): Promise<string[][]>;
}

const titleColumns: BulkColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'original_title', type: 'text' },
  // A MovieLens year or genres list survives an IMDb row that has none.
  { name: 'year', type: 'integer', onConflict: 'overwriteNonNull' },
  { name: 'runtime_minutes', type: 'integer' },
  { name: 'genres', type: 'text[]', onConflict: 'overwriteNonNull' },
  { name: 'imdb_id', type: 'text' },
];

const movielensColumns: BulkColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'kind', type: 'text', onConflict: 'insertOnly' },
  { name: 'title', type: 'text', onConflict: 'insertOnly' },
  { name: 'year', type: 'integer', onConflict: 'fillMissing' },
  { name: 'genres', type: 'text[]', onConflict: 'fillMissing' },
  { name: 'movielens_id', type: 'text' },
];

export function createMovieImportStore(db: Database, documents: DocumentStore): MovieImportStore {
  const table = 'movies.movie';
  const docs = movieDocuments(documents);
  return {
    upsertTitles: (rows) =>
      bulkUpsert(db.sql, { table, key: ['id'], columns: titleColumns, touch: 'updated_at' }, rows.map((row) => ({
        line: row.line,
        values: [row.id, row.kind, row.title, row.originalTitle, row.year, row.runtimeMinutes, row.genres, row.id],
      }))),
    setRatings: (rows) =>
      bulkUpsert(
        db.sql,
        {
          table,
          key: ['id'],
          columns: [
            { name: 'id', type: 'text' },
            { name: 'average_rating', type: 'real' },
            { name: 'rating_count', type: 'integer' },
            { name: 'popularity', type: 'double precision' },
          ],
          touch: 'updated_at',
          updateOnly: { reason: 'unknown title (not in title.basics)' },
        },
        rows.map((row) => ({ line: row.line, values: [row.id, row.averageRating, row.numVotes, row.numVotes] })),
      ),
    upsertMovielensMovies: (rows) =>
      bulkUpsert(db.sql, { table, key: ['id'], columns: movielensColumns, touch: 'updated_at' }, rows.map((row) => ({
        line: row.line,
        values: [row.id, 'movie', row.title, row.year, row.genres, row.movielensId],
      }))),
    setExternalIds: (rows) =>
      bulkUpsert(
        db.sql,
        {
          table,
          key: ['movielens_id'],
          columns: [
            { name: 'movielens_id', type: 'text' },
            { name: 'imdb_id', type: 'text', onConflict: 'fillMissing' },
            { name: 'tmdb_id', type: 'text' },
          ],
          touch: 'updated_at',
          updateOnly: { reason: 'unknown movieId (not in movies.csv)' },
        },
        rows.map((row) => ({ line: row.line, values: [row.movielensId, row.imdbId, row.tmdbId] })),
      ),
    async idsByMovielensId() {
      const rows = await db.sql.query<{ movielens_id: string; id: string }>(
        'SELECT movielens_id, id FROM movies.movie WHERE movielens_id IS NOT NULL',
      );
      return new Map(rows.map((row) => [row.movielens_id, row.id]));
    },
    async setMovielensTags(rows) {
      await docs.mergeMany(rows.map((row) => ({ id: row.movieId, fields: { movielensTags: [...row.tags] } })));
      const stored = await docs.getMany(rows.map((row) => row.movieId));
      return stored.map(keywordsOf);
    },
  };
}
