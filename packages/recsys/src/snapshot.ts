import { endianness } from 'node:os';
import { isPositive, POSITIVE_THRESHOLD, type Interaction } from './interactions.ts';
import { buildImplicitMatrix, type ImplicitMatrix } from './matrix.ts';
import { easeWeights } from './models/ease.ts';
import { itemKnnNeighbours } from './models/itemKnn.ts';
import type { Recommender } from './models/recommender.ts';
import { topK } from './topK.ts';

export type SnapshotKind = 'ease' | 'item-knn';

/**
 * What serving needs from a training run, and nothing else: per item its strongest neighbours
 * (sparse rows of the model's item-to-item weights) and a time-decayed popularity. Scoring a user
 * is a fold-in over their liked items, so a new rating changes their list without retraining.
 */
export interface ModelSnapshot {
  readonly kind: SnapshotKind;
  /** Epoch milliseconds. */
  readonly trainedAt: number;
  /** Item index → item id. */
  readonly items: readonly string[];
  /** CSR rows: item i's neighbours are neighbours[rowStart[i] .. rowStart[i + 1]), best first. */
  readonly rowStart: Int32Array;
  readonly neighbours: Int32Array;
  readonly weights: Float32Array;
  /** Positive ratings per item, each weighted 0.5^(age / half-life), age from the latest rating. */
  readonly popularity: Float32Array;
}

export interface TrainSnapshotOptions {
  /** EASE up to this many items (dense items² memory, items³ time); item-kNN above it. */
  easeMaxItems?: number;
  /** Neighbours kept per item in the snapshot (both models are pruned to this). */
  neighbours?: number;
  /** EASE's L2 regularisation. */
  lambda?: number;
  popularityHalfLifeDays?: number;
  positiveThreshold?: number;
}

export interface TrainedSnapshot {
  snapshot: ModelSnapshot;
  stats: { users: number; items: number; interactions: number; positives: number };
}

/** Trains the model the catalogue size allows and prunes it into a snapshot. */
export function trainSnapshot(
  /** Iterated three times; a lazy iterable (one reused object per step) keeps memory flat. */
  interactions: Iterable<Interaction>,
  options: TrainSnapshotOptions = {},
  now = Date.now(),
): TrainedSnapshot {
  const threshold = options.positiveThreshold ?? POSITIVE_THRESHOLD;
  const matrix = buildImplicitMatrix(interactions, threshold);
  const k = options.neighbours ?? 100;
  const n = matrix.items.length;
  const kind: SnapshotKind = n <= (options.easeMaxItems ?? 6_000) ? 'ease' : 'item-knn';
  const rows = kind === 'ease' ? easeRows(matrix, k, options.lambda) : knnRows(matrix, k);
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
  return {
    snapshot: { kind, trainedAt: now, items: matrix.items, ...rows, popularity },
    stats: { users: matrix.users.length, items: n, interactions: count, positives: matrix.itemsOf.length },
  };
}

type Rows = Pick<ModelSnapshot, 'rowStart' | 'neighbours' | 'weights'>;

/**
 * The served model as a `Trainer` for offline evaluation: the same pruned rows and the same
 * fold-in as serving, so `evaluate` measures what users get, not the dense model it came from.
 */
export function trainServedModel(matrix: ImplicitMatrix, options: TrainSnapshotOptions = {}): Recommender {
  const n = matrix.items.length;
  const k = options.neighbours ?? 100;
  const kind: SnapshotKind = n <= (options.easeMaxItems ?? 6_000) ? 'ease' : 'item-knn';
  const rows = kind === 'ease' ? easeRows(matrix, k, options.lambda) : knnRows(matrix, k);
  return {
    name: `served (${kind}, top ${k})`,
    bytes: rows.rowStart.byteLength + rows.neighbours.byteLength + rows.weights.byteLength,
    score(userItems) {
      const scores = new Float64Array(n);
      for (let u = 0; u < userItems.length; u += 1) {
        const i = userItems[u] ?? 0;
        const end = rows.rowStart[i + 1] ?? 0;
        for (let offset = rows.rowStart[i] ?? 0; offset < end; offset += 1) {
          const j = rows.neighbours[offset] ?? 0;
          scores[j] = (scores[j] ?? 0) + (rows.weights[offset] ?? 0);
        }
      }
      return scores;
    },
  };
}

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
  return { rowStart, neighbours, weights };
}

// EASE's dense B pruned to each row's k largest positive weights: negative weights only push
// items down, and dropping them keeps the snapshot linear in items (see docs/recommendations.md).
function easeRows(matrix: ImplicitMatrix, k: number, lambda?: number): Rows {
  const n = matrix.items.length;
  const dense = easeWeights(matrix, lambda === undefined ? {} : { lambda });
  return toRows(n, (i) => {
    const row = dense.subarray(i * n, (i + 1) * n);
    return topK(row, k)
      .filter((j) => (row[j] ?? 0) > 0)
      .map((j) => ({ index: j, weight: row[j] ?? 0 }));
  });
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
 * `exclude` (everything the user rated) and items no liked item points to.
 */
export function foldIn(
  snapshot: ModelSnapshot,
  liked: readonly number[],
  k: number,
  exclude: ReadonlySet<number> = new Set(),
): FoldInResult[] {
  const n = snapshot.items.length;
  const scores = new Float64Array(n);
  const because = new Int32Array(n).fill(-1);
  const strongest = new Float32Array(n);
  for (const i of liked) {
    const end = snapshot.rowStart[i + 1] ?? 0;
    for (let offset = snapshot.rowStart[i] ?? 0; offset < end; offset += 1) {
      const j = snapshot.neighbours[offset] ?? 0;
      const weight = snapshot.weights[offset] ?? 0;
      scores[j] = (scores[j] ?? 0) + weight;
      if (weight > (strongest[j] ?? 0)) {
        strongest[j] = weight;
        because[j] = i;
      }
    }
  }
  return topK(scores, k, exclude)
    .filter((item) => (scores[item] ?? 0) > 0)
    .map((item) => ({ item, score: scores[item] ?? 0, because: because[item] ?? -1 }));
}

const MAGIC = 'MQRS';
const FORMAT_VERSION = 1;

/**
 * Binary form: "MQRS", format version (u32), header length (u32), JSON header (kind, trainedAt,
 * items, nnz), zero padding to 4 bytes, then rowStart, neighbours, weights, popularity as
 * little-endian 32-bit arrays. Arrays are copied as they sit in memory, so this refuses to run on
 * a big-endian host rather than write a snapshot other hosts misread.
 */
export function serializeSnapshot(snapshot: ModelSnapshot): Buffer {
  assertLittleEndian();
  const header = Buffer.from(
    JSON.stringify({
      kind: snapshot.kind,
      trainedAt: snapshot.trainedAt,
      items: snapshot.items,
      nnz: snapshot.neighbours.length,
    }),
  );
  const headerEnd = 12 + header.length;
  const padded = headerEnd + ((4 - (headerEnd % 4)) % 4);
  const arrays = [snapshot.rowStart, snapshot.neighbours, snapshot.weights, snapshot.popularity];
  const out = Buffer.alloc(padded + arrays.reduce((sum, array) => sum + array.byteLength, 0));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(FORMAT_VERSION, 4);
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
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== MAGIC) throw new TypeError('not a model snapshot');
  const format = bytes.readUInt32LE(4);
  if (format !== FORMAT_VERSION) throw new TypeError(`unsupported snapshot format ${format}`);
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as {
    kind: SnapshotKind;
    trainedAt: number;
    items: string[];
    nnz: number;
  };
  const n = header.items.length;
  let offset = 12 + headerLength;
  offset += (4 - (offset % 4)) % 4;
  // Copies into fresh, aligned buffers: the source may be a view at any byte offset.
  const take = (count: number) => {
    const copy = bytes.subarray(offset, offset + count * 4);
    if (copy.length !== count * 4) throw new TypeError('model snapshot is truncated');
    offset += count * 4;
    return new Uint8Array(copy).buffer;
  };
  return {
    kind: header.kind,
    trainedAt: header.trainedAt,
    items: header.items,
    rowStart: new Int32Array(take(n + 1)),
    neighbours: new Int32Array(take(header.nnz)),
    weights: new Float32Array(take(header.nnz)),
    popularity: new Float32Array(take(n)),
  };
}

/** Bytes of the snapshot's arrays in memory (item ids not counted). */
export function snapshotBytes(snapshot: ModelSnapshot): number {
  return (
    snapshot.rowStart.byteLength + snapshot.neighbours.byteLength + snapshot.weights.byteLength + snapshot.popularity.byteLength
  );
}

function assertLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error('model snapshots are little-endian; this host is big-endian');
}
