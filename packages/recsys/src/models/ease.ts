import { invertSpd } from '../linalg.ts';
import { itemsOfUser, type ImplicitMatrix } from '../matrix.ts';
import type { Recommender } from './recommender.ts';

export interface EaseOptions {
  /** L2 regularisation λ added to the Gram matrix's diagonal. */
  lambda?: number;
  /** EASE holds dense item×item matrices; above this it is the wrong model for the catalogue. */
  maxItems?: number;
}

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): a linear
 * item-to-item model with a closed-form solution, B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹,
 * diag(B) = 0. Strong on ranking metrics; memory and time grow with items², items³.
 */
export function trainEase(matrix: ImplicitMatrix, options: EaseOptions = {}): Recommender {
  const n = matrix.items.length;
  const weights = easeWeights(matrix, options);
  return {
    name: 'ease',
    bytes: weights.byteLength,
    score(userItems) {
      const scores = new Float64Array(n);
      for (let u = 0; u < userItems.length; u += 1) {
        const row = (userItems[u] ?? 0) * n;
        for (let j = 0; j < n; j += 1) scores[j] = (scores[j] ?? 0) + (weights[row + j] ?? 0);
      }
      return scores;
    },
  };
}

/** The dense n×n EASE weight matrix B (row i: how much liking i adds to each item), row-major. */
export function easeWeights(matrix: ImplicitMatrix, options: EaseOptions = {}): Float32Array {
  const n = matrix.items.length;
  const lambda = options.lambda ?? 250;
  if (n > (options.maxItems ?? 6_000)) {
    throw new RangeError(`EASE inverts a dense ${n}×${n} matrix; too many items for this model.`);
  }
  const gram = new Float64Array(n * n);
  for (let user = 0; user < matrix.users.length; user += 1) {
    const items = itemsOfUser(matrix, user);
    for (const i of items) for (const j of items) gram[i * n + j] = (gram[i * n + j] ?? 0) + 1;
  }
  for (let i = 0; i < n; i += 1) gram[i * n + i] = (gram[i * n + i] ?? 0) + lambda;
  const p = invertSpd(gram, n);
  const weights = new Float32Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) {
      weights[i * n + j] = i === j ? 0 : -(p[i * n + j] ?? 0) / (p[j * n + j] ?? 1);
    }
  }
  return weights;
}
