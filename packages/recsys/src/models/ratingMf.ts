import { cholesky, choleskySolve } from '../linalg.ts';
import { random } from '../random.ts';

// Biased matrix factorisation for rating prediction (Koren, Bell & Volinsky, "Matrix
// Factorization Techniques for Recommender Systems", 2009): r̂ = μ + bᵤ + bᵢ + pᵤ·qᵢ. Ranking
// models learn "would like"; this one learns the rating value, for `Movie.predictedRating`
// ("you'd rate this 4.2").

export interface RatingOptions {
  factors?: number;
  /** Alternating sweeps: every user, then every item. */
  sweeps?: number;
  /** L2 on the factors pᵤ, qᵢ, per rating of the row (weighted-λ). */
  regularization?: number;
  /** L2 on the biases bᵤ, bᵢ, per rating of the row. */
  biasRegularization?: number;
  /** Factors start N(0, initScale²). */
  initScale?: number;
  seed?: number;
  /** Residual item-kNN: neighbours kept per film (0: none). */
  neighbours?: number;
  /** Residual item-kNN: similarities shrink by n / (n + shrinkage) for n common raters. */
  shrinkage?: number;
  /** Residual item-kNN: how much of the neighbours' weighted residual is added. */
  neighbourWeight?: number;
}

/**
 * Tuned on a validation split of ml-100k's u1.base (every tenth rating held back), never on
 * u1..u5.test: docs/recommendations.md#predicted-ratings.
 */
export const RATING_DEFAULTS: Required<RatingOptions> = {
  factors: 48,
  sweeps: 5,
  regularization: 0.15,
  biasRegularization: 0.02,
  initScale: 0.1,
  seed: 1,
  neighbours: 50,
  shrinkage: 20,
  neighbourWeight: 1.5,
};

/** What serving keeps: the item side and the constants a user is folded in with. */
export interface RatingModel {
  readonly factors: number;
  /** Global mean rating μ. */
  readonly mean: number;
  /** Lowest and highest rating seen in training; predictions are clamped to them. */
  readonly min: number;
  readonly max: number;
  /** Regularisation a folded-in user is solved with (per rating, as in training). */
  readonly regularization: number;
  readonly biasRegularization: number;
  /** Per item index: bᵢ. */
  readonly itemBias: Float32Array;
  /** Per item index: qᵢ (items × factors, row-major). */
  readonly itemFactors: Float32Array;
  /** The residual item-kNN on top of the factors; null: factors alone. */
  readonly residual: ResidualNeighbours | null;
}

/**
 * Koren's observation ("Factorization Meets the Neighborhood", KDD 2008) that a neighbourhood
 * model on what the factors leave unexplained adds to them: per film its strongest neighbours by
 * the shrunk cosine of the two films' training residuals over their common raters, and r̂ +=
 * weight · Σ s_ij·e_uj / (Σ s_ij + 1) over the neighbours j the user rated, e_uj = r_uj − r̂_uj.
 */
export interface ResidualNeighbours {
  readonly weight: number;
  /** CSR rows: film i's neighbours are index[rowStart[i] .. rowStart[i + 1]), with similarities. */
  readonly rowStart: Int32Array;
  readonly index: Int32Array;
  readonly similarity: Float32Array;
}

/** Ratings as parallel columns of dense user and item indices. */
export interface RatingColumns {
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
  userCount: number;
  itemCount: number;
}

export interface TrainedRatingModel {
  model: RatingModel;
  /** The training users' own parameters (offline evaluation of the trained users). */
  userBias: Float32Array;
  userFactors: Float32Array;
}

function gaussian(next: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/**
 * Fits r̂ = μ + bᵤ + bᵢ + pᵤ·qᵢ by alternating least squares with weighted-λ regularisation (Zhou
 * et al., "Large-scale Parallel Collaborative Filtering for the Netflix Prize", 2008, with
 * biases): each sweep solves every user exactly with the items fixed, then every item with the
 * users fixed. On ml-100k this beat SGD (Surprise's `SVD` algorithm) at every setting tried, and
 * its user step is exactly the fold-in serving does, so trained and folded-in users agree.
 * Cost per sweep: O(ratings · f² + (users + items) · f³).
 */
export function trainRatingModel(
  columns: RatingColumns,
  options: RatingOptions = {},
): TrainedRatingModel {
  const o = { ...RATING_DEFAULTS, ...options };
  const { users, items, ratings, userCount, itemCount } = columns;
  const f = o.factors;
  const count = ratings.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < count; n += 1) {
    const r = ratings[n] ?? 0;
    sum += r;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  const mean = count === 0 ? 0 : sum / count;
  const next = random(o.seed);
  const userBias = new Float32Array(userCount);
  const itemBias = new Float32Array(itemCount);
  const userFactors = new Float32Array(userCount * f).map(() => gaussian(next) * o.initScale);
  const itemFactors = new Float32Array(itemCount * f).map(() => gaussian(next) * o.initScale);
  const byUser = csr(users, items, ratings, userCount);
  const byItem = csr(items, users, ratings, itemCount);
  const constants = {
    f,
    mean,
    lambda: o.regularization,
    lambdaBias: o.biasRegularization,
  };
  for (let sweep = 0; sweep < o.sweeps; sweep += 1) {
    ridgeRows(userBias, userFactors, itemBias, itemFactors, byUser, constants);
    ridgeRows(itemBias, itemFactors, userBias, userFactors, byItem, constants);
  }
  const factorsOnly: RatingModel = {
    factors: f,
    mean,
    min: count === 0 ? 0 : min,
    max: count === 0 ? 0 : max,
    regularization: o.regularization,
    biasRegularization: o.biasRegularization,
    itemBias,
    itemFactors,
    residual: null,
  };
  const residual =
    o.neighbours > 0
      ? residualNeighbours(factorsOnly, byUser, byItem, userBias, userFactors, o)
      : null;
  return {
    model: { ...factorsOnly, residual },
    userBias,
    userFactors,
  };
}

interface Csr {
  start: Int32Array;
  index: Int32Array;
  values: Float32Array;
}

/** Ratings grouped by `rows` (row r's entries at start[r] .. start[r + 1]). */
function csr(rows: Int32Array, columns: Int32Array, values: Float32Array, count: number): Csr {
  const start = new Int32Array(count + 1);
  for (const row of rows) start[row + 1] = (start[row + 1] ?? 0) + 1;
  for (let r = 0; r < count; r += 1) start[r + 1] = (start[r + 1] ?? 0) + (start[r] ?? 0);
  const fill = start.slice(0, count);
  const index = new Int32Array(rows.length);
  const grouped = new Float32Array(rows.length);
  for (let n = 0; n < rows.length; n += 1) {
    const row = rows[n] ?? 0;
    const at = fill[row] ?? 0;
    index[at] = columns[n] ?? 0;
    grouped[at] = values[n] ?? 0;
    fill[row] = at + 1;
  }
  return { start, index, values: grouped };
}

/**
 * Solves every row's bias and factors with the other side fixed: min Σ (r − μ − b_other − b −
 * x·y_other)² + n·(λ_b·b² + λ·‖x‖²) over the row's n ratings, one (f + 1)² Cholesky solve a row.
 */
function ridgeRows(
  bias: Float32Array,
  factors: Float32Array,
  otherBias: Float32Array,
  otherFactors: Float32Array,
  rows: Csr,
  constants: { f: number; mean: number; lambda: number; lambdaBias: number },
): void {
  const { f, mean, lambda, lambdaBias } = constants;
  const d = f + 1;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  const x = new Float64Array(d);
  const count = rows.start.length - 1;
  for (let row = 0; row < count; row += 1) {
    const from = rows.start[row] ?? 0;
    const to = rows.start[row + 1] ?? 0;
    if (to === from) continue;
    a.fill(0);
    b.fill(0);
    for (let at = from; at < to; at += 1) {
      const other = rows.index[at] ?? 0;
      x[0] = 1;
      for (let k = 0; k < f; k += 1) x[k + 1] = otherFactors[other * f + k] ?? 0;
      const target = (rows.values[at] ?? 0) - mean - (otherBias[other] ?? 0);
      for (let r = 0; r < d; r += 1) {
        const xr = x[r] ?? 0;
        b[r] = (b[r] ?? 0) + xr * target;
        const ar = r * d;
        for (let c = 0; c <= r; c += 1) a[ar + c] = (a[ar + c] ?? 0) + xr * (x[c] ?? 0);
      }
    }
    const n = to - from;
    a[0] = (a[0] ?? 0) + n * lambdaBias;
    for (let k = 1; k < d; k += 1) a[k * d + k] = (a[k * d + k] ?? 0) + n * lambda;
    for (let r = 0; r < d; r += 1)
      for (let c = r + 1; c < d; c += 1) a[r * d + c] = a[c * d + r] ?? 0;
    const solution = choleskySolve(cholesky(a, d), d, b);
    bias[row] = solution[0] ?? 0;
    for (let k = 0; k < f; k += 1) factors[row * f + k] = solution[k + 1] ?? 0;
  }
}

/**
 * Each film's `neighbours` most similar films by its residuals: for film i, every rater u of i
 * and every other film j of u adds e_ui·e_uj, so the time is Σ over users of their ratings² and
 * the memory two film-sized arrays (as item-kNN's neighbours).
 */
function residualNeighbours(
  model: RatingModel,
  byUser: Csr,
  byItem: Csr,
  userBias: Float32Array,
  userFactors: Float32Array,
  o: Required<RatingOptions>,
): ResidualNeighbours {
  const f = model.factors;
  const itemCount = byItem.start.length - 1;
  const userCount = byUser.start.length - 1;
  // Residuals in user-row order, and each film's sum of squared residuals.
  const residualOf = new Float32Array(byUser.index.length);
  const squares = new Float64Array(itemCount);
  for (let u = 0; u < userCount; u += 1) {
    const user = { bias: userBias[u] ?? 0, factors: userFactors.subarray(u * f, (u + 1) * f) };
    for (let at = byUser.start[u] ?? 0; at < (byUser.start[u + 1] ?? 0); at += 1) {
      const i = byUser.index[at] ?? 0;
      const e = (byUser.values[at] ?? 0) - unclampedPrediction(model, user, i);
      residualOf[at] = e;
      squares[i] = (squares[i] ?? 0) + e * e;
    }
  }
  // Each film's raters with their residual on it (the item-side CSR's row lengths, filled in
  // user order).
  const raters = new Int32Array(byItem.index.length);
  const raterResidual = new Float32Array(byItem.index.length);
  const fill = byItem.start.slice(0, itemCount);
  for (let u = 0; u < userCount; u += 1)
    for (let at = byUser.start[u] ?? 0; at < (byUser.start[u + 1] ?? 0); at += 1) {
      const i = byUser.index[at] ?? 0;
      const slot = fill[i] ?? 0;
      raters[slot] = u;
      raterResidual[slot] = residualOf[at] ?? 0;
      fill[i] = slot + 1;
    }
  const dots = new Float64Array(itemCount);
  const common = new Int32Array(itemCount);
  const touched: number[] = [];
  const rows: { index: number[]; similarity: number[] }[] = [];
  let total = 0;
  for (let i = 0; i < itemCount; i += 1) {
    touched.length = 0;
    for (let at = byItem.start[i] ?? 0; at < (byItem.start[i + 1] ?? 0); at += 1) {
      const u = raters[at] ?? 0;
      const ei = raterResidual[at] ?? 0;
      for (let k = byUser.start[u] ?? 0; k < (byUser.start[u + 1] ?? 0); k += 1) {
        const j = byUser.index[k] ?? 0;
        if (j === i) continue;
        if (common[j] === 0) touched.push(j);
        common[j] = (common[j] ?? 0) + 1;
        dots[j] = (dots[j] ?? 0) + ei * (residualOf[k] ?? 0);
      }
    }
    const candidates: { j: number; s: number }[] = [];
    for (const j of touched) {
      const n = common[j] ?? 0;
      const norm = Math.sqrt((squares[i] ?? 0) * (squares[j] ?? 0));
      const s = n > 1 && norm > 0 ? (((dots[j] ?? 0) / norm) * n) / (n + o.shrinkage) : 0;
      if (s > 0) candidates.push({ j, s });
      dots[j] = 0;
      common[j] = 0;
    }
    candidates.sort((a, b) => b.s - a.s || a.j - b.j);
    const kept = candidates.slice(0, o.neighbours);
    rows.push({ index: kept.map((c) => c.j), similarity: kept.map((c) => c.s) });
    total += kept.length;
  }
  const rowStart = new Int32Array(itemCount + 1);
  const index = new Int32Array(total);
  const similarity = new Float32Array(total);
  let offset = 0;
  rows.forEach((row, i) => {
    rowStart[i] = offset;
    index.set(row.index, offset);
    similarity.set(row.similarity, offset);
    offset += row.index.length;
  });
  rowStart[itemCount] = offset;
  return { weight: o.neighbourWeight, rowStart, index, similarity };
}

function unclampedPrediction(model: RatingModel, user: RatingUser, item: number): number {
  const f = model.factors;
  if (item < 0 || item >= model.itemBias.length) return model.mean + user.bias;
  let dot = 0;
  for (let a = 0; a < f; a += 1)
    dot += (user.factors[a] ?? 0) * (model.itemFactors[item * f + a] ?? 0);
  return model.mean + user.bias + (model.itemBias[item] ?? 0) + dot;
}

const clamp = (model: RatingModel, value: number) =>
  Math.min(model.max, Math.max(model.min, value));

/** A user's parameters: trained, or folded in from their ratings. */
export interface RatingUser {
  bias: number;
  factors: Float64Array | Float32Array;
}

/**
 * μ + bᵤ + bᵢ + pᵤ·qᵢ plus the residual neighbours' correction from the user's own ratings
 * (`rated`: item index → rating), clamped to the training scale. A film the model does not know
 * gets μ + bᵤ.
 */
export function predictRating(
  model: RatingModel,
  user: RatingUser,
  item: number,
  rated?: ReadonlyMap<number, number>,
): number {
  const base = unclampedPrediction(model, user, item);
  const { residual } = model;
  if (residual === null || rated === undefined || item < 0 || item >= model.itemBias.length)
    return clamp(model, base);
  let weighted = 0;
  let weights = 0;
  const end = residual.rowStart[item + 1] ?? 0;
  for (let at = residual.rowStart[item] ?? 0; at < end; at += 1) {
    const j = residual.index[at] ?? 0;
    const rating = rated.get(j);
    if (rating === undefined) continue;
    const s = residual.similarity[at] ?? 0;
    weighted += s * (rating - unclampedPrediction(model, user, j));
    weights += s;
  }
  return clamp(model, base + (residual.weight * weighted) / (weights + 1));
}

/**
 * A user the model has not trained, from their ratings, with the item side fixed: the ridge
 * regression training's objective gives for one user, min Σ (r − μ − bᵢ − bᵤ − qᵢ·pᵤ)² +
 * n·(λ_b·bᵤ² + λ·‖pᵤ‖²) over their n ratings (SGD applies the penalty once per rating), solved
 * exactly: one (f + 1) × (f + 1) Cholesky solve. Items the model does not know are skipped; no
 * known rating gives bᵤ = 0, pᵤ = 0 (the baseline μ + bᵢ).
 */
export function foldInRatings(
  model: RatingModel,
  rated: readonly { item: number; rating: number }[],
): RatingUser {
  const f = model.factors;
  const d = f + 1;
  const known = rated.filter((r) => r.item >= 0 && r.item < model.itemBias.length);
  if (known.length === 0) return { bias: 0, factors: new Float64Array(f) };
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  const x = new Float64Array(d);
  for (const { item, rating } of known) {
    x[0] = 1;
    for (let k = 0; k < f; k += 1) x[k + 1] = model.itemFactors[item * f + k] ?? 0;
    const target = rating - model.mean - (model.itemBias[item] ?? 0);
    for (let r = 0; r < d; r += 1) {
      const xr = x[r] ?? 0;
      b[r] = (b[r] ?? 0) + xr * target;
      for (let c = 0; c <= r; c += 1) a[r * d + c] = (a[r * d + c] ?? 0) + xr * (x[c] ?? 0);
    }
  }
  const n = known.length;
  a[0] = (a[0] ?? 0) + n * model.biasRegularization;
  for (let k = 1; k < d; k += 1) a[k * d + k] = (a[k * d + k] ?? 0) + n * model.regularization;
  for (let r = 0; r < d; r += 1)
    for (let c = r + 1; c < d; c += 1) a[r * d + c] = a[c * d + r] ?? 0;
  const solution = choleskySolve(cholesky(a, d), d, b);
  return { bias: solution[0] ?? 0, factors: solution.subarray(1) };
}

export const ratingModelBytes = (model: RatingModel) =>
  model.itemBias.byteLength +
  model.itemFactors.byteLength +
  (model.residual === null
    ? 0
    : model.residual.rowStart.byteLength +
      model.residual.index.byteLength +
      model.residual.similarity.byteLength);
