import type { Model, TokenSink } from './model';
import { CACHE_CAPACITY, CACHE_MAX_WORD } from './model';
import { TokenizerError } from './errors';
import { cpLen } from './unicode';

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
  private readonly vocab: Map<string, number>;
  private readonly vocabR: string[];
  private readonly maxLen: number;
  private readonly unkId: number | undefined;
  private cache = new Map<string, number[]>();

  constructor(vocab: Map<string, number>, options: WordPieceOptions = {}) {
    this.vocab = vocab;
    this.unkToken = options.unkToken ?? '[UNK]';
    this.prefix = options.continuingSubwordPrefix ?? '##';
    this.maxInputChars = options.maxInputCharsPerWord ?? 100;
    this.vocabR = [];
    let maxLen = 1;
    for (const [k, v] of vocab) {
      this.vocabR[v] = k;
      if (k.length > maxLen) maxLen = k.length;
    }
    this.maxLen = maxLen;
    this.unkId = vocab.get(this.unkToken);
  }

  tokenize(word: string, sink: TokenSink): void {
    const cached = this.cache.get(word);
    if (cached !== undefined) {
      for (let i = 0; i < cached.length; i += 3) {
        const id = cached[i]!;
        sink.push(id, this.vocabR[id]!, cached[i + 1]!, cached[i + 2]!);
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
      sink.push(id, this.vocabR[id]!, res[i + 1]!, res[i + 2]!);
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
    while (start < n) {
      let end = n;
      // No vocabulary entry is longer than maxLen units: skip candidates that cannot match.
      if (end - start > this.maxLen) {
        end = start + this.maxLen;
        if (end < n && isLow(word.charCodeAt(end)) && isHigh(word.charCodeAt(end - 1))) end++;
      }
      let found = -1;
      while (start < end) {
        const sub = start > 0 ? this.prefix + word.slice(start, end) : word.slice(start, end);
        const id = vocab.get(sub);
        if (id !== undefined) {
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
    return this.vocabR[id];
  }
  getVocabSize(): number {
    return this.vocab.size;
  }
  getVocab(): Record<string, number> {
    return Object.fromEntries(this.vocab);
  }
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
