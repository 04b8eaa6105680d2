import { describe, expect, it } from 'vitest';
import { pairedBootstrapRatio, random } from '../src/index.ts';

describe('pairedBootstrapRatio', () => {
  it('gives the ratio of means and a percentile interval around it, the same for the same seed', () => {
    const next = random(7);
    const b = Float64Array.from({ length: 600 }, () => next());
    const a = b.map((value) => value * 1.1 + (next() - 0.5) * 0.2);
    const result = pairedBootstrapRatio(a, b);
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(result.ratio).toBeCloseTo(mean(a) / mean(b), 12);
    expect(result.draws).toBe(1_000);
    expect(result.low).toBeLessThan(result.ratio);
    expect(result.high).toBeGreaterThan(result.ratio);
    expect(result.low).toBeGreaterThan(1.03);
    expect(result.high).toBeLessThan(1.17);
    expect(pairedBootstrapRatio(a, b)).toEqual(result);
  });

  it('keeps pairs together: a model compared with itself has no spread', () => {
    const next = random(3);
    const a = Float64Array.from({ length: 200 }, () => next());
    expect(pairedBootstrapRatio(a, a)).toMatchObject({ ratio: 1, low: 1, high: 1 });
  });

  it('is wider on fewer users', () => {
    const next = random(11);
    const b = Float64Array.from({ length: 2_000 }, () => next());
    const a = b.map((value) => value + (next() - 0.5) * 0.5);
    const wide = pairedBootstrapRatio(a.subarray(0, 100), b.subarray(0, 100));
    const narrow = pairedBootstrapRatio(a, b);
    expect(wide.high - wide.low).toBeGreaterThan(2 * (narrow.high - narrow.low));
  });

  it('refuses arrays of different users', () => {
    expect(() => pairedBootstrapRatio([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedBootstrapRatio([], [])).toThrow(RangeError);
  });
});
