import { afterEach, describe, expect, it } from 'vitest';
import {
  buildImplicitMatrix,
  factorKernel,
  foldIn,
  itemsOfUser,
  latentTasteRatings,
  random,
  trainSnapshot,
  useFactorKernels,
  type Interaction,
} from '../src/index.ts';

afterEach(() => useFactorKernels(true));

/** Dot products the plain way, in float64. */
function dots(
  matrix: Float32Array | Float64Array,
  rows: number,
  f: number,
  vector: ArrayLike<number>,
): number[] {
  return Array.from({ length: rows }, (_, r) => {
    let sum = 0;
    for (let a = 0; a < f; a += 1) sum += (matrix[r * f + a] ?? 0) * (vector[a] ?? 0);
    return sum;
  });
}

describe('WebAssembly factor kernel', () => {
  it('scores every item as its dot product with the user vector, to float32 precision', () => {
    const rng = random(7);
    const f = 32;
    const items = 1_003;
    const factors = Float32Array.from({ length: items * f }, () => rng() - 0.5);
    const x = Float64Array.from({ length: f }, () => rng() * 2 - 1);
    const kernel = factorKernel(factors, f);
    expect(kernel).not.toBeNull();
    const scores = new Float64Array(items);
    kernel?.scoreAll(x, scores);
    const expected = dots(factors, items, f, x);
    for (let j = 0; j < items; j += 1) expect(scores[j]).toBeCloseTo(expected[j] ?? NaN, 4);
    expect(factorKernel(factors, f)).toBe(kernel);
  });

  it('grows its memory for a matrix larger than the catalogue and still reads the item factors', () => {
    const rng = random(11);
    const f = 8;
    const items = 50;
    const factors = Float32Array.from({ length: items * f }, () => rng() - 0.5);
    const kernel = factorKernel(factors, f);
    for (const rows of [3, 20_000, 7]) {
      const matrix = Float64Array.from({ length: rows * f }, () => rng() - 0.5);
      kernel?.loadMatrix(matrix, rows);
      for (const item of [0, 17, items - 1]) {
        const got = Array.from(kernel?.dotsWithItem(item) ?? []);
        const want = dots(matrix, rows, f, factors.subarray(item * f, (item + 1) * f));
        expect(got).toHaveLength(rows);
        for (let r = 0; r < rows; r += 7) expect(got[r]).toBeCloseTo(want[r] ?? NaN, 5);
      }
    }
  });

  it('has no kernel when turned off or when the factor count is not a multiple of four', () => {
    expect(factorKernel(new Float32Array(30), 6)).toBeNull();
    useFactorKernels(false);
    expect(factorKernel(new Float32Array(32), 8)).toBeNull();
  });

  it('gives ALS fold-in the lists and reasons of the plain JavaScript path', () => {
    const data = latentTasteRatings({ users: 600, items: 900, ratings: 30_000, seed: 5 });
    const interactions: Interaction[] = [];
    let user = 0;
    for (const list of data.users()) {
      for (const { item, rating, at } of list)
        interactions.push({ userId: `u${user}`, itemId: `m${item}`, rating, at });
      user += 1;
    }
    const { snapshot } = trainSnapshot(interactions, { model: 'als' });
    const matrix = buildImplicitMatrix(interactions);
    const index = new Map(snapshot.items.map((id, i) => [id, i]));
    let compared = 0;
    for (let u = 0; u < 60; u += 1) {
      const liked = [...itemsOfUser(matrix, u)]
        .map((i) => index.get(matrix.items[i] ?? '') ?? -1)
        .filter((i) => i >= 0);
      if (liked.length < 3) continue;
      useFactorKernels(true);
      const fast = foldIn(snapshot, liked, 100, new Set(liked));
      useFactorKernels(false);
      const plain = foldIn(snapshot, liked, 100, new Set(liked));
      expect(fast.map((result) => result.item)).toEqual(plain.map((result) => result.item));
      expect(fast.map((result) => result.because)).toEqual(plain.map((result) => result.because));
      fast.forEach((result, n) => expect(result.score).toBeCloseTo(plain[n]?.score ?? NaN, 4));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(30);
  });
});
