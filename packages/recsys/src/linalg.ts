/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major), by Cholesky factorisation.
 * Overwrites nothing it is given; O(n³) time, 2·n² doubles of memory.
 */
export function invertSpd(matrix: Float64Array, n: number): Float64Array {
  const l = Float64Array.from(matrix);
  // G = L·Lᵀ, L lower-triangular, computed in place row by row.
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
