import { describe, expect, it } from 'vitest';
import {
  buildImplicitMatrix,
  evaluate,
  invertSpd,
  invertSpdInPlace,
  timeOrderedHoldout,
  trainEase,
  trainItemKnn,
  trainPopularity,
  type Interaction,
} from '../src/index.ts';
import { random, tasteClusters } from './synthetic.ts';

describe('time-ordered hold-out', () => {
  const interactions: Interaction[] = [
    ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((itemId, n) => ({
      userId: 'u1',
      itemId,
      rating: 4,
      at: n,
    })),
    { userId: 'u1', itemId: 'late-dislike', rating: 1, at: 100 },
    { userId: 'u1', itemId: 'early-dislike', rating: 1, at: -1 },
    ...['a', 'b', 'c', 'd'].map((itemId, n) => ({ userId: 'u2', itemId, rating: 5, at: n })),
  ];

  it("holds out each user's latest 20% positives and trains only on what came before them", () => {
    const { train, test } = timeOrderedHoldout(interactions);
    expect(test.get('u1')).toEqual(new Set(['i', 'j']));
    const u1Train = train.filter((i) => i.userId === 'u1').map((i) => i.itemId);
    expect(u1Train).toEqual(['early-dislike', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('skips users with fewer than 5 positives, keeping all their data for training', () => {
    const { train, test } = timeOrderedHoldout(interactions);
    expect(test.has('u2')).toBe(false);
    expect(train.filter((i) => i.userId === 'u2')).toHaveLength(4);
  });
});

describe('linear algebra', () => {
  it('inverts a symmetric positive-definite matrix', () => {
    const n = 30;
    const next = random(7);
    const a = Float64Array.from({ length: n * n }, () => next() - 0.5);
    const spd = new Float64Array(n * n);
    for (let i = 0; i < n; i += 1)
      for (let j = 0; j < n; j += 1) {
        let sum = i === j ? n : 0;
        for (let k = 0; k < n; k += 1) sum += (a[i * n + k] ?? 0) * (a[j * n + k] ?? 0);
        spd[i * n + j] = sum;
      }
    const inverse = invertSpd(spd, n);
    for (let i = 0; i < n; i += 1)
      for (let j = 0; j < n; j += 1) {
        let sum = 0;
        for (let k = 0; k < n; k += 1) sum += (spd[i * n + k] ?? 0) * (inverse[k * n + j] ?? 0);
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 9);
      }
  });

  it('inverts in place by the symmetric sweep, matching the Cholesky inverse', () => {
    const n = 40;
    const next = random(11);
    const a = Float64Array.from({ length: n * n }, () => next() - 0.5);
    const spd = new Float64Array(n * n);
    for (let i = 0; i < n; i += 1)
      for (let j = 0; j < n; j += 1) {
        let sum = i === j ? 1 : 0;
        for (let k = 0; k < n; k += 1) sum += (a[i * n + k] ?? 0) * (a[j * n + k] ?? 0);
        spd[i * n + j] = sum;
      }
    const expected = invertSpd(spd, n);
    const swept = Float64Array.from(spd);
    invertSpdInPlace(swept, n);
    for (let i = 0; i < n * n; i += 1) expect(swept[i]).toBeCloseTo(expected[i] ?? NaN, 9);
    const notPositive = Float64Array.from([1, 2, 2, 1]);
    expect(() => invertSpdInPlace(notPositive, 2)).toThrow(/not positive definite/);
  });
});

describe('models', () => {
  const data = tasteClusters({ users: 400, items: 240, tastes: 4, perUser: 40, seed: 42 });

  it('ranks far better than most-popular on data with taste structure (EASE and item-kNN)', () => {
    const report = evaluate(data, [
      trainPopularity,
      (m) => trainItemKnn(m, { neighbours: 50 }),
      (m) => trainEase(m, { lambda: 50 }),
    ]);
    const [popularity, knn, ease] = report.models;
    expect(report.evaluatedUsers).toBeGreaterThan(300);
    expect(knn?.ndcgAt10).toBeGreaterThan(1.5 * (popularity?.ndcgAt10 ?? 1));
    expect(ease?.ndcgAt10).toBeGreaterThan(1.5 * (popularity?.ndcgAt10 ?? 1));
    for (const model of report.models) {
      expect(model.recallAt20).toBeGreaterThan(0);
      expect(model.hitRateAt10).toBeGreaterThanOrEqual(model.ndcgAt10);
    }
  });

  it('scores a user from their liked items alone, so a new rating changes the list without retraining', () => {
    const matrix = buildImplicitMatrix(data);
    const ease = trainEase(matrix, { lambda: 50 });
    const taste0 = [0, 4, 8].map((n) => matrix.itemIndex.get(`i${n}`) ?? -1);
    const taste1 = [1, 5, 9].map((n) => matrix.itemIndex.get(`i${n}`) ?? -1);
    const scores0 = ease.score(taste0);
    const scores1 = ease.score(taste1);
    const itemTaste = (index: number) => Number(matrix.items[index]?.slice(1)) % 4;
    const best = (scores: Float64Array, exclude: number[]) =>
      [...scores.keys()]
        .filter((i) => !exclude.includes(i))
        .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0))
        .slice(0, 5);
    expect(best(scores0, taste0).map(itemTaste)).toEqual([0, 0, 0, 0, 0]);
    expect(best(scores1, taste1).map(itemTaste)).toEqual([1, 1, 1, 1, 1]);
  });

  it('refuses catalogue sizes its dense matrices cannot hold', () => {
    const matrix = buildImplicitMatrix(data);
    expect(() => trainEase(matrix, { maxItems: 10 })).toThrow(RangeError);
    expect(() => trainItemKnn(matrix, { maxItems: 10 })).toThrow(RangeError);
  });
});
