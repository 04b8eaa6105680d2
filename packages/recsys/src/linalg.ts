/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major), by Cholesky factorisation.
 * Overwrites nothing it is given; O(n³) time, 2·n² doubles of memory.
 */
export function invertSpd(matrix: Float64Array, n: number): Float64Array {
  const l = cholesky(matrix, n);
  // L⁻¹ (lower-triangular), column by column of the identity.
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    inv[i * n + i] = 1 / (l[i * n + i] ?? 1);
    for (let r = i + 1; r < n; r += 1) {
      let sum = 0;
      for (let k = i; k < r; k += 1) sum -= (l[r * n + k] ?? 0) * (inv[k * n + i] ?? 0);
      inv[r * n + i] = sum / (l[r * n + r] ?? 1);
    }
  }
  // G⁻¹ = (L⁻¹)ᵀ · L⁻¹, symmetric: fill the upper triangle and mirror it.
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = i; j < n; j += 1) {
      let sum = 0;
      for (let k = j; k < n; k += 1) sum += (inv[k * n + i] ?? 0) * (inv[k * n + j] ?? 0);
      result[i * n + j] = sum;
      result[j * n + i] = sum;
    }
  }
  return result;
}

/**
 * Cholesky factor L (lower-triangular, row-major, upper triangle zero) of a symmetric
 * positive-definite n×n matrix, so that matrix = L·Lᵀ. O(n³/3); the input is not modified.
 */
export function cholesky(matrix: Float64Array, n: number): Float64Array {
  const l = Float64Array.from(matrix);
  for (let i = 0; i < n; i += 1) {
    const rowI = i * n;
    for (let j = 0; j <= i; j += 1) {
      const rowJ = j * n;
      let sum = l[rowI + j] ?? 0;
      for (let k = 0; k < j; k += 1) sum -= (l[rowI + k] ?? 0) * (l[rowJ + k] ?? 0);
      if (i === j) {
        if (sum <= 0) throw new RangeError('matrix is not positive definite');
        l[rowI + i] = Math.sqrt(sum);
      } else {
        l[rowI + j] = sum / (l[rowJ + j] ?? 1);
      }
    }
    for (let j = i + 1; j < n; j += 1) l[rowI + j] = 0;
  }
  return l;
}

/** Solves L·Lᵀ·x = b for x, given the Cholesky factor L from `cholesky`. O(n²). */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i += 1) x[i] = b[i] ?? 0;
  choleskySolveInPlace(l, n, x, 0);
  return x;
}

/**
 * `choleskySolve` on x[offset .. offset + n) in place: b in, the solution out. Lets a caller solve
 * many right-hand sides into one preallocated array.
 */
export function choleskySolveInPlace(
  l: Float64Array,
  n: number,
  x: Float64Array,
  offset: number,
): void {
  // Forward: L·y = b.
  for (let i = 0; i < n; i += 1) {
    let sum = x[offset + i] ?? 0;
    for (let k = 0; k < i; k += 1) sum -= (l[i * n + k] ?? 0) * (x[offset + k] ?? 0);
    x[offset + i] = sum / (l[i * n + i] ?? 1);
  }
  // Backward: Lᵀ·x = y.
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = x[offset + i] ?? 0;
    for (let k = i + 1; k < n; k += 1) sum -= (l[k * n + i] ?? 0) * (x[offset + k] ?? 0);
    x[offset + i] = sum / (l[i * n + i] ?? 1);
  }
}

/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major), in place, by the symmetric
 * sweep operator (Goodnight 1979): one pivot per row, each updating only the upper triangle, so
 * n³/2 multiply-adds with contiguous inner loops and no second n×n array — half the time and
 * memory of `invertSpd`, which is what bounds EASE's catalogue. The lower triangle is mirrored at
 * the end. No pivoting is needed: every pivot of an SPD matrix is positive.
 */
export function invertSpdInPlace(a: Float64Array, n: number): void {
  const column = new Float64Array(n);
  for (let k = 0; k < n; k += 1) {
    // Column k of the upper triangle (the matrix stays symmetric between pivots).
    for (let i = 0; i < k; i += 1) column[i] = a[i * n + k] ?? 0;
    for (let j = k; j < n; j += 1) column[j] = a[k * n + j] ?? 0;
    const pivot = column[k] ?? 0;
    if (!(pivot > 0)) throw new RangeError('matrix is not positive definite');
    const inverse = 1 / pivot;
    for (let i = 0; i < n; i += 1) {
      const factor = (column[i] ?? 0) * inverse;
      if (factor === 0) continue;
      const row = i * n;
      for (let j = i; j < n; j += 1) a[row + j] = (a[row + j] ?? 0) - factor * (column[j] ?? 0);
    }
    for (let i = 0; i < k; i += 1) a[i * n + k] = (column[i] ?? 0) * inverse;
    for (let j = k + 1; j < n; j += 1) a[k * n + j] = (column[j] ?? 0) * inverse;
    a[k * n + k] = -inverse;
  }
  // After every pivot the upper triangle holds −A⁻¹.
  for (let i = 0; i < n; i += 1) {
    for (let j = i; j < n; j += 1) {
      const value = -(a[i * n + j] ?? 0);
      a[i * n + j] = value;
      a[j * n + i] = value;
    }
  }
}
