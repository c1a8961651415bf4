import { TrainingError } from './errors';

/** The four 32-bit words of a {@link SeededRng}; save it in a checkpoint to continue the same stream. */
export type RngState = readonly [number, number, number, number];

/**
 * The one random source of a training run (xoshiro128**, seeded by splitmix32): weight init, shuffling, dropout
 * masks and sampling all draw from it in a fixed order, so the same seed gives a bit-identical run, and
 * `state()` / `setState()` let a resumed run continue the exact stream.
 * @throws {TrainingError} INVALID_OPTION when the seed is not a safe integer.
 * @example const rng = new SeededRng(42); rng.shuffle([1, 2, 3]); rng.dropoutMask(8, 0.1)
 */
export class SeededRng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed))
      throw new TrainingError('INVALID_OPTION', `seed must be a safe integer, got ${String(seed)}`);
    let x = (seed ^ Math.floor(seed / 2 ** 32)) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3 >>> 0, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal draw (Box–Muller, two uniforms per draw, no cached spare so the state stays 4 words). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A new array with the elements in Fisher–Yates order. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** Inverted-dropout scale mask: each entry is 0 with probability `p`, else `1 / (1 - p)`. */
  dropoutMask(size: number, p: number): Float32Array {
    if (!(p >= 0 && p < 1))
      throw new TrainingError('INVALID_OPTION', `dropout probability must be in [0, 1), got ${p}`);
    const mask = new Float32Array(size);
    const keep = 1 / (1 - p);
    for (let i = 0; i < size; i++) mask[i] = this.next() < p ? 0 : keep;
    return mask;
  }

  /** The current state words. */
  state(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /**
   * Continues from a saved state.
   * @throws {TrainingError} CHECKPOINT_CORRUPT when the state is not four 32-bit words, or all zero.
   */
  setState(state: RngState): void {
    if (
      state.length !== 4 ||
      state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff) ||
      state.every((w) => w === 0)
    ) {
      throw new TrainingError(
        'CHECKPOINT_CORRUPT',
        `rng state must be four non-zero 32-bit words, got ${JSON.stringify(state)}`,
      );
    }
    [this.s0, this.s1, this.s2, this.s3] = state;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
