import { describe, expect, it } from 'vitest';
import { hitRate, ndcg, recall, topK } from '../src/index.ts';

describe('ranking metrics', () => {
  const relevant = new Set(['b', 'd']);
  const ranked = ['a', 'b', 'c', 'd'];

  it('computes NDCG@k with binary relevance against the ideal ordering', () => {
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 1 + 1 / Math.log2(3);
    expect(ndcg(ranked, relevant, 10)).toBeCloseTo(dcg / ideal, 12);
    expect(ndcg(['b', 'd'], relevant, 10)).toBe(1);
    expect(ndcg(ranked, relevant, 1)).toBe(0);
  });

  it('normalises recall@k by min(k, relevant) and counts a hit at k', () => {
    expect(recall(ranked, relevant, 20)).toBe(1);
    expect(recall(ranked, relevant, 2)).toBe(0.5);
    expect(recall(['a'], new Set(['x', 'y', 'z']), 1)).toBe(0);
    expect(hitRate(ranked, relevant, 1)).toBe(0);
    expect(hitRate(ranked, relevant, 2)).toBe(1);
  });
});

describe('topK', () => {
  it('returns the best indices first, breaking ties by index, skipping excluded ones', () => {
    expect(topK([0.1, 0.9, 0.5, 0.9, 0.3], 3)).toEqual([1, 3, 2]);
    expect(topK([0.1, 0.9, 0.5, 0.9, 0.3], 3, new Set([1]))).toEqual([3, 2, 4]);
    expect(topK([1, 2], 5)).toEqual([1, 0]);
    expect(topK([1, 2], 0)).toEqual([]);
  });
});
