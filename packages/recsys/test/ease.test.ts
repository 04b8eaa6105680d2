import { describe, expect, it } from 'vitest';
import { buildImplicitMatrix, type Interaction } from '../src/index.ts';
import { easeOnItems } from '../src/models/ease.ts';

/** 40 users over 10 films, each liking 4 consecutive films (mod 10): every film has 16 positives. */
function circulant(): Interaction[] {
  const out: Interaction[] = [];
  for (let user = 0; user < 40; user += 1)
    for (let k = 0; k < 4; k += 1)
      out.push({ userId: `u${user}`, itemId: `i${(user + k) % 10}`, rating: 5, at: k });
  return out;
}

describe('EASE with input dropout (emphasised denoising)', () => {
  const matrix = buildImplicitMatrix(circulant());
  const all = Int32Array.from(matrix.items.keys());

  it('is plain EASE at p = 0', () => {
    expect(easeOnItems(matrix, all, 50, 0)).toEqual(easeOnItems(matrix, all, 50));
  });

  it("adds p/(1−p) of each film's positives to its regulariser", () => {
    const counts = [...matrix.itemCounts];
    expect(new Set(counts).size).toBe(1);
    const count = counts[0] ?? 0;
    const withDropout = easeOnItems(matrix, all, 50, 0.25);
    const asLambda = easeOnItems(matrix, all, 50 + (0.25 / 0.75) * count);
    withDropout.forEach((value, k) => expect(value).toBeCloseTo(asLambda[k] ?? NaN, 12));
    // More regularisation shrinks the weights.
    const norm = (w: Float64Array) => w.reduce((s, v) => s + v * v, 0);
    expect(norm(withDropout)).toBeLessThan(norm(easeOnItems(matrix, all, 50)));
  });
});
