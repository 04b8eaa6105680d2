import { transpose, type ImplicitMatrix } from '../matrix.ts';
import type { Recommender } from './recommender.ts';

export interface ItemKnnOptions {
  /** Neighbours kept per item. */
  neighbours?: number;
  /** Optional guard: refuse catalogues larger than this (no limit by default; memory is O(items·k)). */
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
 * empty slot, best first; equal similarities by lower index).
 *
 * Sparse: co-occurrences are counted one item row at a time through the item → users transpose,
 * into one reusable row of n counters, touching only the items that co-occur. Memory is O(n·k +
 * positives) rather than the n² of a dense co-occurrence matrix, so large catalogues train;
 * time is Σ over users of their positives², the same work the dense matrix does.
 */
export function itemKnnNeighbours(
  matrix: ImplicitMatrix,
  options: ItemKnnOptions = {},
): { neighbourIndex: Int32Array; neighbourSim: Float32Array; k: number } {
  const k = options.neighbours ?? 100;
  const n = matrix.items.length;
  if (options.maxItems !== undefined && n > options.maxItems) {
    throw new RangeError(`item-kNN limited to ${options.maxItems} items; the catalogue has ${n}.`);
  }
  const { colStart, usersOf } = transpose(matrix);
  const neighbourIndex = new Int32Array(n * k).fill(-1);
  const neighbourSim = new Float32Array(n * k);
  const co = new Float32Array(n);
  const touched = new Int32Array(n);
  const heapItems = new Int32Array(k);
  const heapSims = new Float64Array(k);
  for (let i = 0; i < n; i += 1) {
    let touchedCount = 0;
    for (let offset = colStart[i] ?? 0; offset < (colStart[i + 1] ?? 0); offset += 1) {
      const user = usersOf[offset] ?? 0;
      const end = matrix.rowStart[user + 1] ?? 0;
      for (let at = matrix.rowStart[user] ?? 0; at < end; at += 1) {
        const j = matrix.itemsOf[at] ?? 0;
        if (j === i) continue;
        if (co[j] === 0) touched[touchedCount++] = j;
        co[j] = (co[j] ?? 0) + 1;
      }
    }
    const ci = matrix.itemCounts[i] ?? 0;
    // Bounded min-heap of the k best (worst at the root): worse = lower similarity, or equal
    // similarity and higher index.
    let size = 0;
    const worse = (a: number, b: number) =>
      (heapSims[a] ?? 0) < (heapSims[b] ?? 0) ||
      ((heapSims[a] ?? 0) === (heapSims[b] ?? 0) && (heapItems[a] ?? 0) > (heapItems[b] ?? 0));
    const swap = (a: number, b: number) => {
      const item = heapItems[a] ?? 0;
      const sim = heapSims[a] ?? 0;
      heapItems[a] = heapItems[b] ?? 0;
      heapSims[a] = heapSims[b] ?? 0;
      heapItems[b] = item;
      heapSims[b] = sim;
    };
    const siftDown = (start: number) => {
      let at = start;
      for (;;) {
        const left = 2 * at + 1;
        let smallest = at;
        if (left < size && worse(left, smallest)) smallest = left;
        if (left + 1 < size && worse(left + 1, smallest)) smallest = left + 1;
        if (smallest === at) return;
        swap(at, smallest);
        at = smallest;
      }
    };
    for (let t = 0; t < touchedCount; t += 1) {
      const j = touched[t] ?? 0;
      const sim = (co[j] ?? 0) / Math.sqrt(ci * (matrix.itemCounts[j] ?? 1));
      co[j] = 0;
      if (k === 0) continue;
      if (size < k) {
        heapItems[size] = j;
        heapSims[size] = sim;
        size += 1;
        for (let at = size - 1; at > 0 && worse(at, (at - 1) >> 1); at = (at - 1) >> 1)
          swap(at, (at - 1) >> 1);
      } else if (sim > (heapSims[0] ?? 0) || (sim === heapSims[0] && j < (heapItems[0] ?? 0))) {
        heapItems[0] = j;
        heapSims[0] = sim;
        siftDown(0);
      }
    }
    // Pop worst-first into the row from the back, so the row ends up best first.
    for (let slot = size - 1; slot >= 0; slot -= 1) {
      neighbourIndex[i * k + slot] = heapItems[0] ?? -1;
      neighbourSim[i * k + slot] = heapSims[0] ?? 0;
      size -= 1;
      heapItems[0] = heapItems[size] ?? 0;
      heapSims[0] = heapSims[size] ?? 0;
      siftDown(0);
    }
  }
  return { neighbourIndex, neighbourSim, k };
}
