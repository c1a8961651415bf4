import type { IntPairTable } from './int-pair-table';

/** Symbols above this count merge through a heap; below, a linear scan per merge is faster. */
const SHORT_WORD = 24;
/** Heap keys are `rank * POS_SPAN + position`: the lowest rank first, the leftmost on ties. */
const POS_SPAN = 2 ** 26;

/**
 * The symbols of one word during BPE (id, start, end), in buffers reused from word to word so that
 * encoding a word allocates only its result.
 * @internal
 */
export class SymbolBuffer {
  ids = new Int32Array(64);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  length = 0;
  private prev = new Int32Array(64);
  private next = new Int32Array(64);
  private readonly heap = new MinHeap();

  /** Empties the buffer, making room for `capacity` symbols. */
  reset(capacity: number): void {
    this.length = 0;
    if (capacity > this.ids.length) {
      const cap = Math.max(capacity, 2 * this.ids.length);
      this.ids = new Int32Array(cap);
      this.starts = new Int32Array(cap);
      this.ends = new Int32Array(cap);
      this.prev = new Int32Array(cap);
      this.next = new Int32Array(cap);
    }
  }

  push(id: number, start: number, end: number): void {
    const k = this.length++;
    this.ids[k] = id;
    this.starts[k] = start;
    this.ends[k] = end;
  }

  /** The symbols as id, start, end triples. */
  toTriples(): Int32Array {
    const n = this.length;
    const out = new Int32Array(3 * n);
    for (let k = 0; k < n; k++) {
      out[3 * k] = this.ids[k]!;
      out[3 * k + 1] = this.starts[k]!;
      out[3 * k + 2] = this.ends[k]!;
    }
    return out;
  }

  /**
   * Applies merges until none applies: the lowest-ranked adjacent pair first, the leftmost on ties,
   * exactly as Hugging Face's `Word::merge_all` priority queue does. `ranks` maps a pair to its rank,
   * `mergedIds[rank]` is the id it produces.
   */
  mergeAll(ranks: IntPairTable, mergedIds: Int32Array): void {
    if (this.length < 2) return;
    if (this.length <= SHORT_WORD) this.mergeShort(ranks, mergedIds);
    else this.mergeLong(ranks, mergedIds);
  }

  private mergeShort(ranks: IntPairTable, mergedIds: Int32Array): void {
    const { ids, starts, ends } = this;
    let len = this.length;
    for (;;) {
      let best = -1;
      let bestRank = 0x7fffffff;
      for (let k = 0; k + 1 < len; k++) {
        const r = ranks.get(ids[k]!, ids[k + 1]!);
        if (r >= 0 && r < bestRank) {
          bestRank = r;
          best = k;
        }
      }
      if (best < 0) break;
      ids[best] = mergedIds[bestRank]!;
      ends[best] = ends[best + 1]!;
      ids.copyWithin(best + 1, best + 2, len);
      starts.copyWithin(best + 1, best + 2, len);
      ends.copyWithin(best + 1, best + 2, len);
      len--;
    }
    this.length = len;
  }

  private mergeLong(ranks: IntPairTable, mergedIds: Int32Array): void {
    const { ids, starts, ends, prev, next, heap } = this;
    const m = this.length;
    for (let k = 0; k < m; k++) {
      prev[k] = k - 1;
      next[k] = k + 1 < m ? k + 1 : -1;
    }
    heap.size = 0;
    for (let k = 0; k + 1 < m; k++) {
      const r = ranks.get(ids[k]!, ids[k + 1]!);
      if (r >= 0) heap.push(r * POS_SPAN + k, k, mergedIds[r]!);
    }
    while (heap.size > 0) {
      const pos = heap.topPos();
      const newId = heap.topVal();
      heap.pop();
      // Entries go stale when a neighbour merged first: skip those whose pair changed.
      if (ids[pos]! < 0) continue;
      const nx = next[pos]!;
      if (nx < 0) continue;
      const r = ranks.get(ids[pos]!, ids[nx]!);
      if (r < 0 || mergedIds[r] !== newId) continue;
      ids[pos] = newId;
      ends[pos] = ends[nx]!;
      ids[nx] = -1;
      const nn = next[nx]!;
      next[pos] = nn;
      if (nn >= 0) prev[nn] = pos;
      const pv = prev[pos]!;
      if (pv >= 0) {
        const w = ranks.get(ids[pv]!, newId);
        if (w >= 0) heap.push(w * POS_SPAN + pv, pv, mergedIds[w]!);
      }
      if (nn >= 0) {
        const w = ranks.get(newId, ids[nn]!);
        if (w >= 0) heap.push(w * POS_SPAN + pos, pos, mergedIds[w]!);
      }
    }
    let w = 0;
    for (let k = 0; k < m; k++) {
      if (ids[k]! < 0) continue;
      ids[w] = ids[k]!;
      starts[w] = starts[k]!;
      ends[w] = ends[k]!;
      w++;
    }
    this.length = w;
  }
}

/** Binary min-heap of (key, position, value) in typed arrays. */
class MinHeap {
  private keys = new Float64Array(64);
  private poss = new Int32Array(64);
  private vals = new Int32Array(64);
  size = 0;

  push(key: number, pos: number, val: number): void {
    if (this.size === this.keys.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.keys = grow(this.keys, new Float64Array(this.size * 2));
      this.poss = grow(this.poss, new Int32Array(this.size * 2));
      this.vals = grow(this.vals, new Int32Array(this.size * 2));
    }
    const { keys, poss, vals } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      keys[i] = keys[p]!;
      poss[i] = poss[p]!;
      vals[i] = vals[p]!;
      i = p;
    }
    keys[i] = key;
    poss[i] = pos;
    vals[i] = val;
  }

  topPos(): number {
    return this.poss[0]!;
  }

  topVal(): number {
    return this.vals[0]!;
  }

  pop(): void {
    const { keys, poss, vals } = this;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n]!;
    const pos = poss[n]!;
    const val = vals[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
      if (keys[c]! >= key) break;
      keys[i] = keys[c]!;
      poss[i] = poss[c]!;
      vals[i] = vals[c]!;
      i = c;
    }
    keys[i] = key;
    poss[i] = pos;
    vals[i] = val;
  }
}
