import type { Interaction } from './interactions.ts';
import { buildImplicitMatrix, sequenceOfUser } from './matrix.ts';
import { hitRate, ndcg, recall } from './metrics.ts';
import type { Recommender, Trainer } from './models/recommender.ts';
import { timeOrderedHoldout, type HoldoutOptions } from './split.ts';
import { topK } from './topK.ts';

export interface ModelReport {
  model: string;
  ndcgAt10: number;
  recallAt20: number;
  hitRateAt10: number;
  trainSeconds: number;
  bytes: number;
  /** NDCG@10 of each evaluated user, in the same user order for every model (for paired tests). */
  userNdcg: Float64Array;
}

export interface EvaluationReport {
  evaluatedUsers: number;
  trainInteractions: number;
  items: number;
  models: ModelReport[];
}

/**
 * Splits once, trains every model on the same training matrix, and scores every model with the
 * same metric code on the same users: the numbers are comparable by construction.
 */
export function evaluate(
  interactions: readonly Interaction[],
  trainers: readonly Trainer[],
  options: HoldoutOptions = {},
): EvaluationReport {
  const { train, test } = timeOrderedHoldout(interactions, options);
  const matrix = buildImplicitMatrix(train, options.positiveThreshold);
  // Everything a user interacted with in training is excluded from their list (positive or not):
  // recommendations never include a film the user has rated.
  const seen = new Map<string, Set<number>>();
  for (const interaction of train) {
    const item = matrix.itemIndex.get(interaction.itemId);
    if (item === undefined) continue;
    const set = seen.get(interaction.userId) ?? new Set<number>();
    set.add(item);
    seen.set(interaction.userId, set);
  }
  const models = trainers.map((trainer) => {
    const started = performance.now();
    const model: Recommender = trainer(matrix);
    const trainSeconds = (performance.now() - started) / 1000;
    let ndcgSum = 0;
    let recallSum = 0;
    let hitSum = 0;
    const userNdcg = new Float64Array(test.size);
    let index = 0;
    for (const [userId, relevant] of test) {
      // The user's training positives oldest first, as serving hands them to the model:
      // recency-weighted models depend on the order.
      const user = matrix.userIndex.get(userId);
      const history = user === undefined ? [] : sequenceOfUser(matrix, user);
      const ranked = topK(model.score(history), 20, seen.get(userId)).map(
        (item) => matrix.items[item] ?? '',
      );
      const userScore = ndcg(ranked, relevant, 10);
      userNdcg[index] = userScore;
      index += 1;
      ndcgSum += userScore;
      recallSum += recall(ranked, relevant, 20);
      hitSum += hitRate(ranked, relevant, 10);
    }
    const users = Math.max(test.size, 1);
    return {
      model: model.name,
      ndcgAt10: ndcgSum / users,
      recallAt20: recallSum / users,
      hitRateAt10: hitSum / users,
      trainSeconds,
      bytes: model.bytes,
      userNdcg,
    };
  });
  return {
    evaluatedUsers: test.size,
    trainInteractions: train.length,
    items: matrix.items.length,
    models,
  };
}
