import type { Model, TokenSink } from './model';
import { cachedWord } from './model';
import { TokenizerError } from './errors';
import type { IntPairTable } from './int-pair-table';
import type { MergeRanges } from './json-scan';
import { mergeRangesFromList, mergesJoinBefore, resolveMerges } from './bpe-merges';
import type { VocabTable } from './vocab-table';
import { VocabTableModel } from './vocab-table-model';
import { SymbolBuffer } from './bpe-symbols';
import { utf8Bytes } from './utf8';

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

/** SentencePiece's word-start mark '▁' (U+2581). */
const SPM_SPACE = 0x2581;

/** Packed cache entry: id, start, end triples. */
type Cached = Int32Array;

/**
 * Byte-pair encoding: symbols start as characters and the lowest-ranked adjacent pair merges first
 * (leftmost on ties), exactly as Hugging Face's `Word::merge_all` priority queue does.
 * @see https://huggingface.co/docs/tokenizers/api/models#tokenizers.models.BPE
 * @see Sennrich et al. 2016, "Neural Machine Translation of Rare Words with Subword Units"
 */
export class BpeModel extends VocabTableModel implements Model {
  readonly type = 'BPE' as const;
  readonly options: Readonly<BpeOptions>;
  /** (left id, right id) → rank; the id a rank produces is `mergedIds[rank]`. */
  private readonly ranks: IntPairTable;
  private readonly mergedIds: Int32Array;
  private cache = new Map<string, Cached>();
  private readonly symbols = new SymbolBuffer();
  /** Id of each single BMP code unit (with no affixes), -1 when absent: skips a lookup per char. */
  private readonly charIds: Int32Array;
  private readonly byteIds: Int32Array;
  /** '▁' when a word may be cut before each '▁' that follows another char, else ''. */
  private readonly wordStart: string;

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
    super(vocab);
    const table = this.vocab;
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
    // SentencePiece-style files (no pre-tokenizer, '▁' for spaces) BPE whole lines. When no merge joins
    // a symbol ending in another char to one starting with '▁', the pieces between word starts merge
    // independently, so each is a cache entry. Offsets are then the piece's own, shifted: only valid
    // when no character can be dropped (an unknown token, or every byte for byte fallback).
    const neverDrops =
      options.unkToken !== undefined ||
      (options.byteFallback === true && !this.byteIds.includes(-1));
    this.wordStart =
      !options.continuingSubwordPrefix &&
      !options.endOfWordSuffix &&
      !options.ignoreMerges &&
      neverDrops &&
      this.charIds[SPM_SPACE]! >= 0 &&
      !mergesJoinBefore(ranges, SPM_SPACE)
        ? String.fromCharCode(SPM_SPACE)
        : '';
  }

  tokenize(word: string, sink: TokenSink): void {
    const n = word.length;
    if (n === 0) return;
    const c = this.wordStart;
    if (c === '') {
      this.emit(word, 0, sink);
      return;
    }
    // Merges never join across a word start (see `wordStart`): BPE each piece alone, through the cache.
    let start = 0;
    for (let p = word.indexOf(c, 1); p > 0; p = word.indexOf(c, p + 1)) {
      if (word.charCodeAt(p - 1) === SPM_SPACE) continue;
      this.emit(word.slice(start, p), start, sink);
      start = p;
    }
    this.emit(start === 0 ? word : word.slice(start), start, sink);
  }

  /** BPE of `word` (through the cache), its offsets shifted by `shift`. */
  private emit(word: string, shift: number, sink: TokenSink): void {
    const res = cachedWord(this.cache, word, (w) => this.run(w));
    const vocab = this.vocab;
    for (let i = 0; i < res.length; i += 3) {
      const id = res[i]!;
      sink.push(id, vocab.token(id)!, res[i + 1]! + shift, res[i + 2]! + shift);
    }
  }

  private run(word: string): Cached {
    const o = this.options;
    if (o.ignoreMerges) {
      const id = this.vocab.get(word);
      if (id !== undefined) return Int32Array.of(id, 0, word.length);
    }
    const n = word.length;
    // Initial symbols: one per character (or per byte with byte fallback: at most 3 per unit).
    const sym = this.symbols;
    sym.reset(o.byteFallback ? 3 * n + 1 : n + 1);
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
          sym.push(unkId, unkStart, unkEnd);
          unkId = -1;
        }
        sym.push(id, cur, cur + len);
        cur += len;
      } else {
        let done = false;
        if (o.byteFallback) {
          const bytes = utf8Bytes(s);
          let ok = true;
          for (const b of bytes) if (this.byteIds[b]! < 0) ok = false;
          if (ok) {
            if (unkId >= 0) {
              sym.push(unkId, unkStart, unkEnd);
              unkId = -1;
            }
            // Each byte symbol spans the whole character: offsets never split a character.
            for (const b of bytes) {
              sym.push(this.byteIds[b]!, cur, cur + len);
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
              sym.push(unkId, unkStart, unkEnd);
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
      sym.push(unkId, unkStart, unkEnd);
    }
    sym.mergeAll(this.ranks, this.mergedIds);
    return sym.toTriples();
  }
}

function isMergeRanges(m: unknown): m is MergeRanges {
  return !Array.isArray(m);
}
