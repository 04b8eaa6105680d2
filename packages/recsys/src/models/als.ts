import { cholesky, choleskySolve, choleskySolveInPlace } from '../linalg.ts';
import { transpose, type ImplicitMatrix } from '../matrix.ts';
import { random } from '../random.ts';
import { factorKernel } from '../wasm/factorKernel.ts';
import type { Recommender } from './recommender.ts';

export interface AlsOptions {
  /** Latent dimensions f. */
  factors?: number;
  /** L2 regularisation λ on both sides. */
  regularization?: number;
  /** Confidence of a positive: c = 1 + α (Hu, Koren & Volinsky); every other cell has c = 1, p = 0. */
  alpha?: number;
  /** Alternating sweeps (users, then items). */
  iterations?: number;
  /** Conjugate-gradient steps per row and sweep, warm-started from the previous sweep. */
  cgSteps?: number;
  /** Seeds the initial factors: the same seed and data give bit-identical factors. */
  seed?: number;
}

/**
 * Defaults tuned on the synthetic latent-taste MovieLens data (`latentTasteRatings`; grid and
 * figures in docs/recommendations.md, "Tuning ALS"): time-ordered hold-out NDCG@10 peaked at 32
 * factors (16–128 tried), λ = 20 (1–50), α = 5 (2–40); 15 sweeps of 3 CG steps (8–25 tried). The
 * generator's tastes have about 43 dimensions, so real data may want more factors: retune there.
 */
export const ALS_DEFAULTS = {
  factors: 32,
  regularization: 20,
  alpha: 5,
  iterations: 15,
  cgSteps: 3,
  seed: 1,
} as const satisfies Required<AlsOptions>;

/** What serving needs to score any user from their liked items: Y and G = YᵀY + λI. */
export interface LatentFactors {
  /** f. */
  readonly factors: number;
  /** Confidence weight of a positive (c = 1 + α). */
  readonly alpha: number;
  /** Items × f, row-major. */
  readonly itemFactors: Float32Array;
  /** f × f, row-major: YᵀY + λI, the part of every user's normal equations that is not their own. */
  readonly gram: Float64Array;
}

export interface AlsFactors extends LatentFactors {
  /** Users × f, row-major (training users only; serving folds users in instead). */
  readonly userFactors: Float32Array;
}

/**
 * Implicit-feedback matrix factorisation (Hu, Koren & Volinsky, "Collaborative Filtering for
 * Implicit Feedback Datasets", ICDM 2008) by alternating least squares. Each row's normal
 * equations (YᵀC_uY + λI)·x_u = YᵀC_u·p_u are solved approximately by a few conjugate-gradient
 * steps warm-started from the previous sweep (Takács, Pilászy & Tikk, RecSys 2011; as in the
 * `implicit` library's `least_squares_cg`), so a sweep costs O(positives·f·steps + rows·f²·steps)
 * and never forms a per-row f×f matrix. YᵀY is shared by every row: only the row's own positives
 * add to it, which is what makes the sweep linear in positives.
 *
 * Memory: both factor matrices in float64 while training (8·f·(users + items) bytes) plus the
 * item → users transpose (4·positives bytes).
 */
export function alsFactors(matrix: ImplicitMatrix, options: AlsOptions = {}): AlsFactors {
  const f = options.factors ?? ALS_DEFAULTS.factors;
  const lambda = options.regularization ?? ALS_DEFAULTS.regularization;
  const alpha = options.alpha ?? ALS_DEFAULTS.alpha;
  const iterations = options.iterations ?? ALS_DEFAULTS.iterations;
  const cgSteps = options.cgSteps ?? ALS_DEFAULTS.cgSteps;
  const seed = options.seed ?? ALS_DEFAULTS.seed;
  if (!(f >= 1 && Number.isInteger(f)))
    throw new RangeError('ALS factors must be a positive integer');
  if (!(lambda > 0)) throw new RangeError('ALS regularization must be positive');
  const users = matrix.users.length;
  const n = matrix.items.length;
  const next = random(seed);
  // Small uniform start in [0, 0.01), as `implicit` does.
  const x = Float64Array.from({ length: users * f }, () => next() * 0.01);
  const y = Float64Array.from({ length: n * f }, () => next() * 0.01);
  const { colStart, usersOf } = transpose(matrix);
  const gram = new Float64Array(f * f);
  const work = { r: new Float64Array(f), p: new Float64Array(f), ap: new Float64Array(f) };
  for (let sweep = 0; sweep < iterations; sweep += 1) {
    regularisedGram(y, n, f, lambda, gram);
    solveRows(x, y, gram, matrix.rowStart, matrix.itemsOf, users, f, alpha, cgSteps, work);
    regularisedGram(x, users, f, lambda, gram);
    solveRows(y, x, gram, colStart, usersOf, n, f, alpha, cgSteps, work);
  }
  // G from the float32 factors serving will hold, so a fold-in solves exactly the system it describes.
  const itemFactors = Float32Array.from(y);
  regularisedGram(itemFactors, n, f, lambda, gram);
  return { factors: f, alpha, itemFactors, userFactors: Float32Array.from(x), gram };
}

/** ALS as a `Recommender`: every user is folded in from their items, exactly as serving does. */
export function trainAls(matrix: ImplicitMatrix, options: AlsOptions = {}): Recommender {
  const model = alsFactors(matrix, options);
  return {
    name: 'als',
    bytes: model.itemFactors.byteLength + model.userFactors.byteLength + model.gram.byteLength,
    score: (userItems) => alsScores(model, userItems).scores,
  };
}

/** G = VᵀV + λI over `rows` rows of f factors, written into `out`. */
export function regularisedGram(
  v: ArrayLike<number>,
  rows: number,
  f: number,
  lambda: number,
  out = new Float64Array(f * f),
): Float64Array {
  out.fill(0);
  for (let row = 0; row < rows; row += 1) {
    const o = row * f;
    for (let a = 0; a < f; a += 1) {
      const va = v[o + a] ?? 0;
      if (va === 0) continue;
      const ga = a * f;
      for (let b = a; b < f; b += 1) out[ga + b] = (out[ga + b] ?? 0) + va * (v[o + b] ?? 0);
    }
  }
  for (let a = 0; a < f; a += 1) {
    out[a * f + a] = (out[a * f + a] ?? 0) + lambda;
    for (let b = 0; b < a; b += 1) out[a * f + b] = out[b * f + a] ?? 0;
  }
  return out;
}

/**
 * One half-sweep: for each target row u with positives P(u) (the fixed side's rows), a few CG
 * steps on (G + α·Σ_{i∈P(u)} y_i·y_iᵀ)·x_u = (1 + α)·Σ_{i∈P(u)} y_i, from x_u's current value.
 */
function solveRows(
  target: Float64Array,
  fixed: Float64Array,
  gram: Float64Array,
  start: Int32Array,
  index: Int32Array,
  rows: number,
  f: number,
  alpha: number,
  cgSteps: number,
  work: { r: Float64Array; p: Float64Array; ap: Float64Array },
): void {
  const { r, p, ap } = work;
  const confidence = 1 + alpha;
  for (let u = 0; u < rows; u += 1) {
    const xo = u * f;
    const from = start[u] ?? 0;
    const to = start[u + 1] ?? 0;
    // r = b − A·x.
    for (let a = 0; a < f; a += 1) {
      let sum = 0;
      const ga = a * f;
      for (let b = 0; b < f; b += 1) sum += (gram[ga + b] ?? 0) * (target[xo + b] ?? 0);
      r[a] = -sum;
    }
    for (let at = from; at < to; at += 1) {
      const yo = (index[at] ?? 0) * f;
      let dot = 0;
      for (let a = 0; a < f; a += 1) dot += (fixed[yo + a] ?? 0) * (target[xo + a] ?? 0);
      const coefficient = confidence - alpha * dot;
      for (let a = 0; a < f; a += 1) r[a] = (r[a] ?? 0) + coefficient * (fixed[yo + a] ?? 0);
    }
    let rsOld = 0;
    for (let a = 0; a < f; a += 1) {
      p[a] = r[a] ?? 0;
      rsOld += (r[a] ?? 0) ** 2;
    }
    if (rsOld < 1e-20) continue;
    for (let step = 0; step < cgSteps; step += 1) {
      // ap = A·p = G·p + α·Σ y_i·(y_i·p).
      for (let a = 0; a < f; a += 1) {
        let sum = 0;
        const ga = a * f;
        for (let b = 0; b < f; b += 1) sum += (gram[ga + b] ?? 0) * (p[b] ?? 0);
        ap[a] = sum;
      }
      for (let at = from; at < to; at += 1) {
        const yo = (index[at] ?? 0) * f;
        let dot = 0;
        for (let a = 0; a < f; a += 1) dot += (fixed[yo + a] ?? 0) * (p[a] ?? 0);
        dot *= alpha;
        for (let a = 0; a < f; a += 1) ap[a] = (ap[a] ?? 0) + dot * (fixed[yo + a] ?? 0);
      }
      let pAp = 0;
      for (let a = 0; a < f; a += 1) pAp += (p[a] ?? 0) * (ap[a] ?? 0);
      const stepSize = rsOld / pAp;
      let rsNew = 0;
      for (let a = 0; a < f; a += 1) {
        target[xo + a] = (target[xo + a] ?? 0) + stepSize * (p[a] ?? 0);
        r[a] = (r[a] ?? 0) - stepSize * (ap[a] ?? 0);
        rsNew += (r[a] ?? 0) ** 2;
      }
      if (rsNew < 1e-20) break;
      const beta = rsNew / rsOld;
      for (let a = 0; a < f; a += 1) p[a] = (r[a] ?? 0) + beta * (p[a] ?? 0);
      rsOld = rsNew;
    }
  }
}

export interface FoldedInUser {
  /** The user's factors x_u. */
  readonly vector: Float64Array;
  /** y_j·x_u for every item j. */
  readonly scores: Float64Array;
  /** Cholesky factor of the user's A = G + α·Σ y_i·y_iᵀ, for explanations. */
  readonly factor: Float64Array;
}

/**
 * Folds a user in from their positive items without retraining: one exact f×f solve of the same
 * normal equations training solves, (G + α·Σ_{i∈liked} y_i·y_iᵀ)·x = (1 + α)·Σ_{i∈liked} y_i,
 * then scores every item as y_j·x. O(liked·f² + f³ + items·f). `scoresInto` (items long), when
 * given, receives the scores instead of a new array: serving reuses one per snapshot.
 */
export function alsScores(
  model: LatentFactors,
  liked: ArrayLike<number>,
  scoresInto?: Float64Array,
): FoldedInUser {
  const f = model.factors;
  const y = model.itemFactors;
  const a = Float64Array.from(model.gram);
  const b = new Float64Array(f);
  const confidence = 1 + model.alpha;
  for (let l = 0; l < liked.length; l += 1) {
    const yo = (liked[l] ?? 0) * f;
    for (let i = 0; i < f; i += 1) {
      const yi = y[yo + i] ?? 0;
      b[i] = (b[i] ?? 0) + confidence * yi;
      const scaled = model.alpha * yi;
      const row = i * f;
      // The upper triangle only (A is symmetric): half the work of a heavy rater's fold-in.
      for (let j = i; j < f; j += 1) a[row + j] = (a[row + j] ?? 0) + scaled * (y[yo + j] ?? 0);
    }
  }
  for (let i = 1; i < f; i += 1) for (let j = 0; j < i; j += 1) a[i * f + j] = a[j * f + i] ?? 0;
  const factor = cholesky(a, f);
  const vector = choleskySolve(factor, f, b);
  const n = y.length / f;
  const scores = scoresInto ?? new Float64Array(n);
  const kernel = factorKernel(y, f);
  if (kernel !== null) kernel.scoreAll(vector, scores);
  else {
    // A plain loop: unrolling it into partial sums measured slower here (unlike the reasons' loop).
    for (let j = 0; j < n; j += 1) {
      const yo = j * f;
      let sum = 0;
      for (let i = 0; i < f; i += 1) sum += (y[yo + i] ?? 0) * (vector[i] ?? 0);
      scores[j] = sum;
    }
  }
  return { vector, scores, factor };
}

/**
 * For each recommended item j, the liked item i contributing most to its score. The fold-in score
 * decomposes exactly: y_j·x_u = Σ_{i∈liked} (1 + α)·y_jᵀ·A⁻¹·y_i (Hu, Koren & Volinsky §5), and A
 * is symmetric, so i's share of j is y_j·(A⁻¹·y_i) = (A⁻¹·y_j)·y_i. One Cholesky solve per item of
 * the smaller side (a heavy rater likes thousands of films, a list holds 100), then one dot
 * product per pair, liked item by liked item.
 */
export function alsExplain(
  model: LatentFactors,
  user: FoldedInUser,
  liked: readonly number[],
  items: readonly number[],
): number[] {
  const f = model.factors;
  const y = model.itemFactors;
  const n = items.length;
  const solveItems = liked.length > n;
  const side = solveItems ? items : liked;
  // A⁻¹·y for every item of the smaller side, row after row in one array.
  const solved = new Float64Array(side.length * f);
  for (let s = 0; s < side.length; s += 1) {
    const yo = (side[s] ?? 0) * f;
    const zo = s * f;
    for (let a = 0; a < f; a += 1) solved[zo + a] = y[yo + a] ?? 0;
    choleskySolveInPlace(user.factor, f, solved, zo);
  }
  const best = new Int32Array(n).fill(-1);
  const bestShare = new Float64Array(n).fill(-Infinity);
  const kernel = factorKernel(y, f);
  if (kernel !== null) {
    kernel.loadMatrix(solved, side.length);
    if (solveItems) {
      // Per liked film, its share of every listed film at once.
      for (const i of liked) {
        const shares = kernel.dotsWithItem(i);
        for (let r = 0; r < n; r += 1) {
          const share = shares[r] ?? -Infinity;
          if (share > (bestShare[r] ?? -Infinity)) {
            bestShare[r] = share;
            best[r] = i;
          }
        }
      }
    } else {
      // Per listed film, every liked film's share of it.
      for (let r = 0; r < n; r += 1) {
        const shares = kernel.dotsWithItem(items[r] ?? 0);
        for (let l = 0; l < liked.length; l += 1) {
          const share = shares[l] ?? -Infinity;
          if (share > (bestShare[r] ?? -Infinity)) {
            bestShare[r] = share;
            best[r] = liked[l] ?? -1;
          }
        }
      }
    }
    return Array.from(best);
  }
  for (let l = 0; l < liked.length; l += 1) {
    const i = liked[l] ?? 0;
    for (let r = 0; r < n; r += 1) {
      // One side's raw factors against the other side's solved ones.
      const yo = (solveItems ? i : (items[r] ?? 0)) * f;
      const zo = (solveItems ? r : l) * f;
      // Four partial sums: independent additions the CPU can overlap.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let a = 0;
      for (; a + 3 < f; a += 4) {
        s0 += (y[yo + a] ?? 0) * (solved[zo + a] ?? 0);
        s1 += (y[yo + a + 1] ?? 0) * (solved[zo + a + 1] ?? 0);
        s2 += (y[yo + a + 2] ?? 0) * (solved[zo + a + 2] ?? 0);
        s3 += (y[yo + a + 3] ?? 0) * (solved[zo + a + 3] ?? 0);
      }
      for (; a < f; a += 1) s0 += (y[yo + a] ?? 0) * (solved[zo + a] ?? 0);
      const share = s0 + s1 + s2 + s3;
      // Strictly greater: among equal shares the first liked item stays.
      if (share > (bestShare[r] ?? -Infinity)) {
        bestShare[r] = share;
        best[r] = i;
      }
    }
  }
  return Array.from(best);
}
