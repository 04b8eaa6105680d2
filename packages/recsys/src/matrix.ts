import { isPositive, POSITIVE_THRESHOLD, type Interaction } from './interactions.ts';

/**
 * Binary user × item matrix of positive feedback in CSR form, with dense indices. Every model
 * trains on this one shape, so they all see exactly the same data.
 */
export interface ImplicitMatrix {
  readonly users: readonly string[];
  readonly items: readonly string[];
  readonly userIndex: ReadonlyMap<string, number>;
  readonly itemIndex: ReadonlyMap<string, number>;
  /** Row pointers: the items of user u are itemsOf[rowStart[u] .. rowStart[u + 1]). */
  readonly rowStart: Int32Array;
  readonly itemsOf: Int32Array;
  /** Number of positive users per item. */
  readonly itemCounts: Int32Array;
  /**
   * The same positives per user in time order (oldest first; a film liked twice at its latest
   * time, ties by item index), on the same row pointers: sequence-aware models learn what
   * follows what, and serving hands a user's liked films in this order.
   */
  readonly sequence: Int32Array;
  /**
   * 1 where a film in `sequence` was liked at the same time as the one before it: such films have
   * no order between them (MovieLens stamps a rating session's films with one second).
   */
  readonly sequenceTies: Uint8Array;
}

export function sequenceOfUser(matrix: ImplicitMatrix, user: number): Int32Array {
  return matrix.sequence.subarray(matrix.rowStart[user], matrix.rowStart[user + 1]);
}

export function itemsOfUser(matrix: ImplicitMatrix, user: number): Int32Array {
  return matrix.itemsOf.subarray(matrix.rowStart[user], matrix.rowStart[user + 1]);
}

/** The item → users transpose: the users of item i are usersOf[colStart[i] .. colStart[i + 1]), ascending. */
export function transpose(matrix: ImplicitMatrix): { colStart: Int32Array; usersOf: Int32Array } {
  const n = matrix.items.length;
  const colStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i += 1) colStart[i + 1] = (colStart[i] ?? 0) + (matrix.itemCounts[i] ?? 0);
  const usersOf = new Int32Array(matrix.itemsOf.length);
  const fill = colStart.slice(0, n);
  for (let user = 0; user < matrix.users.length; user += 1) {
    for (const item of itemsOfUser(matrix, user)) {
      usersOf[fill[item] ?? 0] = user;
      fill[item] = (fill[item] ?? 0) + 1;
    }
  }
  return { colStart, usersOf };
}

/**
 * Builds the matrix from interactions. Users and items are indexed in first-seen order; only
 * positive interactions become entries, but every item rated at all gets an index, so a model
 * can still score it.
 */
export function buildImplicitMatrix(
  interactions: Iterable<Interaction>,
  threshold = POSITIVE_THRESHOLD,
): ImplicitMatrix {
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  // Per user: liked item → time of its latest positive.
  const rows: Map<number, number>[] = [];
  for (const interaction of interactions) {
    let user = userIndex.get(interaction.userId);
    if (user === undefined) {
      user = userIndex.size;
      userIndex.set(interaction.userId, user);
      rows.push(new Map());
    }
    let item = itemIndex.get(interaction.itemId);
    if (item === undefined) {
      item = itemIndex.size;
      itemIndex.set(interaction.itemId, item);
    }
    if (isPositive(interaction, threshold)) {
      const row = rows[user];
      if (row !== undefined) row.set(item, Math.max(row.get(item) ?? -Infinity, interaction.at));
    }
  }
  const rowStart = new Int32Array(rows.length + 1);
  let total = 0;
  rows.forEach((row, user) => {
    rowStart[user] = total;
    total += row.size;
  });
  rowStart[rows.length] = total;
  const itemsOf = new Int32Array(total);
  const sequence = new Int32Array(total);
  const sequenceTies = new Uint8Array(total);
  const itemCounts = new Int32Array(itemIndex.size);
  rows.forEach((row, user) => {
    const start = rowStart[user] ?? 0;
    let offset = start;
    for (const item of [...row.keys()].sort((a, b) => a - b)) {
      itemsOf[offset] = item;
      offset += 1;
      itemCounts[item] = (itemCounts[item] ?? 0) + 1;
    }
    const inTime = [...row].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    inTime.forEach(([item, at], k) => {
      sequence[start + k] = item;
      if (k > 0 && inTime[k - 1]?.[1] === at) sequenceTies[start + k] = 1;
    });
  });
  return {
    users: [...userIndex.keys()],
    items: [...itemIndex.keys()],
    userIndex,
    itemIndex,
    rowStart,
    itemsOf,
    itemCounts,
    sequence,
    sequenceTies,
  };
}
