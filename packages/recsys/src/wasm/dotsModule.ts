/**
 * The bytes of a tiny WebAssembly module with one SIMD kernel, assembled here so the repository
 * holds its source rather than a binary blob. In the text format it reads:
 *
 *   (module
 *     (memory (export "memory") 1)
 *     (func (export "dots") (param $m i32) (param $rows i32) (param $f4 i32) (param $v i32) (param $out i32)
 *       (local $r i32) (local $k i32) (local $q i32) (local $acc v128)
 *       (block $done
 *         (br_if $done (i32.eqz (local.get $rows)))
 *         (loop $row
 *           (local.set $acc (v128.const i32x4 0 0 0 0))
 *           (local.set $q (local.get $v))
 *           (local.set $k (i32.const 0))
 *           (loop $lane
 *             (local.set $acc (f32x4.add (local.get $acc)
 *               (f32x4.mul (v128.load (local.get $m)) (v128.load (local.get $q)))))
 *             (local.set $m (i32.add (local.get $m) (i32.const 16)))
 *             (local.set $q (i32.add (local.get $q) (i32.const 16)))
 *             (br_if $lane (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $f4))))
 *           (f32.store (local.get $out) (f32.add (f32.add (f32.add
 *             (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
 *             (f32x4.extract_lane 2 (local.get $acc))) (f32x4.extract_lane 3 (local.get $acc))))
 *           (local.set $out (i32.add (local.get $out) (i32.const 4)))
 *           (br_if $row (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $rows))))))
 *
 * `dots(m, rows, f4, v, out)`: for each of `rows` float32 rows of `4 · f4` values stored one after
 * another from byte `m`, its dot product with the `4 · f4` float32 values at byte `v`, written as
 * float32 to `out`. Four lanes of partial sums, added at the end.
 */

/** Unsigned LEB128, as the binary format encodes counts, sizes, indices and SIMD opcodes. */
function uleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128, for i32.const immediates. */
function sleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (text: string) => [
  ...uleb(text.length),
  ...[...text].map((char) => char.charCodeAt(0)),
];

const I32 = 0x7f;
const V128 = 0x7b;

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (index: number) => [0x20, ...uleb(index)],
  set: (index: number) => [0x21, ...uleb(index)],
  tee: (index: number) => [0x22, ...uleb(index)],
  i32Const: (value: number) => [0x41, ...sleb(value)],
  i32Eqz: [0x45],
  i32LtU: [0x49],
  i32Add: [0x6a],
  f32Add: [0x92],
  /** f32.store with alignment 2^2, offset 0. */
  f32Store: [0x38, 0x02, 0x00],
  /** v128.load with alignment 2^2 (float32 rows are only 4-byte aligned), offset 0. */
  v128Load: [0xfd, ...uleb(0x00), 0x02, 0x00],
  v128Zero: [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)],
  f32x4ExtractLane: (lane: number) => [0xfd, ...uleb(0x1f), lane],
  f32x4Add: [0xfd, ...uleb(0xe4)],
  f32x4Mul: [0xfd, ...uleb(0xe6)],
};

// Parameters 0–4: m, rows, f4, v, out; locals 5–8: r, k, q (i32) and acc (v128).
const [M, ROWS, F4, V, OUT, R, K, Q, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

const body = [
  // Local declarations: two groups, 3 × i32 (r, k, q) and 1 × v128 (acc).
  ...uleb(2),
  ...uleb(3),
  I32,
  ...uleb(1),
  V128,
  ...op.block,
  ...op.get(ROWS),
  ...op.i32Eqz,
  ...op.brIf(0),
  ...op.loop,
  ...op.v128Zero,
  ...op.set(ACC),
  ...op.get(V),
  ...op.set(Q),
  ...op.i32Const(0),
  ...op.set(K),
  ...op.loop,
  ...op.get(ACC),
  ...op.get(M),
  ...op.v128Load,
  ...op.get(Q),
  ...op.v128Load,
  ...op.f32x4Mul,
  ...op.f32x4Add,
  ...op.set(ACC),
  ...op.get(M),
  ...op.i32Const(16),
  ...op.i32Add,
  ...op.set(M),
  ...op.get(Q),
  ...op.i32Const(16),
  ...op.i32Add,
  ...op.set(Q),
  ...op.get(K),
  ...op.i32Const(1),
  ...op.i32Add,
  ...op.tee(K),
  ...op.get(F4),
  ...op.i32LtU,
  ...op.brIf(0),
  ...op.end,
  ...op.get(OUT),
  ...op.get(ACC),
  ...op.f32x4ExtractLane(0),
  ...op.get(ACC),
  ...op.f32x4ExtractLane(1),
  ...op.f32Add,
  ...op.get(ACC),
  ...op.f32x4ExtractLane(2),
  ...op.f32Add,
  ...op.get(ACC),
  ...op.f32x4ExtractLane(3),
  ...op.f32Add,
  ...op.f32Store,
  ...op.get(OUT),
  ...op.i32Const(4),
  ...op.i32Add,
  ...op.set(OUT),
  ...op.get(R),
  ...op.i32Const(1),
  ...op.i32Add,
  ...op.tee(R),
  ...op.get(ROWS),
  ...op.i32LtU,
  ...op.brIf(0),
  ...op.end,
  ...op.end,
  ...op.end,
];

export const dotsModuleBytes = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32]]), ...vector([])]])), // type 0: (i32 ×5) → ()
  ...section(3, vector([uleb(0)])), // function 0 has type 0
  ...section(5, vector([[0x00, ...uleb(1)]])), // one memory, at least 1 page
  ...section(
    7,
    vector([
      [...name('memory'), 0x02, ...uleb(0)],
      [...name('dots'), 0x00, ...uleb(0)],
    ]),
  ),
  ...section(10, vector([[...uleb(body.length), ...body]])),
]);
