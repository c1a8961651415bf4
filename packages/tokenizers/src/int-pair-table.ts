/**
 * A hash map from a pair of non-negative int32 keys to an int32 value, open addressing over typed arrays.
 * BPE merges (left id, right id → rank) and the Unigram trie (node, code unit → child) use it: a `Map`
 * keyed by `a * span + b` needs heap numbers once the product passes 2^31, which makes both building and
 * looking up several times slower.
 * @internal
 */
export class IntPairTable {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private vals: Int32Array;
  private mask: number;
  /** Number of pairs stored. */
  size = 0;

  /** `expected`: how many pairs will be stored (sizes the table once; it still grows past that). */
  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The value of `(a, b)`, or -1 when absent. */
  get(a: number, b: number): number {
    const ka = this.keysA;
    const mask = this.mask;
    for (let s = pairSlot(a, b) & mask; ; s = (s + 1) & mask) {
      const x = ka[s]!;
      if (x === a && this.keysB[s] === b) return this.vals[s]!;
      if (x < 0) return -1;
    }
  }

  /** Stores `v` for `(a, b)` unless the pair is present; returns whether it was stored. */
  setIfAbsent(a: number, b: number, v: number): boolean {
    if ((this.size + 1) * 2 > this.keysA.length) this.grow();
    const ka = this.keysA;
    const mask = this.mask;
    for (let s = pairSlot(a, b) & mask; ; s = (s + 1) & mask) {
      const x = ka[s]!;
      if (x < 0) {
        ka[s] = a;
        this.keysB[s] = b;
        this.vals[s] = v;
        this.size++;
        return true;
      }
      if (x === a && this.keysB[s] === b) return false;
    }
  }

  private grow(): void {
    const oa = this.keysA;
    const ob = this.keysB;
    const ov = this.vals;
    const cap = oa.length * 2;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let s = 0; s < oa.length; s++) if (oa[s]! >= 0) this.setIfAbsent(oa[s]!, ob[s]!, ov[s]!);
  }
}

/** Mixes two ints into a slot hash (golden-ratio multiply, then murmur3's finalizer). */
function pairSlot(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
