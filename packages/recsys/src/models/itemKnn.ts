import { itemsOfUser, type ImplicitMatrix } from '../matrix.ts';
import type { Recommender } from './recommender.ts';

export interface ItemKnnOptions {
  /** Neighbours kept per item. */
  neighbours?: number;
  /** Above this many items the dense co-occurrence matrix would not fit comfortably in memory. */
  maxItems?: number;
}

/**
 * Item-based neighbourhood model: cosine similarity of items' positive-user sets, each item
 * keeping its `neighbours` most similar items; a user's score for j sums the similarities of j
 * to the items they liked.
 */
export function trainItemKnn(matrix: ImplicitMatrix, options: ItemKnnOptions = {}): Recommender {
  const k = options.neighbours ?? 100;
  const n = matrix.items.length;
  const { neighbourIndex, neighbourSim } = itemKnnNeighbours(matrix, options);
  return {
    name: 'item-knn',
    bytes: neighbourIndex.byteLength + neighbourSim.byteLength,
    score(userItems) {
      const scores = new Float64Array(n);
      for (let u = 0; u < userItems.length; u += 1) {
        const i = userItems[u] ?? 0;
        for (let slot = 0; slot < k; slot += 1) {
          const j = neighbourIndex[i * k + slot] ?? -1;
          if (j < 0) break;
          scores[j] = (scores[j] ?? 0) + (neighbourSim[i * k + slot] ?? 0);
        }
      }
      return scores;
    },
  };
}

/**
 * Per item, its `neighbours` most cosine-similar items as parallel n×k arrays (index −1 marks an
 * empty slot, best first).
 */
export function itemKnnNeighbours(
  matrix: ImplicitMatrix,
  options: ItemKnnOptions = {},
): { neighbourIndex: Int32Array; neighbourSim: Float32Array; k: number } {
  const k = options.neighbours ?? 100;
  const n = matrix.items.length;
  if (n > (options.maxItems ?? 20_000)) {
    throw new RangeError(`item-kNN keeps a dense ${n}×${n} co-occurrence matrix; too many items.`);
  }
  const co = new Float32Array(n * n);
  for (let user = 0; user < matrix.users.length; user += 1) {
    const items = itemsOfUser(matrix, user);
    for (const i of items) for (const j of items) if (i !== j) co[i * n + j] = (co[i * n + j] ?? 0) + 1;
  }
  // Per item: its top-k neighbours as parallel arrays (indices, cosine similarities).
  const neighbourIndex = new Int32Array(n * k).fill(-1);
  const neighbourSim = new Float32Array(n * k);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const ci = matrix.itemCounts[i] ?? 0;
    for (let j = 0; j < n; j += 1) {
      const cj = matrix.itemCounts[j] ?? 0;
      row[j] = ci > 0 && cj > 0 ? (co[i * n + j] ?? 0) / Math.sqrt(ci * cj) : 0;
    }
    const order = Array.from({ length: n }, (_, j) => j)
      .filter((j) => (row[j] ?? 0) > 0)
      .sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0) || a - b)
      .slice(0, k);
    order.forEach((j, slot) => {
      neighbourIndex[i * k + slot] = j;
      neighbourSim[i * k + slot] = row[j] ?? 0;
    });
  }
  return { neighbourIndex, neighbourSim, k };
}
