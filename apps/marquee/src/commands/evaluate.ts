import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  ALS_DEFAULTS,
  chooseModel,
  evaluate,
  pairedBootstrapRatio,
  SEQUENTIAL_DEFAULTS,
  trainAls,
  trainEase,
  trainItemKnn,
  trainPopularity,
  trainServedModel,
  timeOrderedHoldout,
  type AlsOptions,
  type TrainSnapshotOptions,
  type Interaction,
  type Recommender,
  type Trainer,
} from '@marquee/recsys';
import { fileReadError } from '../errorReport.ts';
import { notTextReason, RowError } from '../ingest/fields.ts';
import { IngestError } from '../ingest/context.ts';
import { readLineChunks, sniffEncoding } from '../ingest/lines.ts';
import {
  movielensHeaders,
  parseRatingsCsv,
  parseRatingsDat,
  parseUData,
  splitCsv,
  splitDat,
  type ParsedRating,
} from '../ingest/movielensParsers.ts';
import { UserError } from '@marquee/errors/user';
import { parsePositiveInteger } from './arguments.ts';

/** The ratings layouts `evaluate` reads, told apart by the file's name, parsed as `marquee ingest` parses them. */
function ratingsFormat(path: string): {
  split(text: string): string[];
  parse(fields: readonly string[]): ParsedRating;
  header?: string;
} {
  const name = basename(path).replace(/\.gz$/, '');
  if (name.startsWith('u.data') || /^u\d?\.(base|test)$|^u[ab]\.(base|test)$/.test(name))
    return { split: (text) => text.split('\t'), parse: parseUData };
  if (name.endsWith('.dat')) return { split: splitDat, parse: parseRatingsDat };
  return {
    split: splitCsv,
    parse: parseRatingsCsv,
    header: movielensHeaders['ratings.csv'].join(','),
  };
}

/**
 * Reads MovieLens ratings: `ratings.csv` (userId,movieId,rating,timestamp with a header), ml-1m /
 * ml-10m `ratings.dat` (`::`-separated) or ml-100k's `u.data` (tab-separated), optionally gzipped,
 * line by line with the ingestion's parsers. A file in which no line, or fewer than half of the
 * lines, are ratings is refused (IngestError): scoring models on what could be read of it would
 * print a table that means nothing.
 */
export async function readMovieLensRatings(
  path: string,
): Promise<{ interactions: Interaction[]; rejected: number }> {
  const format = ratingsFormat(path);
  const reader = await sniffEncoding(path)
    .then((encoding) => readLineChunks(path, encoding))
    .catch((error: unknown) => {
      throw fileReadError(path, error);
    });
  const interactions: Interaction[] = [];
  let rejected = 0;
  let line = 0;
  try {
    for await (const chunk of reader.chunks) {
      for (const text of chunk) {
        line += 1;
        if (
          line === 1 &&
          format.header !== undefined &&
          text.replace(/^\uFEFF/, '') === format.header
        )
          continue;
        try {
          const notText = notTextReason(text);
          if (notText !== undefined) throw new RowError(notText);
          const rating = format.parse(format.split(text));
          interactions.push({
            userId: rating.userId,
            itemId: rating.movielensId,
            rating: rating.rating,
            at: rating.at.getTime(),
          });
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          rejected += 1;
        }
      }
    }
  } catch (error) {
    // A truncated .gz or an I/O error: one line naming the file.
    throw fileReadError(path, error);
  }
  if (interactions.length === 0 || rejected > interactions.length) {
    throw new IngestError(
      `${path}: ${rejected.toLocaleString('en-US')} of ${(rejected + interactions.length).toLocaleString('en-US')} lines are not ratings. ` +
        'Expected MovieLens ratings.csv (userId,movieId,rating,timestamp), ratings.dat (UserID::MovieID::Rating::Timestamp) or u.data (tab-separated).',
    );
  }
  return { interactions, rejected };
}

/** Dense EASE is trained by default up to this many liked films (the O(n³) inversion: minutes). */
const DENSE_EASE_ITEMS = 6_000;
const SKIPPED = ' (skipped)';

/** A row that is left out of the report: dense EASE where the catalogue is too large for it. */
function skipped(name: string): Recommender {
  return { name: name + SKIPPED, bytes: 0, score: () => new Float64Array(0) };
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new InvalidArgumentError('expected a positive number');
  return number;
}

function parseHoldout(value: string): number {
  const share = Number(value);
  if (!(share > 0 && share < 1))
    throw new InvalidArgumentError('expected a number between 0 and 1');
  return share;
}

function parseNonNegative(value: string): number {
  const number = Number(value);
  if (!(number >= 0)) throw new InvalidArgumentError('expected a number of at least 0');
  return number;
}

function parseDropout(value: string): number {
  const share = Number(value);
  if (!(share >= 0 && share < 1))
    throw new InvalidArgumentError('expected a number of at least 0 and below 1');
  return share;
}

function parseTask(value: string): 'ranking' | 'rating' {
  if (value === 'ranking' || value === 'rating') return value;
  throw new InvalidArgumentError('Expected ranking or rating.');
}

interface EvaluateOptions {
  task: 'ranking' | 'rating';
  holdout: number;
  json: boolean;
  factors?: number;
  regularization?: number;
  alpha?: number;
  iterations?: number;
  lambda?: number;
  head?: number;
  window?: number;
  transitionWeight?: number;
  recency?: number;
  dropout?: number;
  denseLambda?: number;
  neighbours?: number;
  dense: boolean;
  validation: boolean;
  record: boolean;
}

/**
 * Stores the served model's row with the snapshot being served, in the database the environment
 * names (DATABASE_URL, or the embedded one), for `catalogueStats` and the NDCG gauge.
 */
async function recordServed(
  kind: string,
  served: { ndcgAt10: number; recallAt20: number; hitRateAt10: number },
  report: { evaluatedUsers: number },
  holdout: number,
): Promise<number> {
  const [{ loadEnv }, { openRelationalDatabase }, { recordOfflineMetrics }] = await Promise.all([
    import('@marquee/env'),
    import('@marquee/server-kit/stores'),
    import('@marquee/recommendations/import'),
  ]);
  const db = await openRelationalDatabase(loadEnv(), { command: 'marquee evaluate' });
  try {
    const { version } = await recordOfflineMetrics(db.sql, {
      kind,
      metrics: {
        ndcgAt10: served.ndcgAt10,
        recallAt20: served.recallAt20,
        hitRateAt10: served.hitRateAt10,
        evaluatedUsers: report.evaluatedUsers,
        holdout,
      },
    });
    return version;
  } finally {
    await db.close();
  }
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Offline ranking quality on a time-ordered hold-out: NDCG@10, Recall@20 and HR@10 for most-popular, item-kNN, ALS, dense EASE (up to 6,000 liked films, or with --dense) and the model `marquee train` ships, scored as served.',
    )
    .argument(
      '<ratings>',
      'MovieLens ratings.csv, ml-1m/ml-10m ratings.dat or ml-100k u.data (optionally .gz); for --task rating, the ml-100k folder (or a file in it) holding u1.base/u1.test … u5.test',
    )
    .option(
      '--task <task>',
      "ranking (top-N on a time-ordered hold-out) or rating (RMSE and MAE of predicted ratings on ml-100k's five folds)",
      parseTask,
      'ranking',
    )
    .option(
      '--holdout <share>',
      "share of each user's latest positives held out",
      parseHoldout,
      0.2,
    )
    .option(
      '--factors <n>',
      `ALS latent factors (default ${ALS_DEFAULTS.factors})`,
      parsePositiveInteger,
    )
    .option(
      '--regularization <lambda>',
      `ALS L2 regularisation (default ${ALS_DEFAULTS.regularization})`,
      parsePositive,
    )
    .option(
      '--alpha <alpha>',
      `ALS confidence of a positive, 1 + alpha (default ${ALS_DEFAULTS.alpha})`,
      parsePositive,
    )
    .option(
      '--iterations <n>',
      `ALS alternating sweeps (default ${ALS_DEFAULTS.iterations})`,
      parsePositiveInteger,
    )
    .option(
      '--lambda <lambda>',
      `EASE's L2 regularisation, for dense EASE and the served model (default ${SEQUENTIAL_DEFAULTS.lambda})`,
      parsePositive,
    )
    .option(
      '--dense-lambda <lambda>',
      "dense EASE's own λ when it differs from the served model's (tuned on validation per dataset; default --lambda)",
      parsePositive,
    )
    .option(
      '--head <films>',
      `the served model's head: the films with the most positives it learns (default ${SEQUENTIAL_DEFAULTS.headItems})`,
      parsePositiveInteger,
    )
    .option(
      '--window <films>',
      `liked films after each one that count as its transitions (default ${SEQUENTIAL_DEFAULTS.window})`,
      parsePositiveInteger,
    )
    .option(
      '--transition-weight <w>',
      `weight of the transitions beside EASE, 0 for none (default ${SEQUENTIAL_DEFAULTS.transitionWeight})`,
      parseNonNegative,
    )
    .option(
      '--recency <films>',
      `half-life of a liked film's weight in the served scores, in liked films, 0 for none (default ${SEQUENTIAL_DEFAULTS.recencyHalfLife})`,
      parseNonNegative,
    )
    .option(
      '--dropout <p>',
      `input dropout of the served model's EASE (emphasised denoising: λ + p/(1−p)·positives on each film's diagonal; default ${SEQUENTIAL_DEFAULTS.dropout})`,
      parseDropout,
    )
    .option(
      '--neighbours <n>',
      `weights kept per film in the served model (default ${SEQUENTIAL_DEFAULTS.neighbours})`,
      parsePositiveInteger,
    )
    .option(
      '--dense',
      'also train dense EASE when more than 6,000 films are liked (O(films³) time: 18 minutes for 6,200 on a loaded two-core machine)',
      false,
    )
    .option(
      '--validation',
      "evaluate on the validation split: the same hold-out applied to the training part (each user's latest positives before the test part), so hyper-parameters are chosen without seeing the test part",
      false,
    )
    .option('--json', 'print the report as JSON', false)
    .option(
      '--record',
      "store the served model's NDCG@10, Recall@20 and HR@10 with the newest model snapshot (the one served) in the database, for catalogueStats and /metrics; the snapshot must be of the kind these ratings train",
      false,
    )
    .action(async (path: string, options: EvaluateOptions) => {
      if (options.task === 'rating' && options.record)
        throw new UserError(
          '--record stores ranking figures (NDCG@10, Recall@20): use it with --task ranking.',
        );
      if (options.task === 'rating') {
        const { evaluateRatingFolds, printRatingEvaluation } = await import('./evaluateRating.ts');
        const result = await evaluateRatingFolds(path);
        if (options.json) console.log(JSON.stringify(result, null, 2));
        else printRatingEvaluation(result);
        return;
      }
      // Input that cannot be evaluated fails with an IngestError (a UserError): one line, exit 1.
      const read = await readMovieLensRatings(path);
      const { rejected } = read;
      if (options.validation && options.record)
        throw new UserError('--record stores the test figures: leave out --validation.');
      const interactions = options.validation
        ? timeOrderedHoldout(read.interactions, { holdout: options.holdout }).train
        : read.interactions;
      // Every model goes through the one `evaluate` (same split, same metrics). The last row is
      // what `marquee train` ships, scored as served; dense EASE (over every liked film, where
      // that fits) is the bar it is held to, ALS the other strong model.
      const shipped = chooseModel(
        new Set(interactions.map((interaction) => interaction.itemId)).size,
      );
      const trainers: Trainer[] = [trainPopularity, (m) => trainItemKnn(m)];
      // ALS hyper-parameters given on the command line apply to every ALS row, for tuning.
      const als: AlsOptions = {
        ...(options.factors === undefined ? {} : { factors: options.factors }),
        ...(options.regularization === undefined ? {} : { regularization: options.regularization }),
        ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
        ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
      };
      const lambda = options.lambda ?? SEQUENTIAL_DEFAULTS.lambda;
      const served: TrainSnapshotOptions = {
        als,
        lambda,
        ...(options.neighbours === undefined ? {} : { neighbours: options.neighbours }),
        sequence: {
          ...(options.head === undefined ? {} : { headItems: options.head }),
          ...(options.window === undefined ? {} : { window: options.window }),
          ...(options.transitionWeight === undefined
            ? {}
            : { transitionWeight: options.transitionWeight }),
          ...(options.recency === undefined ? {} : { recencyHalfLife: options.recency }),
          ...(options.dropout === undefined ? {} : { dropout: options.dropout }),
        },
      };
      trainers.push((m) => trainAls(m, als));
      trainers.push((m) => {
        const liked = m.itemCounts.filter((count) => count > 0).length;
        if (liked > DENSE_EASE_ITEMS && !options.dense) return skipped('ease (dense)');
        const denseLambda = options.denseLambda ?? lambda;
        const model = trainEase(m, { lambda: denseLambda, maxItems: Infinity });
        return { ...model, name: `ease (dense, λ ${denseLambda})` };
      });
      trainers.push((m) => trainServedModel(m, served));
      const report = evaluate(interactions, trainers, { holdout: options.holdout });
      report.models = report.models.filter((model) => !model.model.endsWith(SKIPPED));
      const servedRow = report.models.at(-1);
      // How far the served ÷ dense EASE ratio moves with the users a split holds: 1,000 paired
      // resamples of the evaluated users (a goal of 1.05× means little if this spans ±5%).
      const denseRow = report.models.find((model) => model.model.startsWith('ease (dense'));
      const servedOverDense =
        denseRow === undefined || servedRow === undefined || denseRow === servedRow
          ? undefined
          : pairedBootstrapRatio(servedRow.userNdcg, denseRow.userNdcg);
      const recordedVersion =
        options.record && servedRow !== undefined
          ? await recordServed(shipped, servedRow, report, options.holdout)
          : undefined;
      if (options.json) {
        console.log(
          JSON.stringify(
            {
              ...report,
              models: report.models.map(({ userNdcg: _perUser, ...row }) => row),
              ...(servedOverDense === undefined ? {} : { servedOverDense }),
              rejectedLines: rejected,
              ...(recordedVersion === undefined ? {} : { recordedVersion }),
            },
            null,
            2,
          ),
        );
        return;
      }
      console.log(
        `${interactions.length} ratings (${rejected} unreadable lines skipped), ${report.items} items, ` +
          `${report.evaluatedUsers} users evaluated; positives = rating >= 3.5, last ${options.holdout * 100}% by time held out` +
          (options.validation ? ' of the training part (validation split)' : ''),
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
      if (servedOverDense !== undefined)
        console.log(
          `NDCG@10 served ÷ dense EASE: ${servedOverDense.ratio.toFixed(3)}× ` +
            `(95% interval ${servedOverDense.low.toFixed(3)}–${servedOverDense.high.toFixed(3)}, ` +
            `paired bootstrap over users, ${servedOverDense.draws} draws)`,
        );
      if (recordedVersion !== undefined)
        console.log(`Recorded the served model's figures with model version ${recordedVersion}.`);
    });
}
