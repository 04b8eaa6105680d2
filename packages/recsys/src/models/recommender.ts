import type { ImplicitMatrix } from '../matrix.ts';

/**
 * A trained model. Scoring takes the user's positive items rather than a user index ("fold-in"),
 * so a user's list can be recomputed the moment they rate something, without retraining.
 */
export interface Recommender {
  readonly name: string;
  /** One score per item index of the training matrix; higher is better. */
  score(userItems: ArrayLike<number>): Float64Array;
  /** Bytes held by the model's parameters (for capacity planning). */
  readonly bytes: number;
}

export type Trainer = (matrix: ImplicitMatrix) => Recommender;
