// Internal: the integer tensors padding writes, filled through 32-bit words. Every Node platform in practice is
// little-endian; there an int64 element is its low 32-bit word then its sign word, so values are written through an
// Int32Array view of the BigInt64Array's buffer instead of creating a BigInt per element.
import type { IntElementType, TensorLike } from './types';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A zeroed integer tensor and the 32-bit words to write it through. */
export interface IntRows {
  readonly tensor: TensorLike<IntElementType>;
  /** The Int32Array itself (int32), an Int32Array view of the int64 buffer, or `undefined` on big-endian hosts. */
  readonly words: Int32Array | undefined;
  /** Words per element: 1 for int32, 2 for int64. */
  readonly stride: 1 | 2;
}

/** A zeroed `[rows, length]` tensor of `type`. */
export function intRows(type: IntElementType, rows: number, length: number): IntRows {
  const dims = [rows, length];
  if (type === 'int32') {
    const data = new Int32Array(rows * length);
    return { tensor: { type, data, dims }, words: data, stride: 1 };
  }
  const data = new BigInt64Array(rows * length);
  const words = LITTLE_ENDIAN ? new Int32Array(data.buffer) : undefined;
  return { tensor: { type, data, dims }, words, stride: 2 };
}

// The int64 sign word of a value: its low word is the value as a 32-bit integer, so values in [2^31, 2^32) stay exact.
const signWord = (v: number): number => (v < 0 ? -1 : 0);

/** Sets elements `[from, to)` to `value`. */
export function fillRange(t: IntRows, from: number, to: number, value: number): void {
  if (t.stride === 1) (t.tensor.data as Int32Array).fill(value, from, to);
  else {
    // The same two words a write through the view gives, as one BigInt for the native fill.
    const element = (BigInt(signWord(value)) << 32n) | BigInt((value | 0) >>> 0);
    (t.tensor.data as BigInt64Array).fill(BigInt.asIntN(64, element), from, to);
  }
}

/** Writes `values` from element `at` on. */
export function writeValues(t: IntRows, at: number, values: readonly number[]): void {
  const { words, stride } = t;
  const n = values.length;
  if (words === undefined) {
    const data = t.tensor.data as BigInt64Array;
    for (let j = 0; j < n; j++) data[at + j] = BigInt(values[j] as number);
  } else if (stride === 1) {
    for (let j = 0; j < n; j++) words[at + j] = values[j] as number;
  } else {
    for (let j = 0; j < n; j++) {
      const v = values[j] as number;
      words[2 * (at + j)] = v;
      words[2 * (at + j) + 1] = signWord(v);
    }
  }
}

/** Writes 0, 1, … n - 1 from element `at` on; the sign words are left as they are (0 for non-negative values). */
export function writeCount(t: IntRows, at: number, n: number): void {
  const { words, stride } = t;
  if (words === undefined) {
    const data = t.tensor.data as BigInt64Array;
    for (let j = 0; j < n; j++) data[at + j] = BigInt(j);
  } else for (let j = 0; j < n; j++) words[stride * (at + j)] = j;
}
