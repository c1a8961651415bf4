import { TrainingError } from './errors';

/** The four 32-bit words of a {@link SeededRng}; save it in a checkpoint to continue the same stream. */
export type RngState = readonly [number, number, number, number];

/**
 * The one random source of a training run (xoshiro128**, seeded by splitmix32): weight init, shuffling, dropout
 * masks and sampling all draw from it in a fixed order, so the same seed gives a bit-identical run, and
 * `state()` / `setState()` let a resumed run continue the exact stream. Distinct safe-integer seeds (negative,
 * ≥ 2^32, up to `Number.MAX_SAFE_INTEGER`) give distinct states; seeds in [0, 2^32) keep the stream they had
 * before 0.2 (splitmix32 seeding), the others are mixed as 64-bit integers by splitmix64.
 * @throws {TrainingError} INVALID_OPTION when the seed is not a safe integer (NaN, 1.5, Infinity, 2^53).
 * @example const rng = new SeededRng(42); rng.shuffle([1, 2, 3]); rng.dropoutMask(8, 0.1)
 */
export class SeededRng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed))
      throw new TrainingError(
        'INVALID_OPTION',
        `SeededRng: seed must be a safe integer (|seed| ≤ 2^53 − 1), got ${String(seed)}`,
      );
    [this.s0, this.s1, this.s2, this.s3] =
      seed >= 0 && seed < 2 ** 32 ? seedWords32(seed) : seedWords64(seed);
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

/**
 * The original seeding, kept bit-identical for seeds in [0, 2^32) so existing runs reproduce: four outputs of a
 * splitmix32-style generator started at the seed.
 */
function seedWords32(seed: number): [number, number, number, number] {
  let x = seed >>> 0;
  const next = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return [next(), next(), next(), next()];
}

const MASK64 = (1n << 64n) - 1n;

/**
 * Negative seeds and seeds ≥ 2^32: the whole integer (sign included, as 64-bit two's complement, which is
 * injective on safe integers) through two outputs of splitmix64 (Steele, Lea & Flood 2014). Its output function
 * is a bijection, so the first 64-bit word already tells these seeds apart; a collision with one of the 2^32
 * states of {@link seedWords32} needs 128 matching bits.
 */
function seedWords64(seed: number): [number, number, number, number] {
  let x = BigInt.asUintN(64, BigInt(seed));
  const next = (): bigint => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
  const a = next();
  const b = next();
  const lo = (v: bigint) => Number(v & 0xffffffffn);
  const hi = (v: bigint) => Number(v >> 32n);
  // At most one of a, b is 0 (bijection on distinct inputs), so the state is never all zero.
  return [lo(a), hi(a), lo(b), hi(b)];
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
