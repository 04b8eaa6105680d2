import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '@marquee/errors';
import { evaluateRatings, type RatingReport } from '@marquee/recsys';
import { readMovieLensRatings } from './evaluate.ts';

/** ml-100k's five cross-validation folds, as its `mku.sh` writes them. */
const FOLDS = [1, 2, 3, 4, 5];

/** The folder holding the folds: the argument itself, or the folder of a file in it (u.data). */
async function foldFolder(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new UserError(`${path}: no such file or folder.`);
  return info.isDirectory() ? path : dirname(path);
}

export interface RatingEvaluation {
  folds: { fold: number; models: RatingReport[] }[];
  /** Per model, the mean over the folds of RMSE, MAE and training seconds. */
  mean: RatingReport[];
}

/**
 * Rating prediction on ml-100k's five folds (`u1.base`/`u1.test` … `u5`): every model trained on
 * a fold's base and scored on its test, then averaged, as the Surprise library's published ml-100k
 * table is computed.
 */
export async function evaluateRatingFolds(path: string): Promise<RatingEvaluation> {
  const folder = await foldFolder(path);
  const missing: string[] = [];
  for (const fold of FOLDS)
    for (const part of ['base', 'test']) {
      const file = join(folder, `u${fold}.${part}`);
      if (!(await stat(file).catch(() => undefined))?.isFile()) missing.push(`u${fold}.${part}`);
    }
  if (missing.length > 0)
    throw new UserError(
      `${folder}: --task rating needs ml-100k's five folds u1.base/u1.test … u5.base/u5.test there; missing ${missing.join(', ')} (ml-100k's mku.sh writes them from u.data).`,
    );
  const folds: RatingEvaluation['folds'] = [];
  for (const fold of FOLDS) {
    const base = await readMovieLensRatings(join(folder, `u${fold}.base`));
    const test = await readMovieLensRatings(join(folder, `u${fold}.test`));
    folds.push({ fold, models: evaluateRatings(base.interactions, test.interactions) });
  }
  const names = folds[0]?.models.map((m) => m.model) ?? [];
  const mean = names.map((model, n) => {
    const average = (pick: (report: RatingReport) => number) =>
      folds.reduce(
        (sum, fold) => sum + pick(fold.models[n] ?? { model, rmse: 0, mae: 0, trainSeconds: 0 }),
        0,
      ) / folds.length;
    return {
      model,
      rmse: average((r) => r.rmse),
      mae: average((r) => r.mae),
      trainSeconds: average((r) => r.trainSeconds),
    };
  });
  return { folds, mean };
}

export function printRatingEvaluation(result: RatingEvaluation): void {
  console.log(
    'Rating prediction on ml-100k folds u1..u5 (train on uN.base, predict uN.test); RMSE and MAE, lower is better',
  );
  const rows = [
    ...result.folds.flatMap(({ fold, models }) => models.map((m) => ({ fold: `u${fold}`, ...m }))),
    ...result.mean.map((m) => ({ fold: 'mean', ...m })),
  ];
  console.table(
    rows.map((row) => ({
      fold: row.fold,
      model: row.model,
      RMSE: row.rmse.toFixed(4),
      MAE: row.mae.toFixed(4),
      'train s': row.trainSeconds.toFixed(2),
    })),
  );
}
