import type { Model, TokenSink } from './model';
import { CACHE_CAPACITY, CACHE_MAX_WORD } from './model';
import { TokenizerError } from './errors';
import { cpLen } from './unicode';
import { HASH_SEED, VocabTable, hashRange, hashUnit } from './vocab-table';

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
export class WordPieceModel implements Model {
  readonly type = 'WordPiece' as const;
  readonly unkToken: string;
  readonly prefix: string;
  readonly maxInputChars: number;
  private readonly vocab: VocabTable;
  private readonly maxLen: number;
  private readonly unkId: number | undefined;
  /** Hash state after the continuing-subword prefix. */
  private readonly prefixHash: number;
  /** `hashes[k]`: hash of the candidate ending `k` units after its start (reused across calls). */
  private hashes = new Int32Array(64);
  private cache = new Map<string, number[]>();

  /** @param vocab token → id (a `Map`, or the table `Tokenizer.fromString` scans from the file). */
  constructor(vocab: ReadonlyMap<string, number> | VocabTable, options: WordPieceOptions = {}) {
    const table = vocab instanceof VocabTable ? vocab : VocabTable.fromMap(vocab);
    this.vocab = table;
    this.unkToken = options.unkToken ?? '[UNK]';
    this.prefix = options.continuingSubwordPrefix ?? '##';
    this.maxInputChars = options.maxInputCharsPerWord ?? 100;
    this.maxLen = Math.max(1, table.maxKeyLength);
    this.unkId = table.get(this.unkToken);
    this.prefixHash = hashRange(this.prefix, 0, this.prefix.length, HASH_SEED);
  }

  tokenize(word: string, sink: TokenSink): void {
    const cached = this.cache.get(word);
    if (cached !== undefined) {
      for (let i = 0; i < cached.length; i += 3) {
        const id = cached[i]!;
        sink.push(id, this.vocab.token(id)!, cached[i + 1]!, cached[i + 2]!);
      }
      return;
    }
    const res = this.run(word);
    if (word.length <= CACHE_MAX_WORD) {
      if (this.cache.size >= CACHE_CAPACITY) this.cache.clear();
      this.cache.set(word, res);
    }
    for (let i = 0; i < res.length; i += 3) {
      const id = res[i]!;
      sink.push(id, this.vocab.token(id)!, res[i + 1]!, res[i + 2]!);
    }
  }

  private unk(word: string): number[] {
    if (this.unkId === undefined) {
      throw new TokenizerError(
        'UNKNOWN_TOKEN',
        `WordPiece: the unknown token ${JSON.stringify(this.unkToken)} is not in the vocabulary, so ${JSON.stringify(word.slice(0, 40))} cannot be encoded`,
      );
    }
    return [this.unkId, 0, word.length];
  }

  private run(word: string): number[] {
    const n = word.length;
    // Count characters, stopping early: only "more than max" matters.
    let chars = 0;
    for (let i = 0; i < n && chars <= this.maxInputChars; i += cpLen(word, i)) chars++;
    if (chars > this.maxInputChars) return this.unk(word);
    const out: number[] = [];
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
      if (found < 0) return this.unk(word);
      out.push(found, start, end);
      start = end;
    }
    return out;
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

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
