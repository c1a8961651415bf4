/**
 * The token → id vocabulary of a model, as an open-addressing hash table over typed arrays whose keys are
 * ranges of one text (usually the `tokenizer.json` text itself). Building it allocates no string per
 * token, which is what makes loading fast: a 120k-entry `Map` costs more than parsing the JSON, while
 * this table costs a few milliseconds. Lookups take a key as up to two string ranges (a WordPiece prefix
 * and a slice of a word; the two halves of a BPE merge), so callers need not build the string either.
 * Token strings are cut from the text when first asked for.
 * @internal
 */
export class VocabTable {
  /** Number of distinct tokens. */
  readonly size: number;
  /** Longest token, in UTF-16 units. */
  readonly maxKeyLength: number;
  private readonly text: string;
  private readonly extra: string;
  /** Key start in `text` (≥ 0) or `~start` in `extra` (< 0), per entry. */
  private readonly starts: Int32Array;
  /** Key length per entry; -1 for an entry dropped as a duplicate key. */
  private readonly lens: Int32Array;
  private readonly ids: Int32Array;
  /**
   * Per slot: the key's hash, its id (-1: empty), where its units start (as `starts`) and its length, side
   * by side so that a probe reads one cache line.
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Entry of each id (-1 when none), or a map when ids are sparse. */
  private readonly byId: Int32Array | Map<number, number>;
  /** Key strings, cut from the text on first use. */
  private readonly strs: (string | undefined)[];

  /** @internal Use {@link VocabTableBuilder}. */
  constructor(b: {
    text: string;
    extra: string;
    starts: Int32Array;
    lens: Int32Array;
    hashes: Int32Array;
    ids: Int32Array;
    strs: (string | undefined)[];
    keep: 'first' | 'last';
  }) {
    this.text = b.text;
    this.extra = b.extra;
    this.starts = b.starts;
    this.lens = b.lens;
    this.ids = b.ids;
    this.strs = b.strs;
    const count = b.ids.length;
    let cap = 16;
    while (cap < count * 2) cap *= 2;
    const slots = new Int32Array(4 * cap).fill(-1);
    /** Entry of each slot, for repeated keys while building. */
    const slotEntry = new Int32Array(cap);
    const mask = cap - 1;
    const { lens, ids, starts } = this;
    const hashes = b.hashes;
    let size = 0;
    let maxLen = 0;
    let maxId = -1;
    for (let e = 0; e < count; e++) {
      const h = hashes[e]!;
      let s = slotOf(h) & mask;
      let dup = -1;
      for (; ; s = (s + 1) & mask) {
        if (slots[4 * s + 1]! < 0) break;
        const o = slotEntry[s]!;
        if (hashes[o] === h && this.sameKey(o, e)) {
          dup = s;
          break;
        }
      }
      if (dup >= 0) {
        // A repeated key: JSON objects keep the last value (at the first key's place), Unigram pieces
        // keep the first id.
        if (b.keep === 'last') {
          ids[slotEntry[dup]!] = ids[e]!;
          slots[4 * dup + 1] = ids[e]!;
        }
        lens[e] = -1;
        continue;
      }
      slots[4 * s] = h;
      slots[4 * s + 1] = ids[e]!;
      slots[4 * s + 2] = starts[e]!;
      slots[4 * s + 3] = lens[e]!;
      slotEntry[s] = e;
      size++;
      if (lens[e]! > maxLen) maxLen = lens[e]!;
    }
    for (let e = 0; e < count; e++) if (lens[e]! >= 0 && ids[e]! > maxId) maxId = ids[e]!;
    this.slots = slots;
    this.mask = mask;
    this.size = size;
    this.maxKeyLength = maxLen;
    if (maxId < 2 * size + 1024) {
      const byId = new Int32Array(maxId + 1).fill(-1);
      for (let e = 0; e < count; e++) if (lens[e]! >= 0) byId[ids[e]!] = e;
      this.byId = byId;
    } else {
      const byId = new Map<number, number>();
      for (let e = 0; e < count; e++) if (lens[e]! >= 0) byId.set(ids[e]!, e);
      this.byId = byId;
    }
  }

  /** A table of the entries of `map`. */
  static fromMap(map: ReadonlyMap<string, number>): VocabTable {
    const b = new VocabTableBuilder('', map.size);
    for (const [k, v] of map) b.addString(k, v);
    return b.build('last');
  }

  /** Id of `key`, `undefined` when absent. */
  get(key: string): number | undefined {
    const id = this.find(hashRange(key, 0, key.length, HASH_SEED), '', 0, 0, key, 0, key.length);
    return id < 0 ? undefined : id;
  }

  /**
   * Id of the key `s1[a1, b1) + s2[a2, b2)` whose {@link hashRange} is `h`, or -1.
   * @example table.find(hashRange(w, 3, 7, hashRange('##', 0, 2, HASH_SEED)), '##', 0, 2, w, 3, 7)
   */
  find(h: number, s1: string, a1: number, b1: number, s2: string, a2: number, b2: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const len = b1 - a1 + (b2 - a2);
    for (let s = slotOf(h) & mask; ; s = (s + 1) & mask) {
      const q = 4 * s;
      const id = slots[q + 1]!;
      if (id < 0) return -1;
      if (slots[q] !== h || slots[q + 3] !== len) continue;
      const st = slots[q + 2]!;
      const pool = st >= 0 ? this.text : this.extra;
      let o = st >= 0 ? st : ~st;
      let same = true;
      for (let i = a1; i < b1; i++) {
        if (pool.charCodeAt(o++) !== s1.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) {
        for (let i = a2; i < b2; i++) {
          if (pool.charCodeAt(o++) !== s2.charCodeAt(i)) {
            same = false;
            break;
          }
        }
      }
      if (same) return id;
    }
  }

  /** The token of `id`, `undefined` when no token has it. */
  token(id: number): string | undefined {
    const byId = this.byId;
    const e = byId instanceof Int32Array ? (byId[id] ?? -1) : (byId.get(id) ?? -1);
    if (e < 0) return undefined;
    return this.strs[e] ?? this.keyOf(e);
  }

  /** Every token and its id, in the order they were added. */
  entries(): [string, number][] {
    const out: [string, number][] = [];
    for (let e = 0; e < this.lens.length; e++)
      if (this.lens[e]! >= 0) out.push([this.strs[e] ?? this.keyOf(e), this.ids[e]!]);
    return out;
  }

  /** Calls `f` with each token's id and where its units are (`pool[start, start + len)`), in order. */
  forEachKey(f: (id: number, pool: string, start: number, len: number) => void): void {
    for (let e = 0; e < this.lens.length; e++) {
      const len = this.lens[e]!;
      if (len < 0) continue;
      const st = this.starts[e]!;
      f(this.ids[e]!, st >= 0 ? this.text : this.extra, st >= 0 ? st : ~st, len);
    }
  }

  /** Id of every one-unit token by its code unit, -1 where none: a lookup without hashing. */
  singleUnitIds(): Int32Array {
    const out = new Int32Array(65536).fill(-1);
    for (let e = 0; e < this.lens.length; e++) {
      if (this.lens[e] !== 1) continue;
      const st = this.starts[e]!;
      const c = st >= 0 ? this.text.charCodeAt(st) : this.extra.charCodeAt(~st);
      out[c] = this.ids[e]!;
    }
    return out;
  }

  private keyOf(e: number): string {
    const st = this.starts[e]!;
    const len = this.lens[e]!;
    const s = st >= 0 ? this.text.slice(st, st + len) : this.extra.slice(~st, ~st + len);
    this.strs[e] = s;
    return s;
  }

  private sameKey(x: number, y: number): boolean {
    const len = this.lens[x]!;
    if (this.lens[y] !== len) return false;
    const sx = this.starts[x]!;
    const sy = this.starts[y]!;
    const px = sx >= 0 ? this.text : this.extra;
    const py = sy >= 0 ? this.text : this.extra;
    const ox = sx >= 0 ? sx : ~sx;
    const oy = sy >= 0 ? sy : ~sy;
    for (let i = 0; i < len; i++) if (px.charCodeAt(ox + i) !== py.charCodeAt(oy + i)) return false;
    return true;
  }
}

/**
 * Collects keys, as ranges of one text or as strings, with their ids; {@link VocabTableBuilder.build}
 * makes the table.
 * @internal
 */
export class VocabTableBuilder {
  private readonly text: string;
  private starts: Int32Array;
  private lens: Int32Array;
  private hashes: Int32Array;
  private ids: Int32Array;
  private count = 0;
  private readonly extraParts: string[] = [];
  private extraLen = 0;
  /** Entries given as strings: entry, key, entry, key, … */
  private readonly given: (number | string)[] = [];

  constructor(text: string, expected = 1024) {
    this.text = text;
    const cap = Math.max(16, expected);
    this.starts = new Int32Array(cap);
    this.lens = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.ids = new Int32Array(cap);
  }

  /** Adds the key `text[start, start + len)` whose {@link hashRange} is `hash`. */
  addRange(start: number, len: number, hash: number, id: number): void {
    const e = this.slot();
    this.starts[e] = start;
    this.lens[e] = len;
    this.hashes[e] = hash;
    this.ids[e] = id;
  }

  /** Adds a key given as a string. */
  addString(key: string, id: number): void {
    const e = this.slot();
    this.starts[e] = ~this.extraLen;
    this.lens[e] = key.length;
    this.hashes[e] = hashRange(key, 0, key.length, HASH_SEED);
    this.ids[e] = id;
    this.extraParts.push(key);
    this.extraLen += key.length;
    this.given.push(e, key);
  }

  /** The table; a repeated key keeps the `'last'` id (JSON objects) or the `'first'` (Unigram pieces). */
  build(keep: 'first' | 'last'): VocabTable {
    const n = this.count;
    const strs = new Array<string | undefined>(n);
    const given = this.given;
    for (let k = 0; k < given.length; k += 2) strs[given[k] as number] = given[k + 1] as string;
    return new VocabTable({
      text: this.text,
      extra: this.extraParts.join(''),
      starts: fit(this.starts, n),
      lens: fit(this.lens, n),
      hashes: this.hashes.subarray(0, n),
      ids: fit(this.ids, n),
      strs,
      keep,
    });
  }

  private slot(): number {
    const e = this.count++;
    if (e === this.ids.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.lens = grow(this.lens);
      this.hashes = grow(this.hashes);
      this.ids = grow(this.ids);
    }
    return e;
  }
}

/** The first `n` values, copied when the buffer is much larger (the table keeps them). */
function fit(a: Int32Array, n: number): Int32Array {
  return a.length > n + (n >> 3) + 64 ? a.slice(0, n) : a.subarray(0, n);
}

/** Start state of {@link hashRange} (FNV-1a's offset basis). */
export const HASH_SEED = 0x811c9dc5 | 0;

/** FNV-1a over UTF-16 units, continuing from `h`: hashing `a` then `b` equals hashing `a + b`. */
export function hashRange(s: string, start: number, end: number, h: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** One FNV-1a step. */
export function hashUnit(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** FNV's low bits are weak for power-of-two tables: murmur3's finalizer spreads them. */
function slotOf(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
