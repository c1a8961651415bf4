/**
 * numpy's `default_rng(seed)` (SeedSequence → PCG64 XSL-RR 128/64) and the draws sacrebleu's significance
 * tests make with it: `choice(n, size, replace=True)` (Lemire's bounded integers on 32-bit outputs) and
 * `integers(2, dtype=bool)` (one bit per draw from 32-bit words). Same seed, same indices as numpy 1.24.
 * @see https://github.com/numpy/numpy/blob/v1.24.2/numpy/random/bit_generator.pyx (SeedSequence)
 * @see https://www.pcg-random.org/ (PCG64)
 */
const MASK32 = 0xffffffff;

/** numpy's SeedSequence(seed).generate_state(nWords, uint32) for a non-negative integer seed. */
export function seedSequenceState(seed: number, nWords: number): number[] {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  // The seed as little-endian 32-bit words (at least one).
  const entropy: number[] = [];
  let rest = seed;
  do {
    entropy.push(rest % 0x100000000);
    rest = Math.floor(rest / 0x100000000);
  } while (rest > 0);
  const poolSize = 4;
  let hashConst = 0x43b0d7e5;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, 0x931e8875) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    return (v ^ (v >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    let r = (Math.imul(0xca01f9dd, x) - Math.imul(0x4973f715, y)) >>> 0;
    r = (r ^ (r >>> 16)) >>> 0;
    return r;
  };
  const pool = new Array<number>(poolSize);
  for (let i = 0; i < poolSize; i++)
    pool[i] = hashmix(i < entropy.length ? (entropy[i] as number) : 0);
  for (let src = 0; src < poolSize; src++) {
    for (let dst = 0; dst < poolSize; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst] as number, hashmix(pool[src] as number));
    }
  }
  for (let src = poolSize; src < entropy.length; src++) {
    for (let dst = 0; dst < poolSize; dst++)
      pool[dst] = mix(pool[dst] as number, hashmix(entropy[src] as number));
  }
  let hashB = 0x8b51f9dd;
  const out: number[] = [];
  for (let i = 0; i < nWords; i++) {
    let v = ((pool[i % poolSize] as number) ^ hashB) >>> 0;
    hashB = Math.imul(hashB, 0x58f38ded) >>> 0;
    v = Math.imul(v, hashB) >>> 0;
    out.push((v ^ (v >>> 16)) >>> 0);
  }
  return out;
}

const M128 = (1n << 128n) - 1n;
const MULT = (2549297995355413924n << 64n) + 4865540595714422341n;

/** numpy's PCG64 bit generator with its 32-bit output cache. */
export class NumpyPcg64 {
  private state: bigint;
  private readonly inc: bigint;
  private cached = -1;
  private bitBuffer = 0;
  private bitCount = 0;

  constructor(seed: number) {
    const w = seedSequenceState(seed, 8).map(BigInt);
    // generate_state(4, uint64) viewed little-endian; seed = (v0 << 64) | v1, inc = (v2 << 64) | v3.
    const v = [0, 1, 2, 3].map((i) => ((w[2 * i + 1] as bigint) << 32n) | (w[2 * i] as bigint));
    const initState = ((v[0] as bigint) << 64n) | (v[1] as bigint);
    const initSeq = ((v[2] as bigint) << 64n) | (v[3] as bigint);
    this.inc = ((initSeq << 1n) | 1n) & M128;
    this.state = 0n;
    this.step();
    this.state = (this.state + initState) & M128;
    this.step();
  }

  private step(): void {
    this.state = BigInt.asUintN(128, this.state * MULT + this.inc);
  }

  /** One 64-bit output (XSL-RR) as [high, low] 32-bit halves. */
  next64(): [number, number] {
    this.step();
    const hi = this.state >> 64n;
    const x = BigInt.asUintN(64, hi ^ this.state);
    const rot = Number(hi >> 58n);
    const r = rot === 0 ? x : BigInt.asUintN(64, (x >> BigInt(rot)) | (x << BigInt(64 - rot)));
    return [Number(r >> 32n), Number(BigInt.asUintN(32, r))];
  }

  /** `integers(2, dtype=bool)`: one bit per draw, from the lowest bit of a 32-bit word upwards. */
  bit(): number {
    if (this.bitCount === 0) {
      this.bitBuffer = this.next32();
      this.bitCount = 31;
    } else {
      this.bitBuffer >>>= 1;
      this.bitCount--;
    }
    return this.bitBuffer & 1;
  }

  /** numpy's `next_uint32`: the low half of a 64-bit output, then its high half. */
  next32(): number {
    if (this.cached >= 0) {
      const c = this.cached;
      this.cached = -1;
      return c;
    }
    const [hi, lo] = this.next64();
    this.cached = hi;
    return lo;
  }

  /** `integers(0, n)` for 1 ≤ n ≤ 2³²: Lemire's method on 32-bit draws. */
  below(n: number): number {
    if (n === 1) return 0;
    const rngExcl = n >>> 0 || 0x100000000;
    if (n === 0x100000000) return this.next32();
    let [hi, lo] = mul32(this.next32(), rngExcl);
    if (lo < rngExcl) {
      const threshold = (MASK32 - (n - 1)) % rngExcl;
      while (lo < threshold) [hi, lo] = mul32(this.next32(), rngExcl);
    }
    return hi;
  }
}

/** Exact 32×32 → 64-bit product as [high, low] 32-bit words. */
function mul32(a: number, b: number): [number, number] {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const bl = b & 0xffff;
  const bh = b >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  const lo = (((mid & 0xffff) << 16) | (ll & 0xffff)) >>> 0;
  const hi =
    ah * bh + Math.floor(lh / 0x10000) + Math.floor(hl / 0x10000) + Math.floor(mid / 0x10000);
  return [hi, lo];
}
