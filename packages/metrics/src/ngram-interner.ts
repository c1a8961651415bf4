/**
 * Gives every n-gram a small integer id, built as a chain: the id of (w1..wk) is the id interned for the pair
 * (id of w1..wk-1, token id of wk), and the root is 0. Ids start at 1 and are dense, so per-n-gram counts fit
 * in typed arrays indexed by id. An open-addressing table over two Int32Arrays avoids string keys entirely.
 * @internal
 */
export class NgramInterner {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  /** Number of ids given out so far; the next id is `size + 1`. */
  size = 0;

  constructor(capacityHint = 1 << 14) {
    let cap = 1 << 10;
    while (cap < capacityHint * 2) cap <<= 1;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The id of the pair (`prefix`, `token`), allocating one on first sight. Both are non-negative int32. */
  intern(prefix: number, token: number): number {
    let slot = (Math.imul(prefix, 0x9e3779b1) ^ Math.imul(token + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    slot = (slot ^ (slot >>> 15)) & this.mask;
    const keysA = this.keysA;
    for (;;) {
      const a = keysA[slot] as number;
      if (a === -1) break;
      if (a === prefix && this.keysB[slot] === token) return this.values[slot] as number;
      slot = (slot + 1) & this.mask;
    }
    keysA[slot] = prefix;
    this.keysB[slot] = token;
    const id = ++this.size;
    this.values[slot] = id;
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const oldA = this.keysA;
    const oldB = this.keysB;
    const oldV = this.values;
    const cap = oldA.length * 2;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < oldA.length; i++) {
      const a = oldA[i] as number;
      if (a === -1) continue;
      const b = oldB[i] as number;
      let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
      slot = (slot ^ (slot >>> 15)) & this.mask;
      while (this.keysA[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keysA[slot] = a;
      this.keysB[slot] = b;
      this.values[slot] = oldV[i] as number;
    }
  }
}

/** Maps strings to dense ids starting at 0. @internal */
export class TokenVocab {
  private readonly ids = new Map<string, number>();

  /** The id of `token`, allocating one on first sight. */
  id(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
    }
    return id;
  }

  /** The ids of `tokens`, in order. */
  ids32(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.id(tokens[i] as string);
    return out;
  }
}

/** A growable Int32Array of counters indexed by n-gram id, all zero between uses. @internal */
export class CountTable {
  data = new Int32Array(1 << 12);

  /** Makes sure index `id` exists. */
  ensure(id: number): void {
    if (id < this.data.length) return;
    let cap = this.data.length;
    while (cap <= id) cap <<= 1;
    const next = new Int32Array(cap);
    next.set(this.data);
    this.data = next;
  }
}
