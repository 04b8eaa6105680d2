import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InvalidArgumentError, type Command } from 'commander';
import { ALS_DEFAULTS, chooseModel, evaluate, trainAls, trainEase, trainItemKnn, trainPopularity, trainServedModel, type AlsOptions, type Interaction, type Trainer } from '@marquee/recsys';
import { fileReadError } from '../errorReport.ts';
import { parsePositiveInteger } from './arguments.ts';

/**
 * Reads MovieLens ratings: `ratings.csv` (userId,movieId,rating,timestamp with a header) or
 * ml-100k's `u.data` (tab-separated, no header), optionally gzipped. Timestamps are seconds.
 */
export async function readMovieLensRatings(path: string): Promise<{ interactions: Interaction[]; rejected: number }> {
  const tabSeparated = basename(path).startsWith('u.data');
  const file = createReadStream(path);
  let input: Readable = file;
  if (path.endsWith('.gz')) {
    const gunzip = createGunzip();
    // `pipe` does not forward errors: a missing .gz would otherwise leave the reader waiting.
    file.on('error', (error) => gunzip.destroy(error));
    input = file.pipe(gunzip);
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  const interactions: Interaction[] = [];
  let rejected = 0;
  let first = true;
  try {
    for await (const line of lines) {
      if (first && !tabSeparated && line.startsWith('userId')) {
        first = false;
        continue;
      }
      first = false;
      if (line.trim() === '') continue;
      const [userId, itemId, rating, timestamp] = line.split(tabSeparated ? '\t' : ',');
      const value = Number(rating);
      const seconds = Number(timestamp);
      if (!userId || !itemId || !Number.isFinite(value) || !Number.isFinite(seconds)) {
        rejected += 1;
        continue;
      }
      interactions.push({ userId, itemId, rating: value, at: seconds * 1000 });
    }
  } catch (error) {
    throw fileReadError(path, error);
  }
  return { interactions, rejected };
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new InvalidArgumentError('expected a positive number');
  return number;
}

function parseHoldout(value: string): number {
  const share = Number(value);
  if (!(share > 0 && share < 1)) throw new InvalidArgumentError('expected a number between 0 and 1');
  return share;
}

interface EvaluateOptions {
  holdout: number;
  json: boolean;
  factors?: number;
  regularization?: number;
  alpha?: number;
  iterations?: number;
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Offline ranking quality on a time-ordered hold-out: NDCG@10, Recall@20 and HR@10 for most-popular, item-kNN and the model `marquee train` ships for this catalogue size (EASE pruned as served up to 6,000 films, implicit ALS above); for EASE-sized catalogues also dense EASE and ALS.',
    )
    .argument('<ratings>', 'MovieLens ratings.csv or ml-100k u.data (optionally .gz)')
    .option('--holdout <share>', "share of each user's latest positives held out", parseHoldout, 0.2)
    .option('--factors <n>', `ALS latent factors (default ${ALS_DEFAULTS.factors})`, parsePositiveInteger)
    .option('--regularization <lambda>', `ALS L2 regularisation (default ${ALS_DEFAULTS.regularization})`, parsePositive)
    .option('--alpha <alpha>', `ALS confidence of a positive, 1 + alpha (default ${ALS_DEFAULTS.alpha})`, parsePositive)
    .option('--iterations <n>', `ALS alternating sweeps (default ${ALS_DEFAULTS.iterations})`, parsePositiveInteger)
    .option('--json', 'print the report as JSON', false)
    .action(async (path: string, options: EvaluateOptions) => {
      const { interactions, rejected } = await readMovieLensRatings(path);
      // Every model goes through the one `evaluate` (same split, same metrics). The last row is
      // what `marquee train` ships for this catalogue, scored as served; where that is EASE, dense
      // EASE shows the cost of pruning and ALS the other strong model. Dense EASE is never
      // trained where it does not fit.
      const shipped = chooseModel(new Set(interactions.map((interaction) => interaction.itemId)).size);
      const trainers: Trainer[] = [trainPopularity, (m) => trainItemKnn(m)];
      // ALS hyper-parameters given on the command line apply to every ALS row, for tuning.
      const als: AlsOptions = {
        ...(options.factors === undefined ? {} : { factors: options.factors }),
        ...(options.regularization === undefined ? {} : { regularization: options.regularization }),
        ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
        ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
      };
      if (shipped === 'ease') trainers.push((m) => trainEase(m), (m) => trainAls(m, als));
      trainers.push((m) => trainServedModel(m, { als }));
      const report = evaluate(interactions, trainers, { holdout: options.holdout });
      if (options.json) {
        console.log(JSON.stringify({ ...report, rejectedLines: rejected }, null, 2));
        return;
      }
      console.log(
        `${interactions.length} ratings (${rejected} unreadable lines skipped), ${report.items} items, ` +
          `${report.evaluatedUsers} users evaluated; positives = rating >= 3.5, last ${options.holdout * 100}% by time held out`,
      );
      console.table(
        report.models.map((m) => ({
          model: m.model,
          'NDCG@10': m.ndcgAt10.toFixed(4),
          'Recall@20': m.recallAt20.toFixed(4),
          'HR@10': m.hitRateAt10.toFixed(4),
          'train s': m.trainSeconds.toFixed(2),
          'model MiB': (m.bytes / 2 ** 20).toFixed(1),
        })),
      );
    });
}
