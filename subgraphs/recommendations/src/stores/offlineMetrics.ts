import type { SqlExecutor } from '@marquee/db';
import { UserError } from '@marquee/errors/user';

/**
 * Offline quality figures of a served model (`marquee evaluate --record`), stored under its
 * snapshot's metadata `offlineMetrics`: `catalogueStats.modelVersions` lists them beside the
 * training figures, and the recommendations service exports the newest NDCG@10 per model kind.
 */
export interface OfflineMetrics {
  ndcgAt10: number;
  recallAt20: number;
  hitRateAt10: number;
  evaluatedUsers: number;
  holdout: number;
}

/**
 * Records an evaluation with the snapshot being served (the newest version), when it is the kind
 * the evaluation scored: figures of an EASE evaluation must not be shown as an ALS snapshot's.
 * Returns the version recorded against.
 */
export async function recordOfflineMetrics(
  sql: SqlExecutor,
  evaluated: { kind: string; metrics: OfflineMetrics },
): Promise<{ version: number }> {
  const [served] = await sql.query<{ version: number; kind: string }>(
    'SELECT version, kind FROM recommendations.model_snapshot ORDER BY version DESC LIMIT 1',
  );
  if (served === undefined)
    throw new UserError('No model snapshot to record against: run `marquee train` first.');
  if (served.kind !== evaluated.kind)
    throw new UserError(
      `The served model (version ${served.version}) is ${served.kind} but these ratings train ${evaluated.kind}: evaluate the ratings the service was trained on.`,
    );
  await sql.query(
    `UPDATE recommendations.model_snapshot
     SET metadata = jsonb_set(metadata, '{offlineMetrics}', $2::jsonb)
     WHERE version = $1`,
    [served.version, JSON.stringify(evaluated.metrics)],
  );
  return { version: Number(served.version) };
}

/**
 * The newest recorded NDCG@10 of each model kind. Reads the metadata only (the snapshots' data
 * stays in TOAST), one row per snapshot kept: cheap enough for every scrape.
 */
export async function newestNdcgByModel(
  sql: SqlExecutor,
): Promise<{ model: string; ndcgAt10: number }[]> {
  const rows = await sql.query<{ kind: string; ndcg: number | string }>(
    `SELECT DISTINCT ON (kind) kind, (metadata->'offlineMetrics'->>'ndcgAt10')::float8 AS ndcg
     FROM recommendations.model_snapshot
     WHERE jsonb_typeof(metadata->'offlineMetrics'->'ndcgAt10') = 'number'
     ORDER BY kind, version DESC`,
  );
  return rows.map((row) => ({ model: row.kind, ndcgAt10: Number(row.ndcg) }));
}
