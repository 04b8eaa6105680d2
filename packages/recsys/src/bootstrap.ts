import { random } from './random.ts';

export interface RatioInterval {
  /** mean(a) / mean(b) over every user. */
  ratio: number;
  /** 2.5th and 97.5th percentiles of the ratio over the resamples. */
  low: number;
  high: number;
  draws: number;
}

/**
 * Paired bootstrap of mean(a) / mean(b), where a[u] and b[u] are two models' metric for the same
 * user u: each draw resamples users with replacement and keeps each user's pair together, so the
 * interval reflects how much the ratio moves with which users a split happens to hold (Efron &
 * Tibshirani 1993, the percentile interval). Seeded: the same inputs give the same interval.
 * Cost O(draws · users).
 */
export function pairedBootstrapRatio(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  draws = 1_000,
  seed = 1,
): RatioInterval {
  if (a.length !== b.length || a.length === 0)
    throw new RangeError('pairedBootstrapRatio needs two non-empty arrays of the same users.');
  const n = a.length;
  const mean = (x: ArrayLike<number>): number => {
    let sum = 0;
    for (let u = 0; u < n; u += 1) sum += x[u] ?? 0;
    return sum / n;
  };
  const next = random(seed);
  const ratios = new Float64Array(draws);
  for (let d = 0; d < draws; d += 1) {
    let sumA = 0;
    let sumB = 0;
    for (let k = 0; k < n; k += 1) {
      const u = Math.floor(next() * n);
      sumA += a[u] ?? 0;
      sumB += b[u] ?? 0;
    }
    ratios[d] = sumB === 0 ? Number.NaN : sumA / sumB;
  }
  ratios.sort();
  const at = (q: number): number => ratios[Math.min(draws - 1, Math.floor(q * draws))] ?? NaN;
  return { ratio: mean(a) / mean(b), low: at(0.025), high: at(0.975), draws };
}
