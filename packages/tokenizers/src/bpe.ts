import type { Model, TokenSink } from './model';
import { cachedWord } from './model';
import { TokenizerError } from './errors';
import type { IntPairTable } from './int-pair-table';
import type { MergeRanges } from './json-scan';
import { mergeRangesFromList, resolveMerges } from './bpe-merges';
import { VocabTable } from './vocab-table';

/** Options of {@link BpeModel}; defaults are Hugging Face's. */
export interface BpeOptions {
  /** Token for characters outside the vocabulary; `undefined` drops them. @defaultValue `undefined` */
  unkToken?: string;
  /** Prefix added to every symbol but a word's first. @defaultValue `undefined` */
  continuingSubwordPrefix?: string;
  /** Suffix added to a word's last symbol. @defaultValue `undefined` */
  endOfWordSuffix?: string;
  /** Merge consecutive unknown symbols into one. @defaultValue false */
  fuseUnk?: boolean;
  /** Encode unknown characters as `<0xXX>` byte tokens when the vocabulary has them. @defaultValue false */
  byteFallback?: boolean;
  /** Emit a word found whole in the vocabulary without merging. @defaultValue false */
  ignoreMerges?: boolean;
}

/** Packed cache entry: id, start, end triples. */
type Cached = Int32Array;

const POS_BITS = 2 ** 26;

/**
 * Byte-pair encoding: symbols start as characters and the lowest-ranked adjacent pair merges first
 * (leftmost on ties), exactly as Hugging Face's `Word::merge_all` priority queue does.
 * @see https://huggingface.co/docs/tokenizers/api/models#tokenizers.models.BPE
 * @see Sennrich et al. 2016, "Neural Machine Translation of Rare Words with Subword Units"
 */
export class BpeModel implements Model {
  readonly type = 'BPE' as const;
  readonly options: Readonly<BpeOptions>;
  private readonly vocab: VocabTable;
  /** (left id, right id) → rank; the id a rank produces is `mergedIds[rank]`. */
  private readonly ranks: IntPairTable;
  private readonly mergedIds: Int32Array;
  private cache = new Map<string, Cached>();
  /** Id of each single BMP code unit (with no affixes), -1 when absent: skips a lookup per char. */
  private readonly charIds: Int32Array;
  private readonly byteIds: Int32Array;

  /**
   * @param vocab token → id (a `Map`, or the table `Tokenizer.fromString` scans from the file).
   * @param merges `"left right"` strings or `[left, right]` pairs, by rank (or their scanned ranges).
   * @throws {TokenizerError} `INVALID_FIELD` naming the first merge that is malformed or whose tokens are
   *   not in the vocabulary.
   */
  constructor(
    vocab: ReadonlyMap<string, number> | VocabTable,
    merges: ReadonlyArray<readonly [string, string] | string> | MergeRanges,
    options: BpeOptions = {},
  ) {
    const table = vocab instanceof VocabTable ? vocab : VocabTable.fromMap(vocab);
    this.vocab = table;
    this.options = { ...options };
    const prefix = options.continuingSubwordPrefix ?? '';
    let ranges: MergeRanges;
    let badRank = -1;
    if (isMergeRanges(merges)) ranges = merges;
    else ({ merges: ranges, badRank } = mergeRangesFromList(merges));
    const resolved = resolveMerges(table, ranges, prefix);
    if (badRank >= 0) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `model.merges[${badRank}]: expected "left right", got ${JSON.stringify((merges as readonly unknown[])[badRank])}`,
      );
    }
    this.ranks = resolved.ranks;
    this.mergedIds = resolved.mergedIds;
    this.charIds =
      !options.continuingSubwordPrefix && !options.endOfWordSuffix
        ? table.singleUnitIds()
        : new Int32Array(65536).fill(-1);
    this.byteIds = new Int32Array(256).fill(-1);
    if (options.byteFallback) {
      for (let b = 0; b < 256; b++) {
        const id = table.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
        if (id !== undefined) this.byteIds[b] = id;
      }
    }
  }

  tokenize(word: string, sink: TokenSink): void {
    if (word.length === 0) return;
    const res = cachedWord(this.cache, word, (w) => this.run(w));
    const vocab = this.vocab;
    for (let i = 0; i < res.length; i += 3) {
      const id = res[i]!;
      sink.push(id, vocab.token(id)!, res[i + 1]!, res[i + 2]!);
    }
  }

  private run(word: string): Cached {
    const o = this.options;
    if (o.ignoreMerges) {
      const id = this.vocab.get(word);
      if (id !== undefined) return Int32Array.of(id, 0, word.length);
    }
    const n = word.length;
    // Initial symbols: one per character (or per byte with byte fallback).
    const ids: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const prefix = o.continuingSubwordPrefix;
    const suffix = o.endOfWordSuffix;
    const fast = !prefix && !suffix;
    let unkId = -1;
    let unkStart = 0;
    let unkEnd = 0;
    // Symbol offsets are the running sum of kept symbols' lengths, as Hugging Face's `Word` computes
    // them: a character dropped (no unk token, no byte fallback) shifts the following offsets left.
    let cur = 0;
    for (let i = 0; i < n;) {
      const c = word.charCodeAt(i);
      let len = 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = word.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) len = 2;
      }
      let id: number | undefined;
      let s = '';
      if (fast && len === 1) {
        const x = this.charIds[c]!;
        id = x >= 0 ? x : undefined;
        if (id === undefined) s = word[i]!;
      } else {
        s = word.slice(i, i + len);
        if (prefix && i > 0) s = prefix + s;
        if (suffix && i + len >= n) s = s + suffix;
        id = this.vocab.get(s);
      }
      if (id !== undefined) {
        if (unkId >= 0) {
          ids.push(unkId);
          starts.push(unkStart);
          ends.push(unkEnd);
          unkId = -1;
        }
        ids.push(id);
        starts.push(cur);
        ends.push(cur + len);
        cur += len;
      } else {
        let done = false;
        if (o.byteFallback) {
          const bytes = utf8Bytes(s);
          let ok = true;
          for (const b of bytes) if (this.byteIds[b]! < 0) ok = false;
          if (ok) {
            if (unkId >= 0) {
              ids.push(unkId);
              starts.push(unkStart);
              ends.push(unkEnd);
              unkId = -1;
            }
            // Each byte symbol spans the whole character: offsets never split a character.
            for (const b of bytes) {
              ids.push(this.byteIds[b]!);
              starts.push(cur);
              ends.push(cur + len);
            }
            cur += len;
            done = true;
          }
        }
        if (!done && o.unkToken !== undefined) {
          const u = this.vocab.get(o.unkToken);
          if (u === undefined) {
            throw new TokenizerError(
              'UNKNOWN_TOKEN',
              `BPE: the unknown token ${JSON.stringify(o.unkToken)} is not in the vocabulary`,
            );
          }
          if (unkId >= 0 && o.fuseUnk) {
            unkEnd = cur + len;
          } else {
            if (unkId >= 0) {
              ids.push(unkId);
              starts.push(unkStart);
              ends.push(unkEnd);
            }
            unkId = u;
            unkStart = cur;
            unkEnd = cur + len;
          }
          cur += len;
        }
      }
      i += len;
    }
    if (unkId >= 0) {
      ids.push(unkId);
      starts.push(unkStart);
      ends.push(unkEnd);
    }
    const m = ids.length;
    if (m > 1) this.mergeAll(ids, starts, ends);
    let count = 0;
    for (let k = 0; k < m; k++) if (ids[k]! >= 0) count++;
    const out = new Int32Array(3 * count);
    let w = 0;
    for (let k = 0; k < m; k++) {
      if (ids[k]! < 0) continue;
      out[w++] = ids[k]!;
      out[w++] = starts[k]!;
      out[w++] = ends[k]!;
    }
    return out;
  }

  /** Merges in place; removed symbols get id -1. */
  private mergeAll(ids: number[], starts: number[], ends: number[]): void {
    const m = ids.length;
    const ranks = this.ranks;
    const mergedIds = this.mergedIds;
    if (m <= 24) {
      // Short words: a linear scan for the lowest (rank, position) pair is faster than a heap and gives
      // the same order.
      const live = ids.slice();
      const st = starts.slice();
      const en = ends.slice();
      let len = m;
      for (;;) {
        let best = -1;
        let bestVal = Infinity;
        for (let k = 0; k + 1 < len; k++) {
          const v = ranks.get(live[k]!, live[k + 1]!);
          if (v >= 0 && v < bestVal) {
            bestVal = v;
            best = k;
          }
        }
        if (best < 0) break;
        live[best] = mergedIds[bestVal]!;
        en[best] = en[best + 1]!;
        live.splice(best + 1, 1);
        st.splice(best + 1, 1);
        en.splice(best + 1, 1);
        len--;
      }
      for (let k = 0; k < m; k++) ids[k] = k < len ? live[k]! : -1;
      for (let k = 0; k < len; k++) {
        starts[k] = st[k]!;
        ends[k] = en[k]!;
      }
      return;
    }
    const prev = new Int32Array(m);
    const next = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      prev[k] = k - 1;
      next[k] = k + 1 < m ? k + 1 : -1;
    }
    const heap = new MinHeap();
    for (let k = 0; k + 1 < m; k++) {
      const v = ranks.get(ids[k]!, ids[k + 1]!);
      if (v >= 0) heap.push(v * POS_BITS + k, mergedIds[v]!);
    }
    while (heap.size > 0) {
      const key = heap.topKey();
      const newId = heap.topVal();
      heap.pop();
      const pos = key % POS_BITS;
      if (ids[pos]! < 0) continue;
      const nx = next[pos]!;
      if (nx < 0) continue;
      const v = ranks.get(ids[pos]!, ids[nx]!);
      if (v < 0 || mergedIds[v] !== newId) continue;
      ids[pos] = newId;
      ends[pos] = ends[nx]!;
      ids[nx] = -1;
      const nn = next[nx]!;
      next[pos] = nn;
      if (nn >= 0) prev[nn] = pos;
      const pv = prev[pos]!;
      if (pv >= 0) {
        const w = ranks.get(ids[pv]!, newId);
        if (w >= 0) heap.push(w * POS_BITS + pv, mergedIds[w]!);
      }
      if (nn >= 0) {
        const w = ranks.get(newId, ids[nn]!);
        if (w >= 0) heap.push(w * POS_BITS + pos, mergedIds[w]!);
      }
    }
  }

  tokenToId(token: string): number | undefined {
    return this.vocab.get(token);
  }
  idToToken(id: number): string | undefined {
    return this.vocab.token(id);
  }
  getVocabSize(): number {
    return this.vocab.size;
  }
  getVocab(): Record<string, number> {
    return Object.fromEntries(this.vocab.entries());
  }
}

/** Binary min-heap of (key, value) pairs in typed arrays. */
class MinHeap {
  private keys = new Float64Array(64);
  private vals = new Int32Array(64);
  size = 0;
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.vals = v;
    }
    const keys = this.keys;
    const vals = this.vals;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      keys[i] = keys[p]!;
      vals[i] = vals[p]!;
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }
  topKey(): number {
    return this.keys[0]!;
  }
  topVal(): number {
    return this.vals[0]!;
  }
  pop(): void {
    const keys = this.keys;
    const vals = this.vals;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n]!;
    const val = vals[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
      if (keys[c]! >= key) break;
      keys[i] = keys[c]!;
      vals[i] = vals[c]!;
      i = c;
    }
    keys[i] = key;
    vals[i] = val;
  }
}

/** UTF-8 bytes of a string (lone surrogates as U+FFFD). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function isMergeRanges(m: unknown): m is MergeRanges {
  return !Array.isArray(m);
}
