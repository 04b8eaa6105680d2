/**
 * Indices of the k highest scores, best first (ties by lower index), skipping `exclude`.
 * A bounded min-heap keeps this O(n log k) over catalogue-sized score arrays.
 */
export function topK(
  scores: ArrayLike<number>,
  k: number,
  exclude: ReadonlySet<number> = new Set(),
): number[] {
  return selectTop(scores, k, exclude, undefined);
}

/**
 * `topK` with the excluded indices as a mask (1: skip), for callers that score a whole
 * catalogue per request: one array read per item instead of a set lookup.
 */
export function topKMasked(scores: ArrayLike<number>, k: number, excluded: Uint8Array): number[] {
  return selectTop(scores, k, undefined, excluded);
}

/** Whether item a ranks below item b: lower score, or the same score and a higher index. */
function worse(scores: ArrayLike<number>, a: number, b: number): boolean {
  const sa = scores[a] ?? -Infinity;
  const sb = scores[b] ?? -Infinity;
  return sa < sb || (sa === sb && a > b);
}

// The heap lives in an Int32Array and is swapped in place: the scan over every item allocates
// nothing, so scoring a catalogue per request adds no garbage beyond the k-item result.
function selectTop(
  scores: ArrayLike<number>,
  k: number,
  exclude: ReadonlySet<number> | undefined,
  mask: Uint8Array | undefined,
): number[] {
  const n = scores.length;
  if (k === 0 || n === 0) return [];
  // At most min(k, n) items are held; a k below 1 (or NaN) still holds one, as the heap always did.
  const heap = new Int32Array(k >= n ? n : k > 1 ? Math.ceil(k) : 1);
  let size = 0;
  for (let index = 0; index < n; index += 1) {
    if (mask === undefined ? exclude !== undefined && exclude.has(index) : mask[index] === 1)
      continue;
    if (size < k) {
      // Sift up.
      let i = size;
      heap[i] = index;
      size += 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const child = heap[i] ?? 0;
        const above = heap[parent] ?? 0;
        if (!worse(scores, child, above)) break;
        heap[i] = above;
        heap[parent] = child;
        i = parent;
      }
    } else if (worse(scores, heap[0] ?? 0, index)) {
      heap[0] = index;
      if (size === 0) size = 1;
      // Sift down.
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < size && worse(scores, heap[left] ?? 0, heap[smallest] ?? 0)) smallest = left;
        if (right < size && worse(scores, heap[right] ?? 0, heap[smallest] ?? 0)) smallest = right;
        if (smallest === i) break;
        const top = heap[i] ?? 0;
        heap[i] = heap[smallest] ?? 0;
        heap[smallest] = top;
        i = smallest;
      }
    }
  }
  const result: number[] = [];
  for (let i = 0; i < size; i += 1) result.push(heap[i] ?? 0);
  return result.sort((a, b) => (worse(scores, a, b) ? 1 : worse(scores, b, a) ? -1 : 0));
}
