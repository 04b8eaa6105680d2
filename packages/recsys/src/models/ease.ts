import { invertSpdInPlace } from '../linalg.ts';
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

/**
 * The dense n×n EASE weight matrix B (row i: how much liking i adds to each item), row-major.
 * Films nobody liked are left out of the inversion: their Gram rows are λ·eᵢ, so their rows and
 * columns of B are exactly 0 and the rest is the same as inverting all n.
 */
export function easeWeights(matrix: ImplicitMatrix, options: EaseOptions = {}): Float32Array {
  const n = matrix.items.length;
  const liked: number[] = [];
  for (let i = 0; i < n; i += 1) if ((matrix.itemCounts[i] ?? 0) > 0) liked.push(i);
  if (liked.length > (options.maxItems ?? 6_000)) {
    throw new RangeError(
      `EASE inverts a dense ${liked.length}×${liked.length} matrix; too many items for this model.`,
    );
  }
  const head = Int32Array.from(liked);
  const inner = easeOnItems(matrix, head, options.lambda ?? 250);
  const weights = new Float32Array(n * n);
  const h = head.length;
  for (let a = 0; a < h; a += 1) {
    const row = (head[a] ?? 0) * n;
    for (let b = 0; b < h; b += 1) weights[row + (head[b] ?? 0)] = inner[a * h + b] ?? 0;
  }
  return weights;
}

/**
 * EASE restricted to `items` (indices into the matrix): B over those items only, h×h row-major in
 * float64, rows and columns in the order of `items`. Users' positives outside `items` are ignored.
 * One h×h float64 array is all it holds (the Gram matrix, inverted and turned into B in place).
 */
export function easeOnItems(
  matrix: ImplicitMatrix,
  items: Int32Array,
  lambda: number,
  dropout = 0,
): Float64Array {
  const h = items.length;
  const position = new Int32Array(matrix.items.length).fill(-1);
  items.forEach((item, k) => (position[item] = k));
  const gram = new Float64Array(h * h);
  // A user's items come sorted by index, so their positions ascend when `items` does (the head).
  let ascending = true;
  for (let k = 1; k < h; k += 1) if ((items[k] ?? 0) <= (items[k - 1] ?? 0)) ascending = false;
  const mine: number[] = [];
  for (let user = 0; user < matrix.users.length; user += 1) {
    mine.length = 0;
    for (const item of itemsOfUser(matrix, user)) {
      const k = position[item] ?? -1;
      if (k >= 0) mine.push(k);
    }
    // Upper triangle only: the sweep reads nothing else. With `mine` ascending, b ≥ a is every
    // later entry: half the pairs and no test per pair (Σ users' positives² at 25M ratings).
    if (!ascending) mine.sort((a, b) => a - b);
    for (let x = 0; x < mine.length; x += 1) {
      const row = (mine[x] ?? 0) * h;
      for (let y = x; y < mine.length; y += 1) {
        const at = row + (mine[y] ?? 0);
        gram[at] = (gram[at] ?? 0) + 1;
      }
    }
  }
  // Emphasised denoising (Steck 2020, "Autoencoders that don't overfit towards the identity"):
  // dropping each input with probability p regularises film k by p/(1−p)·G_kk on top of λ.
  const emphasis = dropout > 0 ? dropout / (1 - dropout) : 0;
  for (let k = 0; k < h; k += 1) {
    const at = k * h + k;
    gram[at] = (gram[at] ?? 0) * (1 + emphasis) + lambda;
  }
  invertSpdInPlace(gram, h);
  const diagonal = new Float64Array(h);
  for (let k = 0; k < h; k += 1) diagonal[k] = gram[k * h + k] ?? 1;
  for (let i = 0; i < h; i += 1) {
    const row = i * h;
    for (let j = 0; j < h; j += 1)
      gram[row + j] = i === j ? 0 : -(gram[row + j] ?? 0) / (diagonal[j] ?? 1);
  }
  return gram;
}
