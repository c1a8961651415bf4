import { MetricsError } from './errors';

/** A 32-bit mix of (`prefix`, `token`): golden-ratio multiply, then murmur3's finaliser steps. */
function pairHash(prefix: number, token: number): number {
  let h = (Math.imul(prefix, 0x9e3779b1) + token) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Integer n-gram keys for the n-gram metrics. Tokens get corpus-wide ids ({@link TokenVocab}); n-grams get
 * small ids that live for one segment only ({@link SegmentNgramTable}): the id of (w1..wk) is the id given
 * to the pair (id of w1..wk-1, token id of wk), with 0 as the root. A segment's table is a few KiB, so it
 * stays in cache, and clearing it is a generation bump instead of a fill.
 * @internal
 */
export class SegmentNgramTable {
  /** Open addressing, one slot = 4 int32s: generation stamp, prefix id, token id, n-gram id. */
  private slots: Int32Array;
  private mask: number;
  private generation = 1;
  /** Number of ids given out since the last {@link reset}; ids are 1..size. */
  size = 0;
  /** Scratch counters indexed by id, zero between uses; callers zero what they touch. */
  countsA: Int32Array;
  countsB: Int32Array;

  constructor(capacity = 1 << 10) {
    let cap = 16;
    while (cap < capacity) cap <<= 1;
    this.slots = new Int32Array(cap * 4);
    this.mask = cap - 1;
    this.countsA = new Int32Array(cap);
    this.countsB = new Int32Array(cap);
  }

  /**
   * Forgets every id; `expected` is an upper bound on the ids the next segment needs.
   * @throws {MetricsError} `INPUT_TOO_LARGE` when a segment would need more than {@link MAX_SEGMENT_NGRAMS} ids.
   */
  reset(expected: number, caller: string): void {
    this.size = 0;
    this.generation++;
    if (expected * 2 > this.mask) {
      // A bound check instead of an ever-doubling int32: `cap <<= 1` wraps to 0 past 2^30 and looped forever.
      if (!(expected <= MAX_SEGMENT_NGRAMS)) {
        throw new MetricsError(
          'INPUT_TOO_LARGE',
          `${caller}: one segment has up to ${String(expected)} n-grams, more than the ${MAX_SEGMENT_NGRAMS} ` +
            'one segment may hold; split the text or lower the n-gram order',
        );
      }
      let cap = this.mask + 1;
      while (cap < expected * 4) cap *= 2;
      this.slots = new Int32Array(cap * 4);
      this.mask = cap - 1;
      this.countsA = new Int32Array(cap);
      this.countsB = new Int32Array(cap);
    }
  }

  /** The generation of the current segment: changes at every {@link reset}. */
  get stamp(): number {
    return this.generation;
  }

  /** A fresh id, for callers that key first-order n-grams themselves. */
  newId(): number {
    return ++this.size;
  }

  /** The id of the pair (`prefix`, `token`) when it was interned in this segment, else 0. */
  lookup(prefix: number, token: number): number {
    const at = this.probe(prefix, token);
    return this.slots[at] === this.generation ? (this.slots[at + 3] as number) : 0;
  }

  /** The id of the pair (`prefix`, `token`), allocating one on first sight. Both are non-negative int32. */
  intern(prefix: number, token: number): number {
    const slots = this.slots;
    const at = this.probe(prefix, token);
    if (slots[at] === this.generation) return slots[at + 3] as number;
    slots[at] = this.generation;
    slots[at + 1] = prefix;
    slots[at + 2] = token;
    const id = ++this.size;
    slots[at + 3] = id;
    return id;
  }

  /** The slot offset of the pair (`prefix`, `token`): where it is stored, or the free slot where it would go. */
  private probe(prefix: number, token: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const gen = this.generation;
    let slot = pairHash(prefix, token) & mask;
    for (;;) {
      const at = slot << 2;
      if (slots[at] !== gen) return at;
      if (slots[at + 1] === prefix && slots[at + 2] === token) return at;
      slot = (slot + 1) & mask;
    }
  }
}

/**
 * The most n-gram ids one segment may use: the table keeps 4 slots per id at 24 bytes a slot, so 2^24 ids take
 * 1.5 GiB (a 2.8-million-character segment at chrF's default orders).
 * @internal
 */
export const MAX_SEGMENT_NGRAMS = 2 ** 24;

/**
 * The highest n-gram order BLEU and chrF accept. sacrebleu has no limit, but every order is a column of each
 * segment's statistics whether or not the text is that long, so an order of 1e9 cannot be counted at all.
 * @internal
 */
export const MAX_NGRAM_ORDER = 100;

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
