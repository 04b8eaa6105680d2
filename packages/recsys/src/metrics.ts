/**
 * Ranking metrics for one user, binary relevance. One code path serves every model.
 * - HR@k: 1 when any relevant item is in the top k.
 * - Recall@k: relevant items in the top k over min(k, |relevant|), so a perfect list scores 1
 *   even when the user has more relevant items than k.
 * - NDCG@k: DCG of the top k over the ideal DCG for min(k, |relevant|) relevant items.
 */
export function hitRate(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  return ranked.slice(0, k).some((item) => relevant.has(item)) ? 1 : 0;
}

export function recall(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  if (relevant.size === 0) return 0;
  const hits = ranked.slice(0, k).filter((item) => relevant.has(item)).length;
  return hits / Math.min(k, relevant.size);
}

export function ndcg(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((item, position) => {
    if (relevant.has(item)) dcg += 1 / Math.log2(position + 2);
  });
  let ideal = 0;
  for (let position = 0; position < Math.min(k, relevant.size); position += 1)
    ideal += 1 / Math.log2(position + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}
