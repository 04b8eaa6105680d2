import type { Database, SqlExecutor } from '@marquee/db';

export interface TitleCountRow {
  key: string;
  titles: number;
}

/** A file of an ingestion run, as `marquee ingest` summarised it. */
export interface IngestionFileRecord {
  file: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  seconds: number;
}

export interface IngestionRunRecord {
  id: number;
  source: string;
  mode: string;
  startedAt: Date;
  finishedAt: Date;
  files: IngestionFileRecord[];
}

/** The singleton `CatalogueStats` entity: its parts load lazily, per field asked for. */
export interface CatalogueStatsRecord {
  id: 'catalogue';
}

/**
 * Reads `movies.title_count` (kept by a trigger on `movie`) and `movies.ingestion_run` (written
 * by `marquee ingest` through `recordIngestionRun`): a few dozen rows whatever the catalogue's
 * size.
 */
export interface CatalogueStatsStore {
  /** `all` rows by kind, per-source rows summed over kinds, most titles first. */
  titleCounts(): Promise<{ titles: number; byKind: TitleCountRow[]; bySource: TitleCountRow[] }>;
  /** Newest first. */
  ingestionRuns(first: number): Promise<IngestionRunRecord[]>;
  /** Every recorded run's lines summed per `source/file`: loaded (read − rejected) and rejected. */
  ingestedRows(): Promise<IngestedRows[]>;
}

export interface IngestedRows {
  /** `movielens/ratings.csv`, `imdb/title.basics.tsv.gz`, … */
  source: string;
  loaded: number;
  rejected: number;
}

const bySize = (a: TitleCountRow, b: TitleCountRow) =>
  b.titles - a.titles || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function createCatalogueStatsStore(sql: SqlExecutor): CatalogueStatsStore {
  return {
    async titleCounts() {
      const rows = await sql.query<{ kind: string; source: string; titles: number }>(
        'SELECT kind, source, titles FROM movies.title_count WHERE titles > 0',
      );
      const byKind: TitleCountRow[] = [];
      const sources = new Map<string, number>();
      for (const row of rows) {
        if (row.source === 'all') byKind.push({ key: row.kind, titles: Number(row.titles) });
        else sources.set(row.source, (sources.get(row.source) ?? 0) + Number(row.titles));
      }
      return {
        titles: byKind.reduce((sum, row) => sum + row.titles, 0),
        byKind: byKind.sort(bySize),
        bySource: [...sources].map(([key, titles]) => ({ key, titles })).sort(bySize),
      };
    },
    async ingestionRuns(first) {
      const rows = await sql.query<{
        id: number;
        source: string;
        mode: string;
        started_at: Date | string;
        finished_at: Date | string;
        summary: unknown;
      }>(
        'SELECT id, source, mode, started_at, finished_at, summary FROM movies.ingestion_run ORDER BY id DESC LIMIT $1',
        [first],
      );
      return rows.map((row) => {
        const summary = (
          typeof row.summary === 'string' ? JSON.parse(row.summary) : row.summary
        ) as { files?: IngestionFileRecord[] };
        return {
          id: Number(row.id),
          source: row.source,
          mode: row.mode,
          startedAt: new Date(row.started_at),
          finishedAt: new Date(row.finished_at),
          files: (summary.files ?? []).map((file) => ({
            file: file.file,
            read: file.read,
            inserted: file.inserted,
            updated: file.updated,
            unchanged: file.unchanged,
            rejected: file.rejected,
            seconds: file.seconds,
          })),
        };
      });
    },
    async ingestedRows() {
      // One row per run and a handful of files in each: linear in the runs ever recorded (one
      // per `marquee ingest`), a few milliseconds for years of hourly runs.
      const rows = await sql.query<{
        source: string;
        loaded: number | string;
        rejected: number | string;
      }>(
        `SELECT r.source || '/' || (f->>'file') AS source,
                sum((f->>'read')::bigint - (f->>'rejected')::bigint) AS loaded,
                sum((f->>'rejected')::bigint) AS rejected
         FROM movies.ingestion_run r
         CROSS JOIN LATERAL jsonb_array_elements(
           CASE WHEN jsonb_typeof(r.summary->'files') = 'array' THEN r.summary->'files' ELSE '[]'::jsonb END
         ) AS f
         WHERE f->>'file' IS NOT NULL
         GROUP BY 1
         ORDER BY 1`,
      );
      return rows.map((row) => ({
        source: row.source,
        loaded: Number(row.loaded ?? 0),
        rejected: Number(row.rejected ?? 0),
      }));
    },
  };
}

/** Records a finished `marquee ingest` run (its summary as the command prints it with `--json`). */
export async function recordIngestionRun(
  db: Database,
  run: { source: string; mode: string; startedAt: Date; summary: object },
): Promise<void> {
  await db.sql.query(
    'INSERT INTO movies.ingestion_run (source, mode, started_at, summary) VALUES ($1, $2, $3, $4::jsonb)',
    [run.source, run.mode, run.startedAt, JSON.stringify(run.summary)],
  );
}
