export { isPositive, POSITIVE_THRESHOLD } from './interactions.ts';
export type { Interaction } from './interactions.ts';
export { buildImplicitMatrix, itemsOfUser, sequenceOfUser } from './matrix.ts';
export type { ImplicitMatrix } from './matrix.ts';
export { timeOrderedHoldout } from './split.ts';
export type { HoldoutOptions, HoldoutSplit } from './split.ts';
export { hitRate, ndcg, recall } from './metrics.ts';
export { topK, topKMasked } from './topK.ts';
export { invertSpd, invertSpdInPlace } from './linalg.ts';
export { random } from './random.ts';
export { pairedBootstrapRatio, type RatioInterval } from './bootstrap.ts';
export { latentTasteRatings } from './synthetic.ts';
export type { LatentTasteData, LatentTasteOptions, SyntheticRating } from './synthetic.ts';
export { evaluate } from './evaluate.ts';
export type { EvaluationReport, ModelReport } from './evaluate.ts';
export { trainPopularity } from './models/popularity.ts';
export { trainItemKnn } from './models/itemKnn.ts';
export type { ItemKnnOptions } from './models/itemKnn.ts';
export { trainEase } from './models/ease.ts';
export type { EaseOptions } from './models/ease.ts';
export { ALS_DEFAULTS, alsFactors, alsScores, trainAls } from './models/als.ts';
export type { AlsFactors, AlsOptions, FoldedInUser, LatentFactors } from './models/als.ts';
export type { Recommender, Trainer } from './models/recommender.ts';
export { easeWeights } from './models/ease.ts';
export { itemKnnNeighbours } from './models/itemKnn.ts';
export {
  chooseModel,
  deserializeSnapshot,
  foldIn,
  ratingColumnsOf,
  serializeSnapshot,
  similarItems,
  snapshotBytes,
  trainServedModel,
  trainSnapshot,
} from './snapshot.ts';
export type {
  FoldInResult,
  ModelSnapshot,
  SnapshotKind,
  TrainedSnapshot,
  TrainSnapshotOptions,
} from './snapshot.ts';
export { contentSimilarity, decay } from './content.ts';
export type { ItemContent } from './content.ts';
export { factorKernel, useFactorKernels } from './wasm/factorKernel.ts';
export {
  foldInRatings,
  predictRating,
  RATING_DEFAULTS,
  trainRatingModel,
} from './models/ratingMf.ts';
export type {
  RatingColumns,
  RatingModel,
  RatingOptions,
  RatingUser,
  TrainedRatingModel,
} from './models/ratingMf.ts';
export { evaluateRatings, ratingColumns } from './ratingEvaluation.ts';
export type { RatingReport } from './ratingEvaluation.ts';
export { headOf, SEQUENTIAL_DEFAULTS, sequentialEaseRows } from './models/sequential.ts';
export type { ItemRows, SequentialEaseOptions } from './models/sequential.ts';
