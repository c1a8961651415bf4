/**
 * The AdamW update as a WebAssembly SIMD function, two float64 lanes at a time, assembled here byte by byte (no
 * toolchain, nothing to build). It performs the float64 operations of `adamDecoupledLoop` (`adam-decoupled-loop.ts`), in the
 * same order and rounded to float32 at the same points; IEEE 754 makes `+ − × ÷ √` and the float64 → float32
 * rounding correctly rounded in both JavaScript and WebAssembly (and WebAssembly never fuses a multiply-add), so
 * the two give the same bits. Two lanes per instruction halve the divisions and square roots that bound the scalar
 * loop.
 *
 * Exported function `adamw(p, g, m, v, pairs, b1, b2, c1, c2, eps, decay, stepSize, bc2Sqrt)`: byte addresses of
 * four float32 arrays in the imported memory `env.memory` and the number of element pairs to update in place.
 * @internal
 */

const F64 = 0x7c;
const I32 = 0x7f;
const V128 = 0x7b;

/** Unsigned LEB128, as every count, index and SIMD sub-opcode is written. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return vec([...s].map((c) => [c.charCodeAt(0)]));
}

// Instructions used by the kernel (WebAssembly core + fixed-width SIMD opcodes).
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32Add = [0x6a];
const i32Const = (n: number) => [0x41, ...uleb(n)]; // only small non-negative constants: uleb = sleb for n < 64
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const load64Zero = (offset: number) => simd(0x5d, 3, ...uleb(offset)); // two float32s into the low half
const store64Lane = (offset: number) => simd(0x5b, 3, ...uleb(offset), 0); // the low half back
const promote = simd(0x5f); // f64x2.promote_low_f32x4
const demote = simd(0x5e); // f32x4.demote_f64x2_zero: round to nearest even, as Math.fround
const splat = simd(0x14); // f64x2.splat
const sqrt = simd(0xef);
const add = simd(0xf0);
const sub = simd(0xf1);
const mul = simd(0xf2);
const div = simd(0xf3);

function kernelBytes(): Uint8Array {
  // Parameters 0–4: p, g, m, v (byte addresses), pairs; 5–12: b1, b2, c1, c2, eps, decay, stepSize, bc2Sqrt.
  const [P, G, M, V, PAIRS] = [0, 1, 2, 3, 4];
  const SCALARS = 5;
  // Locals: 13 = byte offset into all four arrays; 14–21 = the scalars splatted; 22–25 = g, pi, mi, vi.
  const OFF = 13;
  const SPLAT = 14;
  const [B1, B2, C1, C2, EPS, DECAY, STEP, BC2] = [0, 1, 2, 3, 4, 5, 6, 7].map(
    (k) => SPLAT + k,
  ) as [number, number, number, number, number, number, number, number];
  const [GV, PI, MI, VI] = [22, 23, 24, 25];
  const addr = (base: number) => [...get(base), ...get(OFF), ...i32Add];
  const lanePair = (base: number) => [...addr(base), ...load64Zero(0), ...promote];

  const body = [
    ...vec([
      [1, I32],
      [12, V128],
    ]),
    ...Array.from({ length: 8 }, (_, k) => [
      ...get(SCALARS + k),
      ...splat,
      ...set(SPLAT + k),
    ]).flat(),
    // while (pairs != 0) { …; off += 8; pairs -= 1 }
    0x02,
    0x40, // block
    0x03,
    0x40, // loop
    ...get(PAIRS),
    0x45,
    0x0d,
    1, // br_if (pairs == 0) out of the block
    ...lanePair(G),
    ...set(GV),
    // pi = fround(p · decay)
    ...lanePair(P),
    ...get(DECAY),
    ...mul,
    ...demote,
    ...promote,
    ...set(PI),
    // mi = fround(b1 · m + c1 · g); m ← mi
    ...get(B1),
    ...lanePair(M),
    ...mul,
    ...get(C1),
    ...get(GV),
    ...mul,
    ...add,
    ...demote,
    ...promote,
    ...set(MI),
    ...addr(M),
    ...get(MI),
    ...demote,
    ...store64Lane(0),
    // vi = fround(b2 · v + (c2 · g) · g); v ← vi
    ...get(B2),
    ...lanePair(V),
    ...mul,
    ...get(C2),
    ...get(GV),
    ...mul,
    ...get(GV),
    ...mul,
    ...add,
    ...demote,
    ...promote,
    ...set(VI),
    ...addr(V),
    ...get(VI),
    ...demote,
    ...store64Lane(0),
    // p ← pi − stepSize · (mi / fround(√vi / bc2Sqrt + eps))
    ...addr(P),
    ...get(PI),
    ...get(STEP),
    ...get(MI),
    ...get(VI),
    ...sqrt,
    ...get(BC2),
    ...div,
    ...get(EPS),
    ...add,
    ...demote,
    ...promote,
    ...div,
    ...mul,
    ...sub,
    ...demote,
    ...store64Lane(0),
    ...get(OFF),
    ...i32Const(8),
    ...i32Add,
    ...set(OFF),
    ...get(PAIRS),
    ...i32Const(1),
    0x6b,
    ...set(PAIRS), // i32.sub
    0x0c,
    0, // br to the loop
    0x0b, // end loop
    0x0b, // end block
    0x0b, // end function
  ];
  const params = [I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec(params.map((t) => [t])), ...vec([])]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(0)]])),
    ...section(3, vec([uleb(0)])),
    ...section(7, vec([[...name('adamw'), 0x00, ...uleb(0)]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ];
  return Uint8Array.from(bytes);
}

/** The kernel's signature: addresses in bytes, `pairs` element pairs. */
export type AdamwKernel = (
  p: number,
  g: number,
  m: number,
  v: number,
  pairs: number,
  b1: number,
  b2: number,
  c1: number,
  c2: number,
  eps: number,
  decay: number,
  stepSize: number,
  bc2Sqrt: number,
) => void;

/** The few members of the WebAssembly JS API used here (the package's `lib` has no WebAssembly types). */
export interface WasmModule {
  readonly wasmModule: true;
}
/** A WebAssembly memory: its current bytes. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

/** The runtime's `WebAssembly`, or undefined where it has none. @internal */
export const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;

/**
 * The compiled kernel module, or `null` where this runtime lacks WebAssembly SIMD (then callers use the scalar
 * loop). Compiled once per process; a few hundred bytes, so synchronous compilation is allowed everywhere.
 */
export function adamwKernelModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      compiled = wasmApi === undefined ? null : new wasmApi.Module(kernelBytes());
    } catch {
      compiled = null; // a runtime without fixed-width SIMD rejects the module when it validates it
    }
  }
  return compiled;
}

/** An instance of the kernel over `memory`. */
export function instantiateAdamwKernel(module: WasmModule, memory: WasmMemory): AdamwKernel {
  const instance = new wasmApi!.Instance(module, { env: { memory } });
  return instance.exports['adamw'] as AdamwKernel;
}
