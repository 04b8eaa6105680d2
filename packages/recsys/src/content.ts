/** What "more like this" compares besides audience: the film's descriptive features. */
export interface ItemContent {
  readonly genres: readonly string[];
  readonly people: readonly string[];
  readonly keywords: readonly string[];
}

const jaccard = (a: readonly string[], b: readonly string[]) => {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let shared = 0;
  for (const value of new Set(b)) if (set.has(value)) shared += 1;
  return shared / (set.size + new Set(b).size - shared);
};

/**
 * Content similarity in [0, 1]: Jaccard overlap of genres, people and keywords, weighted
 * 0.5 / 0.3 / 0.2. A feature kind that neither film has is left out (its weight redistributed),
 * so two films known only by their genres can still reach 1; one that only one film has counts
 * as no overlap.
 */
export function contentSimilarity(a: ItemContent, b: ItemContent): number {
  const parts: [number, readonly string[], readonly string[]][] = [
    [0.5, a.genres, b.genres],
    [0.3, a.people, b.people],
    [0.2, a.keywords, b.keywords],
  ];
  let weight = 0;
  let sum = 0;
  for (const [w, x, y] of parts) {
    if (x.length === 0 && y.length === 0) continue;
    weight += w;
    sum += w * jaccard(x, y);
  }
  return weight === 0 ? 0 : sum / weight;
}

/** Half-life decay weight of an event `ageMs` old. */
export const decay = (ageMs: number, halfLifeMs: number) =>
  0.5 ** (Math.max(ageMs, 0) / halfLifeMs);
