import type { Interaction } from './interactions.ts';
import {
  foldInRatings,
  predictRating,
  trainRatingModel,
  type RatingColumns,
  type RatingOptions,
  type RatingUser,
} from './models/ratingMf.ts';

/** Ratings with dense indices, users and items numbered in first-seen order. */
export function ratingColumns(
  interactions: readonly Interaction[],
  itemIndex: Map<string, number> = new Map(),
  userIndex: Map<string, number> = new Map(),
): RatingColumns & { itemIndex: Map<string, number>; userIndex: Map<string, number> } {
  const users = new Int32Array(interactions.length);
  const items = new Int32Array(interactions.length);
  const ratings = new Float32Array(interactions.length);
  interactions.forEach((interaction, n) => {
    let user = userIndex.get(interaction.userId);
    if (user === undefined) {
      user = userIndex.size;
      userIndex.set(interaction.userId, user);
    }
    let item = itemIndex.get(interaction.itemId);
    if (item === undefined) {
      item = itemIndex.size;
      itemIndex.set(interaction.itemId, item);
    }
    users[n] = user;
    items[n] = item;
    ratings[n] = interaction.rating;
  });
  return {
    users,
    items,
    ratings,
    userCount: userIndex.size,
    itemCount: itemIndex.size,
    itemIndex,
    userIndex,
  };
}

export interface RatingReport {
  model: string;
  rmse: number;
  mae: number;
  trainSeconds: number;
}

/**
 * RMSE and MAE of rating prediction on `test` for a model trained on `train` (one fold):
 * - `baseline (biases)`: μ + bᵤ + bᵢ, the same SGD without factors;
 * - `biased MF`: the factors alone with the trained users' own parameters (the textbook protocol,
 *   as Surprise reports);
 * - `biased MF + residual item-kNN`: the same plus the residual neighbours;
 * - `served (fold-in)`: the whole model, each test user folded in from their training ratings as
 *   serving does for `Movie.predictedRating`.
 * A test rating of a user or film absent from `train` is predicted from what is known (μ + bᵢ, or
 * μ + bᵤ) rather than skipped, so every test rating counts.
 */
export function evaluateRatings(
  train: readonly Interaction[],
  test: readonly Interaction[],
  options: RatingOptions = {},
): RatingReport[] {
  const columns = ratingColumns(train);
  const { itemIndex, userIndex } = columns;
  const byUser = new Map<number, { item: number; rating: number }[]>();
  for (let n = 0; n < columns.ratings.length; n += 1) {
    const user = columns.users[n] ?? 0;
    const list = byUser.get(user) ?? [];
    list.push({ item: columns.items[n] ?? 0, rating: columns.ratings[n] ?? 0 });
    byUser.set(user, list);
  }
  const ratedBy = new Map<number, Map<number, number>>();
  const ratedOf = (user: number | undefined) => {
    if (user === undefined) return new Map<number, number>();
    let rated = ratedBy.get(user);
    if (rated === undefined) {
      rated = new Map((byUser.get(user) ?? []).map((r) => [r.item, r.rating]));
      ratedBy.set(user, rated);
    }
    return rated;
  };
  const score = (
    name: string,
    seconds: number,
    predict: (user: number | undefined, item: number) => number,
  ): RatingReport => {
    let squared = 0;
    let absolute = 0;
    for (const interaction of test) {
      const error =
        predict(userIndex.get(interaction.userId), itemIndex.get(interaction.itemId) ?? -1) -
        interaction.rating;
      squared += error * error;
      absolute += Math.abs(error);
    }
    const n = Math.max(test.length, 1);
    return { model: name, rmse: Math.sqrt(squared / n), mae: absolute / n, trainSeconds: seconds };
  };
  const trainTimed = (opts: RatingOptions) => {
    const started = performance.now();
    const trained = trainRatingModel(columns, opts);
    return { trained, seconds: (performance.now() - started) / 1000 };
  };
  const trainedUser = (
    trained: ReturnType<typeof trainRatingModel>,
    user: number | undefined,
  ): RatingUser => {
    const f = trained.model.factors;
    return user === undefined
      ? { bias: 0, factors: new Float32Array(f) }
      : {
          bias: trained.userBias[user] ?? 0,
          factors: trained.userFactors.subarray(user * f, (user + 1) * f),
        };
  };
  const baseline = trainTimed({ ...options, factors: 0, neighbours: 0 });
  const mf = trainTimed(options);
  const factorsOnly = { ...mf.trained.model, residual: null };
  const folded = new Map<number, RatingUser>();
  const foldedUser = (user: number | undefined): RatingUser => {
    if (user === undefined) return foldInRatings(mf.trained.model, []);
    let result = folded.get(user);
    if (result === undefined) {
      result = foldInRatings(mf.trained.model, byUser.get(user) ?? []);
      folded.set(user, result);
    }
    return result;
  };
  return [
    score('baseline (biases)', baseline.seconds, (user, item) =>
      predictRating(baseline.trained.model, trainedUser(baseline.trained, user), item),
    ),
    score(`biased MF (${mf.trained.model.factors} factors)`, mf.seconds, (user, item) =>
      predictRating(factorsOnly, trainedUser(mf.trained, user), item),
    ),
    score('biased MF + residual item-kNN', mf.seconds, (user, item) =>
      predictRating(mf.trained.model, trainedUser(mf.trained, user), item, ratedOf(user)),
    ),
    score('served (fold-in)', mf.seconds, (user, item) =>
      predictRating(mf.trained.model, foldedUser(user), item, ratedOf(user)),
    ),
  ];
}
