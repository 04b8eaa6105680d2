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
  /** `movie`, or `video` / `tvMovie` for ml-100k's "(V)" / "(TV)" titles; set when the film is created. */
  kind: string;
  title: string;
  /** MovieLens's parenthesised alternate title, kept as the original title when the film has none. */
  alternateTitle: string | null;
  year: number | null;
  genres: readonly string[];
  movielensId: string;
}

/** Parts of rows not stored because another film holds the same external id. */
export interface ExternalIdConflict {
  line: number;
  reason: string;
}

/** Bulk writes into the movies subgraph's tables, for `marquee ingest` (COPY into staging, then upsert). */
export interface MovieImportStore {
  /**
   * IMDb is authoritative for what it describes: its values overwrite (a missing year or genres
   * list keeps the stored one). A tconst that is already another film's `imdbId` (a MovieLens film
   * stored under its own id before IMDb named it) is stored without `imdbId`, as a conflict.
   */
  upsertTitles(
    rows: readonly ImportedTitle[],
  ): Promise<BulkResult & { conflicts: ExternalIdConflict[] }>;
  /**
   * `title.ratings`: the outside rating (average, vote count), and numVotes as the popularity
   * signal; ratings of unknown titles are rejected.
   */
  setRatings(
    rows: readonly { line: number; id: string; averageRating: number; numVotes: number }[],
  ): Promise<BulkResult>;
  /** MovieLens fills what is missing (an IMDb title keeps its own title, year and genres) and adds its id. */
  upsertMovielensMovies(rows: readonly ImportedMovielensMovie[]): Promise<BulkResult>;
  /**
   * `links.csv`: IMDb and TMDB ids of films already written from `movies.csv` (matched by
   * MovieLens id). An id another film already holds (ml-latest-small links movieIds 6003 and
   * 144606 to one TMDB id), or that an earlier row of the same call claims, is not stored for this
   * film: the first holder keeps it and the row's other id is still written. One call at a time.
   */
  setExternalIds(
    rows: readonly {
      line: number;
      movielensId: string;
      imdbId: string | null;
      tmdbId: string | null;
    }[],
  ): Promise<BulkResult & { conflicts: ExternalIdConflict[] }>;
  /** MovieLens id → Marquee id of every film written from MovieLens (bounded by the catalogue, not the ratings). */
  idsByMovielensId(): Promise<Map<string, string>>;
  /**
   * Each film's most used MovieLens tags, into its document (`movielensTags`; curated keywords are
   * kept). Returns every film's keywords afterwards, curated first (`keywordsOf`), in input order.
   * Two document round trips per 500 films.
   */
  setMovielensTags(
    rows: readonly { movieId: string; tags: readonly string[] }[],
  ): Promise<string[][]>;
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
  { name: 'original_title', type: 'text', onConflict: 'fillMissing' },
  { name: 'year', type: 'integer', onConflict: 'fillMissing' },
  { name: 'genres', type: 'text[]', onConflict: 'fillMissing' },
  { name: 'movielens_id', type: 'text' },
];

type Holder = {
  id: string;
  movielens_id: string | null;
  imdb_id: string | null;
  tmdb_id: string | null;
};

const describe = (holder: Holder) =>
  holder.movielens_id === null
    ? `film ${holder.id}`
    : `film ${holder.id} (MovieLens movieId ${holder.movielens_id})`;

export function createMovieImportStore(db: Database, documents: DocumentStore): MovieImportStore {
  const table = 'movies.movie';
  const docs = movieDocuments(documents);
  // links.csv batches one at a time: two batches checking the same id at once would both find it free.
  let linksTurn: Promise<unknown> = Promise.resolve();
  return {
    async upsertTitles(rows) {
      // Films whose imdb_id is a tconst other than their own id: MovieLens films stored as ml<id>.
      const taken = await db.sql.query<Holder>(
        'SELECT id, movielens_id, imdb_id, tmdb_id FROM movies.movie WHERE imdb_id = ANY($1::text[]) AND id <> imdb_id',
        [rows.map((row) => row.id)],
      );
      const holderOf = new Map(taken.map((holder) => [holder.imdb_id ?? '', holder]));
      const conflicts: ExternalIdConflict[] = [];
      const result = await bulkUpsert(
        db.sql,
        { table, key: ['id'], columns: titleColumns, touch: 'updated_at' },
        rows.map((row) => {
          const holder = holderOf.get(row.id);
          if (holder !== undefined)
            conflicts.push({
              line: row.line,
              reason: `imdbId ${row.id} is already ${describe(holder)}: ${row.id} stored without it`,
            });
          return {
            line: row.line,
            values: [
              row.id,
              row.kind,
              row.title,
              row.originalTitle,
              row.year,
              row.runtimeMinutes,
              row.genres,
              holder === undefined ? row.id : null,
            ],
          };
        }),
      );
      return { ...result, conflicts };
    },
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
        rows.map((row) => ({
          line: row.line,
          values: [row.id, row.averageRating, row.numVotes, row.numVotes],
        })),
      ),
    upsertMovielensMovies: (rows) =>
      bulkUpsert(
        db.sql,
        { table, key: ['id'], columns: movielensColumns, touch: 'updated_at' },
        rows.map((row) => ({
          line: row.line,
          values: [
            row.id,
            row.kind,
            row.title,
            row.alternateTitle === row.title ? null : row.alternateTitle,
            row.year,
            row.genres,
            row.movielensId,
          ],
        })),
      ),
    setExternalIds(rows) {
      const write = async () => {
        const imdbIds = rows.flatMap((row) => (row.imdbId === null ? [] : [row.imdbId]));
        const linked = new Set(imdbIds);
        const holders = await db.sql.query<Holder>(
          `SELECT id, movielens_id, imdb_id, tmdb_id FROM movies.movie
            WHERE imdb_id = ANY($1::text[]) OR id = ANY($1::text[]) OR tmdb_id = ANY($2::text[]) OR movielens_id = ANY($3::text[])`,
          [
            imdbIds,
            rows.flatMap((row) => (row.tmdbId === null ? [] : [row.tmdbId])),
            rows.map((row) => row.movielensId),
          ],
        );
        const filmOf = new Map<string, string>();
        const imdbOfFilm = new Map<string, string>();
        const imdbHolder = new Map<string, Holder>();
        const tmdbHolder = new Map<string, Holder>();
        for (const holder of holders) {
          if (holder.movielens_id !== null) filmOf.set(holder.movielens_id, holder.id);
          if (holder.imdb_id !== null) imdbOfFilm.set(holder.id, holder.imdb_id);
          // A film whose id is a tconst will take that tconst as its imdbId when IMDb loads it.
          if (linked.has(holder.id)) imdbHolder.set(holder.id, holder);
          if (holder.imdb_id !== null) imdbHolder.set(holder.imdb_id, holder);
          if (holder.tmdb_id !== null) tmdbHolder.set(holder.tmdb_id, holder);
        }
        const conflicts: ExternalIdConflict[] = [];
        const claim = (
          claims: Map<string, Holder>,
          name: string,
          value: string | null,
          row: { line: number; movielensId: string },
        ): string | null => {
          if (value === null) return null;
          const film = filmOf.get(row.movielensId);
          if (film === undefined) return value;
          const own = name === 'imdbId' ? imdbOfFilm.get(film) : undefined;
          if (own !== undefined && own !== value) {
            // The film is already another IMDb title (a MovieLens id merged into an existing film).
            conflicts.push({
              line: row.line,
              reason: `movieId ${row.movielensId} is film ${film}, whose imdbId is ${own}: imdbId ${value} not stored`,
            });
            return null;
          }
          const holder = claims.get(value);
          if (holder !== undefined && holder.id !== film) {
            conflicts.push({
              line: row.line,
              reason: `${name} ${value} is already ${describe(holder)}: not stored for movieId ${row.movielensId}`,
            });
            return null;
          }
          // Later rows of this call see the claim.
          claims.set(value, {
            id: film,
            movielens_id: row.movielensId,
            imdb_id: null,
            tmdb_id: null,
          });
          return value;
        };
        const staged = rows.map((row) => ({
          line: row.line,
          values: [
            row.movielensId,
            claim(imdbHolder, 'imdbId', row.imdbId, row),
            claim(tmdbHolder, 'tmdbId', row.tmdbId, row),
          ],
        }));
        const result = await bulkUpsert(
          db.sql,
          {
            table,
            key: ['movielens_id'],
            columns: [
              { name: 'movielens_id', type: 'text' },
              { name: 'imdb_id', type: 'text', onConflict: 'fillMissing' },
              // A conflict stores null: it must not erase the film's own TMDB id.
              { name: 'tmdb_id', type: 'text', onConflict: 'overwriteNonNull' },
            ],
            touch: 'updated_at',
            updateOnly: { reason: 'unknown movieId (not in movies.csv)' },
          },
          staged,
        );
        return { ...result, conflicts };
      };
      const done = linksTurn.then(write);
      linksTurn = done.catch(() => undefined);
      return done;
    },
    async idsByMovielensId() {
      const rows = await db.sql.query<{ movielens_id: string; id: string }>(
        'SELECT movielens_id, id FROM movies.movie WHERE movielens_id IS NOT NULL',
      );
      return new Map(rows.map((row) => [row.movielens_id, row.id]));
    },
    async setMovielensTags(rows) {
      await docs.mergeMany(
        rows.map((row) => ({ id: row.movieId, fields: { movielensTags: [...row.tags] } })),
      );
      const stored = await docs.getMany(rows.map((row) => row.movieId));
      return stored.map(keywordsOf);
    },
  };
}
