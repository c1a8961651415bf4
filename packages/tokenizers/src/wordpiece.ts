import type { Model, TokenSink } from './model';
import { cachedWord } from './model';
import { TokenizerError } from './errors';
import { cpLen } from './unicode';
import { HASH_SEED, hashRange, hashUnit } from './vocab-table';
import type { VocabTable } from './vocab-table';
import { VocabTableModel } from './vocab-table-model';

/** Options of {@link WordPieceModel}; defaults are Hugging Face's. */
export interface WordPieceOptions {
  /** @defaultValue `'[UNK]'` */
  unkToken?: string;
  /** @defaultValue `'##'` */
  continuingSubwordPrefix?: string;
  /** Words with more characters become one unknown token. @defaultValue 100 */
  maxInputCharsPerWord?: number;
}

/**
 * WordPiece: greedy longest-match-first over the vocabulary, continuation pieces carry a prefix.
 * Matches Hugging Face's `models::wordpiece::WordPiece::tokenize`.
 * @see https://huggingface.co/docs/tokenizers/api/models#tokenizers.models.WordPiece
 */
export class WordPieceModel extends VocabTableModel implements Model {
  readonly type = 'WordPiece' as const;
  readonly unkToken: string;
  readonly prefix: string;
  readonly maxInputChars: number;
  private readonly maxLen: number;
  private readonly unkId: number | undefined;
  /** Hash state after the continuing-subword prefix. */
  private readonly prefixHash: number;
  /** `hashes[k]`: hash of the candidate ending `k` units after its start (reused across calls). */
  private hashes = new Int32Array(64);
  /** The pieces {@link run} found, as id, start, end triples. */
  private found = new Int32Array(96);
  private cache = new Map<string, Int32Array>();

  /** @param vocab token → id (a `Map`, or the table `Tokenizer.fromString` scans from the file). */
  constructor(vocab: ReadonlyMap<string, number> | VocabTable, options: WordPieceOptions = {}) {
    super(vocab);
    const table = this.vocab;
    this.unkToken = options.unkToken ?? '[UNK]';
    this.prefix = options.continuingSubwordPrefix ?? '##';
    this.maxInputChars = options.maxInputCharsPerWord ?? 100;
    this.maxLen = Math.max(1, table.maxKeyLength);
    this.unkId = table.get(this.unkToken);
    this.prefixHash = hashRange(this.prefix, 0, this.prefix.length, HASH_SEED);
  }

  tokenize(word: string, sink: TokenSink): void {
    const n = word.length;
    if (n === 0) return;
    const vocab = this.vocab;
    // Most words are one token: a lookup in the vocabulary costs what a cache lookup would.
    if (n <= this.maxLen && n <= this.maxInputChars) {
      const id = vocab.find(hashRange(word, 0, n, HASH_SEED), '', 0, 0, word, 0, n);
      if (id >= 0) {
        sink.push(id, vocab.token(id)!, 0, n);
        return;
      }
    }
    // The others try many candidates: their pieces are cached.
    const res = cachedWord(this.cache, word, (w) => this.pieces(w));
    for (let k = 0; k < res.length; k += 3) {
      const id = res[k]!;
      sink.push(id, vocab.token(id)!, res[k + 1]!, res[k + 2]!);
    }
  }

  /** The word's pieces as id, start, end triples. */
  private pieces(word: string): Int32Array {
    const n = word.length;
    // Characters, not units, are limited; a word has at most as many characters as units.
    if (n > this.maxInputChars) {
      let chars = 0;
      for (let i = 0; i < n && chars <= this.maxInputChars; i += cpLen(word, i)) chars++;
      if (chars > this.maxInputChars) return Int32Array.of(this.unk(word), 0, n);
    }
    const count = this.run(word);
    if (count < 0) return Int32Array.of(this.unk(word), 0, n);
    return this.found.slice(0, 3 * count);
  }

  private unk(word: string): number {
    if (this.unkId === undefined) {
      throw new TokenizerError(
        'UNKNOWN_TOKEN',
        `WordPiece: the unknown token ${JSON.stringify(this.unkToken)} is not in the vocabulary, so ${JSON.stringify(word.slice(0, 40))} cannot be encoded`,
      );
    }
    return this.unkId;
  }

  /** Greedy longest-match-first into {@link found}; returns the number of pieces, -1 when one fails. */
  private run(word: string): number {
    const n = word.length;
    let count = 0;
    let start = 0;
    const vocab = this.vocab;
    const prefix = this.prefix;
    const plen = prefix.length;
    while (start < n) {
      let end = n;
      // No vocabulary entry is longer than maxLen units: skip candidates that cannot match.
      const room = start > 0 ? this.maxLen - plen : this.maxLen;
      if (end - start > room) {
        end = start + Math.max(0, room);
        if (
          end < n &&
          end > start &&
          isLow(word.charCodeAt(end)) &&
          isHigh(word.charCodeAt(end - 1))
        )
          end++;
      }
      // Hash every candidate [start, k) in one pass (prefix included), then try them longest first.
      if (this.hashes.length <= end - start) this.hashes = new Int32Array(2 * (end - start + 1));
      const hs = this.hashes;
      let h = start > 0 ? this.prefixHash : HASH_SEED;
      for (let k = start; k < end; k++) {
        h = hashUnit(h, word.charCodeAt(k));
        hs[k + 1 - start] = h;
      }
      let found = -1;
      while (start < end) {
        const id =
          start > 0
            ? vocab.find(hs[end - start]!, prefix, 0, plen, word, start, end)
            : vocab.find(hs[end - start]!, '', 0, 0, word, start, end);
        if (id >= 0) {
          found = id;
          break;
        }
        end -=
          end - 2 >= start && isLow(word.charCodeAt(end - 1)) && isHigh(word.charCodeAt(end - 2))
            ? 2
            : 1;
      }
      if (found < 0) return -1;
      if (3 * count + 3 > this.found.length) {
        const grown = new Int32Array(2 * this.found.length);
        grown.set(this.found);
        this.found = grown;
      }
      this.found[3 * count] = found;
      this.found[3 * count + 1] = start;
      this.found[3 * count + 2] = end;
      count++;
      start = end;
    }
    return count;
  }
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
