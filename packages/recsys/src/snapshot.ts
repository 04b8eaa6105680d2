import { endianness } from 'node:os';
import { isPositive, POSITIVE_THRESHOLD, type Interaction } from './interactions.ts';
import { buildImplicitMatrix, type ImplicitMatrix } from './matrix.ts';
import {
  alsExplain,
  alsFactors,
  alsScores,
  type AlsOptions,
  type LatentFactors,
} from './models/als.ts';
import { factorKernel } from './wasm/factorKernel.ts';
import {
  RATING_DEFAULTS,
  ratingModelBytes,
  trainRatingModel,
  type RatingModel,
  type RatingOptions,
} from './models/ratingMf.ts';
import {
  SEQUENTIAL_DEFAULTS,
  sequentialEaseRows,
  type SequentialEaseOptions,
} from './models/sequential.ts';
import { itemKnnNeighbours } from './models/itemKnn.ts';
import type { Recommender } from './models/recommender.ts';
import { topK, topKMasked } from './topK.ts';

export type SnapshotKind = 'ease' | 'item-knn' | 'als';

/**
 * What serving needs from a training run, and nothing else, so a user is scored from their liked
 * items at request time (a new rating changes their list without retraining):
 * - neighbourhood models (EASE, item-kNN): per item its strongest neighbours, sparse rows of the
 *   model's item-to-item weights; a user's score is the sum of their liked items' rows;
 * - ALS: the item factors and YᵀY + λI (`latent`); a user is folded in by one f×f solve.
 * Every kind carries a time-decayed popularity.
 */
export interface ModelSnapshot {
  readonly kind: SnapshotKind;
  /** Epoch milliseconds. */
  readonly trainedAt: number;
  /** Item index → item id. */
  readonly items: readonly string[];
  /** CSR rows: item i's neighbours are neighbours[rowStart[i] .. rowStart[i + 1]), best first (empty for ALS). */
  readonly rowStart: Int32Array;
  readonly neighbours: Int32Array;
  readonly weights: Float32Array;
  /** ALS only: item factors and the regularised Gram matrix; null for neighbourhood models. */
  readonly latent: LatentFactors | null;
  /**
   * Neighbourhood models: a user's k-th latest liked film weighs 0.5^(k / this) in their scores
   * (0: every liked film alike). Absent from snapshots written before it existed (read as 0).
   */
  readonly recencyHalfLife: number;
  /** Positive ratings per item, each weighted 0.5^(age / half-life), age from the latest rating. */
  readonly popularity: Float32Array;
  /**
   * The rating-prediction model on the same item indices (`Movie.predictedRating`); null in
   * snapshots written before it existed or trained without it.
   */
  readonly rating: RatingModel | null;
}

export interface TrainSnapshotOptions {
  /** Sequence-aware EASE up to this many items, ALS above it (default: EASE at every size). */
  easeMaxItems?: number;
  /** Train this model whatever the catalogue size (benchmarks and comparisons). */
  model?: SnapshotKind;
  /** Neighbours kept per item in the snapshot (EASE and item-kNN are pruned to this). */
  neighbours?: number;
  /** EASE's L2 regularisation. */
  lambda?: number;
  /** The served EASE's head, transitions and recency (`SEQUENTIAL_DEFAULTS`). */
  sequence?: Omit<SequentialEaseOptions, 'lambda' | 'neighbours'> & { recencyHalfLife?: number };
  als?: AlsOptions;
  /** The rating model trained beside the ranking model; `false`: none. */
  rating?: RatingOptions | false;
  /** The rating model learns from about this many ratings at most (whole histories of every k-th user). */
  ratingSample?: number;
  popularityHalfLifeDays?: number;
  positiveThreshold?: number;
}

export interface TrainedSnapshot {
  snapshot: ModelSnapshot;
  stats: { users: number; items: number; interactions: number; positives: number };
}

/** The part of a snapshot a model produces. */
type ModelParts = Pick<
  ModelSnapshot,
  'rowStart' | 'neighbours' | 'weights' | 'latent' | 'recencyHalfLife'
>;

/**
 * Which model a catalogue of `items` items gets: sequence-aware EASE at every size — its dense
 * part covers only the head (`SEQUENTIAL_DEFAULTS.headItems`), so memory and time stay bounded
 * however large the catalogue — and implicit ALS above `easeMaxItems` when that is set (ALS ranked
 * below it on every real dataset tried, docs/recommendations.md). `model` overrides the choice.
 */
export function chooseModel(items: number, options: TrainSnapshotOptions = {}): SnapshotKind {
  return options.model ?? (items <= (options.easeMaxItems ?? Infinity) ? 'ease' : 'als');
}

/** Every model a snapshot can hold, trained on the one matrix shape. */
const BUILDERS: Record<
  SnapshotKind,
  (matrix: ImplicitMatrix, options: TrainSnapshotOptions) => ModelParts
> = {
  ease: (matrix, options) => {
    const { recencyHalfLife, ...sequence } = options.sequence ?? {};
    return {
      ...sequentialEaseRows(matrix, {
        ...sequence,
        ...(options.lambda === undefined ? {} : { lambda: options.lambda }),
        ...(options.neighbours === undefined ? {} : { neighbours: options.neighbours }),
      }),
      latent: null,
      recencyHalfLife: recencyHalfLife ?? SEQUENTIAL_DEFAULTS.recencyHalfLife,
    };
  },
  'item-knn': (matrix, options) => knnRows(matrix, options.neighbours ?? 100),
  als: (matrix, options) => {
    const { factors, alpha, itemFactors, gram } = alsFactors(matrix, options.als);
    const empty = new Int32Array(matrix.items.length + 1);
    return {
      rowStart: empty,
      neighbours: new Int32Array(0),
      weights: new Float32Array(0),
      latent: { factors, alpha, itemFactors, gram },
      recencyHalfLife: 0,
    };
  },
};

/** Trains the model the catalogue size allows and packs it into a snapshot. */
export function trainSnapshot(
  /** Iterated three times; a lazy iterable (one reused object per step) keeps memory flat. */
  interactions: Iterable<Interaction>,
  options: TrainSnapshotOptions = {},
  now = Date.now(),
): TrainedSnapshot {
  const threshold = options.positiveThreshold ?? POSITIVE_THRESHOLD;
  const matrix = buildImplicitMatrix(interactions, threshold);
  const n = matrix.items.length;
  const kind = chooseModel(n, options);
  const parts = BUILDERS[kind](matrix, options);
  let latest = 0;
  let count = 0;
  for (const interaction of interactions) {
    count += 1;
    if (interaction.at > latest) latest = interaction.at;
  }
  const halfLife = (options.popularityHalfLifeDays ?? 365) * 86_400_000;
  const popularity = new Float32Array(n);
  for (const interaction of interactions) {
    if (!isPositive(interaction, threshold)) continue;
    const item = matrix.itemIndex.get(interaction.itemId);
    if (item === undefined) continue;
    popularity[item] = (popularity[item] ?? 0) + 0.5 ** ((latest - interaction.at) / halfLife);
  }
  const rating =
    options.rating === false
      ? null
      : trainRatingModel(
          ratingColumnsOf(
            interactions,
            count,
            options.ratingSample ?? RATING_SAMPLE,
            matrix.userIndex,
            matrix.itemIndex,
          ),
          options.rating ?? RATING_DEFAULTS,
        ).model;
  return {
    snapshot: { kind, trainedAt: now, items: matrix.items, ...parts, popularity, rating },
    stats: {
      users: matrix.users.length,
      items: n,
      interactions: count,
      positives: matrix.itemsOf.length,
    },
  };
}

/**
 * The rating model's cost is O(ratings · f² + (users + items) · f³) a sweep plus Σ over users of
 * their ratings² for the residual neighbours: about 30 s per 100,000 ratings on the shared
 * two-core machine under load (the ml-10m sample), so a 25M-rating run would take hours, and even
 * an every-25th-rating sample of 1,000,000 took 270 s of the 5-minute training budget. Above this
 * many ratings it learns from the whole histories of every k-th user (k = ⌈ratings / cap⌉), not
 * from every k-th rating: serving keeps only the film side and folds each viewer in from their own
 * ratings, so the training users are there to fit the films; a sampled user keeps enough ratings
 * to be fitted (every 25th rating left each of 160,000 users about six), and the per-user solves
 * drop with the sample. ml-100k-sized data (and anything up to this many ratings) is used whole.
 */
const RATING_SAMPLE = 250_000;

/**
 * Ratings (liked or not) as columns on the ranking matrix's user and item indices: all of them up
 * to `cap`, above it the ratings of every k-th user (by the matrix's user index), about `cap` in all.
 */
export function ratingColumnsOf(
  interactions: Iterable<Interaction>,
  count: number,
  cap: number,
  userIndex: ReadonlyMap<string, number>,
  itemIndex: ReadonlyMap<string, number>,
) {
  const stride = Math.max(1, Math.ceil(count / Math.max(1, cap)));
  let users = new Int32Array(Math.min(count, Math.ceil(count / stride)));
  let items = new Int32Array(users.length);
  let ratings = new Float32Array(users.length);
  let n = 0;
  for (const interaction of interactions) {
    const user = userIndex.get(interaction.userId) ?? 0;
    if (user % stride !== 0) continue;
    if (n === users.length) {
      // Heavy raters among the sampled users: grow (rare; the expected size is count / stride).
      const grown = Math.max(16, users.length * 2);
      users = copyInto(new Int32Array(grown), users);
      items = copyInto(new Int32Array(grown), items);
      ratings = copyInto(new Float32Array(grown), ratings);
    }
    users[n] = user;
    items[n] = itemIndex.get(interaction.itemId) ?? 0;
    ratings[n] = interaction.rating;
    n += 1;
  }
  return {
    users: users.subarray(0, n),
    items: items.subarray(0, n),
    ratings: ratings.subarray(0, n),
    userCount: userIndex.size,
    itemCount: itemIndex.size,
  };
}

function copyInto<T extends Int32Array | Float32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/**
 * The served model as a `Trainer` for offline evaluation: the same model choice, the same pruned
 * rows or factors and the same scoring as serving (`scoreUser`), so `evaluate` measures what users
 * get, not a model it came from.
 */
export function trainServedModel(
  matrix: ImplicitMatrix,
  options: TrainSnapshotOptions = {},
): Recommender {
  const kind = chooseModel(matrix.items.length, options);
  const parts = BUILDERS[kind](matrix, options);
  const transitionWeight =
    options.sequence?.transitionWeight ?? SEQUENTIAL_DEFAULTS.transitionWeight;
  const name =
    parts.latent !== null
      ? `served (${kind}, ${parts.latent.factors} factors)`
      : kind === 'ease'
        ? `served (ease${(options.sequence?.dropout ?? 0) > 0 ? ` dropout ${options.sequence?.dropout}` : ''}${transitionWeight > 0 ? ` + transitions ×${transitionWeight}` : ''}, recency ${parts.recencyHalfLife})`
        : `served (${kind}, top ${options.neighbours ?? 100})`;
  return {
    name,
    bytes: partsBytes(parts),
    score: (userItems) => scoreUser(parts, Array.from(userItems)).scores,
  };
}

interface UserScores {
  scores: Float64Array;
  /** Per item, the liked item behind its score (−1: none); filled lazily for ALS. */
  because: (items: readonly number[]) => number[];
}

/**
 * Catalogue-sized work arrays, one set per served snapshot, reused by every `foldIn` on it: a
 * fold-in runs to completion synchronously, and fresh arrays per request (items × 17 bytes) were
 * most of serving's garbage on large catalogues. Zeroed (or reset) at the start of each use.
 */
interface Scratch {
  scores: Float64Array;
  because: Int32Array | undefined;
  strongest: Float32Array | undefined;
  /** 1: excluded from the top k; cleared again after each use. */
  excluded: Uint8Array;
}

const scratches = new WeakMap<ModelParts, Scratch>();

function itemCount(parts: ModelParts): number {
  return parts.latent === null
    ? parts.rowStart.length - 1
    : parts.latent.itemFactors.length / parts.latent.factors;
}

function scratchOf(parts: ModelParts): Scratch {
  let scratch = scratches.get(parts);
  if (scratch === undefined) {
    const n = itemCount(parts);
    const rows = parts.latent === null;
    scratch = {
      scores: new Float64Array(n),
      because: rows ? new Int32Array(n) : undefined,
      strongest: rows ? new Float32Array(n) : undefined,
      excluded: new Uint8Array(n),
    };
    scratches.set(parts, scratch);
  }
  return scratch;
}

/**
 * Scores every item for a user from their liked items: the one scoring path of serving and
 * evaluation. With `scratch` the scores live in its arrays (valid until the next use of the
 * scratch); without, in new ones the caller may keep.
 */
function scoreUser(
  parts: ModelParts,
  liked: readonly number[],
  scratch?: Scratch,
  reasonsFrom: readonly number[] = liked,
): UserScores {
  const { latent } = parts;
  if (latent !== null) {
    const user = alsScores(latent, liked, scratch?.scores);
    return {
      scores: user.scores,
      because: (items) => alsExplain(latent, user, reasonsFrom, items),
    };
  }
  const n = parts.rowStart.length - 1;
  let scores: Float64Array;
  let because: Int32Array;
  let strongest: Float32Array;
  if (scratch?.because !== undefined && scratch.strongest !== undefined) {
    scores = scratch.scores.fill(0);
    because = scratch.because.fill(-1);
    strongest = scratch.strongest.fill(0);
  } else {
    scores = new Float64Array(n);
    because = new Int32Array(n).fill(-1);
    strongest = new Float32Array(n);
  }
  // Liked films come oldest first; the latest weighs 1. The reason is the largest weighted share.
  // A history no longer than the half-life is weighed evenly: a new user's first likes, often
  // given in one sitting, say nothing about drifting taste, and their order is the order they
  // happened to be clicked in.
  const halfLife = liked.length > parts.recencyHalfLife ? parts.recencyHalfLife : 0;
  for (let k = 0; k < liked.length; k += 1) {
    const i = liked[k] ?? 0;
    const end = parts.rowStart[i + 1] ?? 0;
    const share = halfLife > 0 ? 0.5 ** ((liked.length - 1 - k) / halfLife) : 1;
    // Below 2⁻²⁰ a liked film changes no ranking; skipping it bounds a heavy rater's cost.
    if (share < 2 ** -20) continue;
    for (let offset = parts.rowStart[i] ?? 0; offset < end; offset += 1) {
      const j = parts.neighbours[offset] ?? 0;
      const weight = share * (parts.weights[offset] ?? 0);
      scores[j] = (scores[j] ?? 0) + weight;
      if (weight > (strongest[j] ?? 0)) {
        strongest[j] = weight;
        because[j] = i;
      }
    }
  }
  return { scores, because: (items) => items.map((item) => because[item] ?? -1) };
}

const partsBytes = (parts: ModelParts) =>
  parts.rowStart.byteLength +
  parts.neighbours.byteLength +
  parts.weights.byteLength +
  (parts.latent === null ? 0 : parts.latent.itemFactors.byteLength + parts.latent.gram.byteLength);

type Rows = Omit<ModelParts, 'latent'> & { latent: null };

function toRows(n: number, perItem: (i: number) => { index: number; weight: number }[]): Rows {
  const lists = Array.from({ length: n }, (_, i) => perItem(i));
  const rowStart = new Int32Array(n + 1);
  let total = 0;
  lists.forEach((list, i) => {
    rowStart[i] = total;
    total += list.length;
  });
  rowStart[n] = total;
  const neighbours = new Int32Array(total);
  const weights = new Float32Array(total);
  lists.forEach((list, i) => {
    let offset = rowStart[i] ?? 0;
    for (const { index, weight } of list) {
      neighbours[offset] = index;
      weights[offset] = weight;
      offset += 1;
    }
  });
  return { rowStart, neighbours, weights, latent: null, recencyHalfLife: 0 };
}

function knnRows(matrix: ImplicitMatrix, k: number): Rows {
  const { neighbourIndex, neighbourSim } = itemKnnNeighbours(matrix, { neighbours: k });
  return toRows(matrix.items.length, (i) => {
    const list: { index: number; weight: number }[] = [];
    for (let slot = 0; slot < k; slot += 1) {
      const j = neighbourIndex[i * k + slot] ?? -1;
      if (j < 0) break;
      list.push({ index: j, weight: neighbourSim[i * k + slot] ?? 0 });
    }
    return list;
  });
}

export interface FoldInResult {
  item: number;
  score: number;
  /** The liked item contributing most to this score (for "Because you liked …"). */
  because: number;
}

/**
 * Fold-in: scores every item from the user's liked items alone, best `k` first, skipping
 * `exclude` (everything the user rated) and items scored 0 or below (nothing liked points to them).
 * `reasonsFrom` (some of `liked`) bounds which liked items an ALS reason may name: its cost is
 * k × reasonsFrom × factors, the largest part of a heavy rater's fold-in. Neighbourhood models
 * find their reasons while scoring and ignore it.
 */
export function foldIn(
  snapshot: ModelSnapshot,
  liked: readonly number[],
  k: number,
  exclude: ReadonlySet<number> = new Set(),
  reasonsFrom?: readonly number[],
): FoldInResult[] {
  const scratch = scratchOf(snapshot);
  const { scores, because } = scoreUser(snapshot, liked, scratch, reasonsFrom);
  const { excluded } = scratch;
  let top: number[];
  try {
    for (const item of exclude) excluded[item] = 1;
    top = topKMasked(scores, k, excluded).filter((item) => (scores[item] ?? 0) > 0);
  } finally {
    for (const item of exclude) excluded[item] = 0;
  }
  const reasons = because(top);
  return top.map((item, n) => ({ item, score: scores[item] ?? 0, because: reasons[n] ?? -1 }));
}

/**
 * Item `item`'s `k` most similar items by the audience: its strongest rows for neighbourhood
 * models, cosine of item factors for ALS (O(items·f) per call). Never the item itself.
 */
export function similarItems(
  snapshot: ModelSnapshot,
  item: number,
  k: number,
): { item: number; weight: number }[] {
  const { latent } = snapshot;
  if (latent === null) {
    const result: { item: number; weight: number }[] = [];
    const end = Math.min(snapshot.rowStart[item + 1] ?? 0, (snapshot.rowStart[item] ?? 0) + k);
    for (let offset = snapshot.rowStart[item] ?? 0; offset < end; offset += 1) {
      result.push({
        item: snapshot.neighbours[offset] ?? 0,
        weight: snapshot.weights[offset] ?? 0,
      });
    }
    return result;
  }
  const f = latent.factors;
  const y = latent.itemFactors;
  const n = snapshot.items.length;
  const lengths = factorLengths(latent);
  const own = lengths[item] ?? 0;
  const cosines = new Float64Array(n);
  const kernel = factorKernel(y, f);
  if (kernel !== null) kernel.scoreAll(y.subarray(item * f, (item + 1) * f), cosines);
  else {
    for (let j = 0; j < n; j += 1) {
      let dot = 0;
      for (let a = 0; a < f; a += 1) dot += (y[item * f + a] ?? 0) * (y[j * f + a] ?? 0);
      cosines[j] = dot;
    }
  }
  for (let j = 0; j < n; j += 1) {
    const denominator = own * (lengths[j] ?? 0);
    cosines[j] = denominator > 0 ? (cosines[j] ?? 0) / denominator : 0;
  }
  return topK(cosines, k, new Set([item]))
    .filter((j) => (cosines[j] ?? 0) > 0)
    .map((j) => ({ item: j, weight: cosines[j] ?? 0 }));
}

const lengthsByModel = new WeakMap<LatentFactors, Float64Array>();

/** Each item's factor-vector length, computed once per model for the cosines of `similarItems`. */
function factorLengths(latent: LatentFactors): Float64Array {
  let lengths = lengthsByModel.get(latent);
  if (lengths === undefined) {
    const f = latent.factors;
    const y = latent.itemFactors;
    lengths = new Float64Array(y.length / f);
    for (let j = 0; j < lengths.length; j += 1) {
      let sum = 0;
      for (let a = 0; a < f; a += 1) sum += (y[j * f + a] ?? 0) ** 2;
      lengths[j] = Math.sqrt(sum);
    }
    lengthsByModel.set(latent, lengths);
  }
  return lengths;
}

const MAGIC = 'MQRS';
/**
 * 2: ALS factors after popularity. 1: neighbour rows and popularity only, still what EASE and
 * item-kNN snapshots are written as, so servers that read only format 1 keep reading them.
 */
const LATENT_FORMAT = 2;
const ROWS_FORMAT = 1;
/** 3: either of the above followed by the rating model. */
const RATING_FORMAT = 3;
const READABLE_FORMATS = new Set([1, 2, 3]);

/**
 * Binary form: "MQRS", format version (u32), header length (u32), JSON header (kind, trainedAt,
 * items, nnz; from version 2 also factors f, 0 for none, and alpha), zero padding to 4 bytes, then
 * rowStart, neighbours, weights, popularity as little-endian 32-bit arrays and, from version 2,
 * item factors (items × f float32) and YᵀY + λI (f × f float64); from version 3, when the header
 * has `rating` (its f, μ, scale, regularisation and residual neighbours' count and weight), the
 * rating model's item biases (items float32) and item factors (items × f float32), then, unless
 * the count is −1, the residual neighbours' rows (items + 1 int32), films (int32) and
 * similarities (float32). Arrays are copied as they sit in
 * memory, so this refuses to run on a big-endian host rather than write a snapshot other hosts
 * misread.
 */
export function serializeSnapshot(snapshot: ModelSnapshot): Buffer {
  assertLittleEndian();
  const header = Buffer.from(
    JSON.stringify({
      kind: snapshot.kind,
      trainedAt: snapshot.trainedAt,
      items: snapshot.items,
      nnz: snapshot.neighbours.length,
      factors: snapshot.latent?.factors ?? 0,
      alpha: snapshot.latent?.alpha ?? 0,
      recencyHalfLife: snapshot.recencyHalfLife,
      ...(snapshot.rating === null
        ? {}
        : {
            rating: {
              factors: snapshot.rating.factors,
              mean: snapshot.rating.mean,
              min: snapshot.rating.min,
              max: snapshot.rating.max,
              regularization: snapshot.rating.regularization,
              biasRegularization: snapshot.rating.biasRegularization,
              // Residual neighbours: their count (−1: none) and weight.
              residualNnz: snapshot.rating.residual?.index.length ?? -1,
              residualWeight: snapshot.rating.residual?.weight ?? 0,
            },
          }),
    }),
  );
  const headerEnd = 12 + header.length;
  const padded = headerEnd + ((4 - (headerEnd % 4)) % 4);
  const arrays: ArrayBufferView[] = [
    snapshot.rowStart,
    snapshot.neighbours,
    snapshot.weights,
    snapshot.popularity,
  ];
  if (snapshot.latent !== null) arrays.push(snapshot.latent.itemFactors, snapshot.latent.gram);
  if (snapshot.rating !== null) {
    arrays.push(snapshot.rating.itemBias, snapshot.rating.itemFactors);
    const { residual } = snapshot.rating;
    if (residual !== null) arrays.push(residual.rowStart, residual.index, residual.similarity);
  }
  const out = Buffer.alloc(padded + arrays.reduce((sum, array) => sum + array.byteLength, 0));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(
    snapshot.rating !== null
      ? RATING_FORMAT
      : snapshot.latent === null
        ? ROWS_FORMAT
        : LATENT_FORMAT,
    4,
  );
  out.writeUInt32LE(header.length, 8);
  header.copy(out, 12);
  let offset = padded;
  for (const array of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset += array.byteLength;
  }
  return out;
}

export function deserializeSnapshot(data: Uint8Array): ModelSnapshot {
  assertLittleEndian();
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== MAGIC)
    throw new TypeError('not a model snapshot');
  const format = bytes.readUInt32LE(4);
  if (!READABLE_FORMATS.has(format)) {
    throw new TypeError(
      `model snapshot format ${format} is not readable by this version (reads formats ${[...READABLE_FORMATS].join(', ')}); ` +
        'deploy the version that wrote it or train a new snapshot with `marquee train`',
    );
  }
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as {
    kind: SnapshotKind;
    trainedAt: number;
    items: string[];
    nnz: number;
    factors?: number;
    alpha?: number;
    recencyHalfLife?: number;
    rating?: Omit<RatingModel, 'itemBias' | 'itemFactors' | 'residual'> & {
      residualNnz: number;
      residualWeight: number;
    };
  };
  const n = header.items.length;
  let offset = 12 + headerLength;
  offset += (4 - (offset % 4)) % 4;
  // Copies into fresh, aligned buffers: the source may be a view at any byte offset.
  const take = (count: number, width = 4) => {
    const copy = bytes.subarray(offset, offset + count * width);
    if (copy.length !== count * width) throw new TypeError('model snapshot is truncated');
    offset += count * width;
    return new Uint8Array(copy).buffer;
  };
  const rowStart = new Int32Array(take(n + 1));
  const neighbours = new Int32Array(take(header.nnz));
  const weights = new Float32Array(take(header.nnz));
  const popularity = new Float32Array(take(n));
  const f = header.factors ?? 0;
  const latent =
    f > 0
      ? {
          factors: f,
          alpha: header.alpha ?? 0,
          itemFactors: new Float32Array(take(n * f)),
          gram: new Float64Array(take(f * f, 8)),
        }
      : null;
  let rating: RatingModel | null = null;
  if (header.rating !== undefined) {
    const { residualNnz, residualWeight, ...constants } = header.rating;
    const itemBias = new Float32Array(take(n));
    const itemFactors = new Float32Array(take(n * constants.factors));
    const residual =
      residualNnz < 0
        ? null
        : {
            weight: residualWeight,
            rowStart: new Int32Array(take(n + 1)),
            index: new Int32Array(take(residualNnz)),
            similarity: new Float32Array(take(residualNnz)),
          };
    rating = { ...constants, itemBias, itemFactors, residual };
  }
  return {
    kind: header.kind,
    trainedAt: header.trainedAt,
    items: header.items,
    rowStart,
    neighbours,
    weights,
    latent,
    recencyHalfLife: header.recencyHalfLife ?? 0,
    popularity,
    rating,
  };
}

/** Bytes of the snapshot's arrays in memory (item ids not counted). */
export function snapshotBytes(snapshot: ModelSnapshot): number {
  return (
    partsBytes(snapshot) +
    snapshot.popularity.byteLength +
    (snapshot.rating === null ? 0 : ratingModelBytes(snapshot.rating))
  );
}

function assertLittleEndian(): void {
  if (endianness() !== 'LE')
    throw new Error('model snapshots are little-endian; this host is big-endian');
}
