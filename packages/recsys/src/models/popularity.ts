import type { ImplicitMatrix } from '../matrix.ts';
import type { Recommender } from './recommender.ts';

/** Most popular first, the same list for everyone: the baseline every model must beat. */
export function trainPopularity(matrix: ImplicitMatrix): Recommender {
  const scores = Float64Array.from(matrix.itemCounts);
  return { name: 'most-popular', bytes: scores.byteLength, score: () => scores.slice() };
}
