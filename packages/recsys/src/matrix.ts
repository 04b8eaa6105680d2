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
  const rows: Set<number>[] = [];
  for (const interaction of interactions) {
    let user = userIndex.get(interaction.userId);
    if (user === undefined) {
      user = userIndex.size;
      userIndex.set(interaction.userId, user);
      rows.push(new Set());
    }
    let item = itemIndex.get(interaction.itemId);
    if (item === undefined) {
      item = itemIndex.size;
      itemIndex.set(interaction.itemId, item);
    }
    if (isPositive(interaction, threshold)) rows[user]?.add(item);
  }
  const rowStart = new Int32Array(rows.length + 1);
  let total = 0;
  rows.forEach((row, user) => {
    rowStart[user] = total;
    total += row.size;
  });
  rowStart[rows.length] = total;
  const itemsOf = new Int32Array(total);
  const itemCounts = new Int32Array(itemIndex.size);
  rows.forEach((row, user) => {
    let offset = rowStart[user] ?? 0;
    for (const item of [...row].sort((a, b) => a - b)) {
      itemsOf[offset] = item;
      offset += 1;
      itemCounts[item] = (itemCounts[item] ?? 0) + 1;
    }
  });
  return {
    users: [...userIndex.keys()],
    items: [...itemIndex.keys()],
    userIndex,
    itemIndex,
    rowStart,
    itemsOf,
    itemCounts,
  };
}
