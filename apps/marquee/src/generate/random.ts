import { random } from '@marquee/recsys';

/** A small seeded generator (recsys's mulberry32): the same seed writes the same files on every machine. */
export class Random {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = random(seed);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /**
   * A long-tail index in [0, n): small indexes are far more likely (density ~ x^(1/skew - 1)),
   * so a few items get most of the picks, like real popularity.
   */
  skewed(n: number, skew = 3): number {
    return Math.min(n - 1, Math.floor(n * this.next() ** skew));
  }
}
