import type {} from './webassemblyTypes.ts';
import { dotsModuleBytes } from './dotsModule.ts';

interface DotsExports {
  memory: WebAssembly.Memory;
  dots(m: number, rows: number, f4: number, v: number, out: number): void;
}

const PAGE = 65_536;

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once per process; null where WebAssembly SIMD is missing. */
function dotsModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = WebAssembly.validate(dotsModuleBytes)
        ? new WebAssembly.Module(dotsModuleBytes)
        : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * An ALS model's item factors in WebAssembly memory, with the float32 SIMD dot products fold-in
 * spends its time on: scoring every item, and the reasons' shares. One instance (and memory) per
 * model, so a replaced snapshot's memory goes with it; the memory holds a copy of the factors
 * (items × f × 4 bytes: 7.5 MiB for 60,000 films at f = 32) beside small scratch areas. Results are float32 sums of float32
 * products: relative error about 1e-6, far below what separates two ranked films.
 */
export class FactorKernel {
  private readonly exports: DotsExports;
  private readonly f: number;
  private readonly items: number;
  private readonly xAt: number;
  private outAt = 0;
  private matrixAt = 0;
  private capacity = 0;
  /** Rows in the loaded matrix. */
  private rows = 0;
  private heap: Float32Array;

  constructor(module: WebAssembly.Module, itemFactors: Float32Array, f: number) {
    this.exports = new WebAssembly.Instance(module).exports as unknown as DotsExports;
    this.f = f;
    this.items = itemFactors.length / f;
    this.xAt = itemFactors.byteLength;
    this.heap = this.reserve(0);
    this.heap.set(itemFactors, 0);
  }

  /** Makes room for a matrix of `rows` rows (and an output of max(items, rows) floats). */
  private reserve(rows: number): Float32Array {
    const outAt = this.xAt + this.f * 4;
    const matrixAt = outAt + Math.max(this.items, rows) * 4;
    const needed = matrixAt + rows * this.f * 4;
    const { memory } = this.exports;
    if (needed > memory.buffer.byteLength)
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    this.outAt = outAt;
    this.matrixAt = matrixAt;
    this.capacity = rows;
    this.heap = new Float32Array(memory.buffer);
    return this.heap;
  }

  /** `into[j] = y_j · x` for every item j. */
  scoreAll(x: ArrayLike<number>, into: Float64Array): void {
    const heap = this.heap;
    const xi = this.xAt / 4;
    for (let a = 0; a < this.f; a += 1) heap[xi + a] = x[a] ?? 0;
    this.exports.dots(0, this.items, this.f / 4, this.xAt, this.outAt);
    const out = this.outAt / 4;
    for (let j = 0; j < this.items; j += 1) into[j] = heap[out + j] ?? 0;
  }

  /** Loads `count` rows of `f` values (row after row in `rows`) as the matrix of `dotsWithItem`. */
  loadMatrix(rows: Float64Array, count: number): void {
    const heap = count > this.capacity ? this.reserve(count) : this.heap;
    heap.set(rows.subarray(0, count * this.f), this.matrixAt / 4);
    this.capacity = Math.max(this.capacity, count);
    this.rows = count;
  }

  /** The loaded matrix's rows · item `item`'s factors: a view valid until the next call. */
  dotsWithItem(item: number): Float32Array {
    this.exports.dots(this.matrixAt, this.rows, this.f / 4, item * this.f * 4, this.outAt);
    return this.heap.subarray(this.outAt / 4, this.outAt / 4 + this.rows);
  }
}

let enabled = true;

/** Turns the WebAssembly kernels off (or back on) for every model: for benchmarks and tests. */
export function useFactorKernels(on: boolean): void {
  enabled = on;
}

const kernels = new WeakMap<Float32Array, FactorKernel | null>();

/** The kernel for these item factors, built on first use; null when turned off, unsupported, or `f` is not a multiple of 4. */
export function factorKernel(itemFactors: Float32Array, f: number): FactorKernel | null {
  if (!enabled) return null;
  let kernel = kernels.get(itemFactors);
  if (kernel === undefined) {
    const module = f % 4 === 0 && f > 0 ? dotsModule() : null;
    kernel = null;
    if (module !== null) {
      try {
        kernel = new FactorKernel(module, itemFactors, f);
      } catch {
        // A catalogue whose factors exceed WebAssembly's 4 GiB memory: JavaScript it is.
        kernel = null;
      }
    }
    kernels.set(itemFactors, kernel);
  }
  return kernel;
}
