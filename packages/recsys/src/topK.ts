/**
 * Indices of the k highest scores, best first (ties by lower index), skipping `exclude`.
 * A bounded min-heap keeps this O(n log k) over catalogue-sized score arrays.
 */
export function topK(scores: ArrayLike<number>, k: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const heapItems: number[] = [];
  const worse = (a: number, b: number) => {
    const sa = scores[a] ?? -Infinity;
    const sb = scores[b] ?? -Infinity;
    return sa < sb || (sa === sb && a > b);
  };
  const siftUp = (start: number) => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heapItems[i] ?? 0, heapItems[parent] ?? 0)) break;
      [heapItems[i], heapItems[parent]] = [heapItems[parent] ?? 0, heapItems[i] ?? 0];
      i = parent;
    }
  };
  const siftDown = () => {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heapItems.length && worse(heapItems[left] ?? 0, heapItems[smallest] ?? 0)) smallest = left;
      if (right < heapItems.length && worse(heapItems[right] ?? 0, heapItems[smallest] ?? 0)) smallest = right;
      if (smallest === i) return;
      [heapItems[i], heapItems[smallest]] = [heapItems[smallest] ?? 0, heapItems[i] ?? 0];
      i = smallest;
    }
  };
  for (let index = 0; index < scores.length; index += 1) {
    if (exclude.has(index) || k === 0) continue;
    if (heapItems.length < k) {
      heapItems.push(index);
      siftUp(heapItems.length - 1);
    } else if (worse(heapItems[0] ?? 0, index)) {
      heapItems[0] = index;
      siftDown();
    }
  }
  return heapItems.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
