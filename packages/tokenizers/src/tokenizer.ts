import { describeValue } from './describe-value';
import { TokenizerError } from './errors';
import type {
  AddedToken,
  AddedTokenJson,
  DecodeOptions,
  EncodeOptions,
  Encoding,
  ModelJson,
  Offset,
  PaddingOptions,
  TokenizerJson,
  TruncationOptions,
} from './types';
import { NormalizedString } from './normalized-string';
import type { Normalizer } from './normalizers';
import { createNormalizer } from './normalizers';
import type { PreTokenizer } from './pre-tokenizers';
import { createPreTokenizer } from './pre-tokenizers';
import type { Model, TokenSink } from './model';
import { WordPieceModel } from './wordpiece';
import { BpeModel } from './bpe';
import { UnigramModel } from './unigram';
import { WordLevelModel } from './word-level';
import type { PostProcessor } from './post-processors';
import { createPostProcessor, runPostProcessor } from './post-processors';
import type { Decoder } from './decoders';
import { cleanup, createDecoder } from './decoders';
import { AddedTokenMatcher } from './added-vocabulary';
import { RawEncoding } from './raw-encoding';
import { scanTokenizerJson } from './scan-tokenizer-json';
import type { ScannedSections } from './scan-tokenizer-json';
import type { VocabTable } from './vocab-table';
import { byteLevelBpeJsonFromFiles, wordPieceJsonFromVocab } from './from-vocab';
import type { ByteLevelBpeOptions, WordPieceVocabOptions } from './from-vocab';

/** Supported `model.type` values. */
export const MODEL_TYPES = ['WordPiece', 'BPE', 'Unigram', 'WordLevel'] as const;

/** Truncation as the tokenizer applies it (Hugging Face's `TruncationParams`). */
export interface TruncationParams {
  maxLength: number;
  stride: number;
  strategy: 'longest_first' | 'only_first' | 'only_second';
  direction: 'left' | 'right';
}

/** Padding as the tokenizer applies it (Hugging Face's `PaddingParams`). */
export interface PaddingParams {
  length: number | undefined;
  direction: 'left' | 'right';
  padToMultipleOf: number | undefined;
  padId: number;
  padTypeId: number;
  padToken: string;
}

/** One input of {@link Tokenizer.encodeBatch}: a text or a `[text, pair]`. */
export type EncodeInput = string | readonly [string, string];

/** The pieces a tokenizer is made of, for {@link Tokenizer} construction from code. @internal */
export interface TokenizerParts {
  model: Model;
  normalizer?: Normalizer | null;
  preTokenizer?: PreTokenizer | null;
  postProcessor?: PostProcessor | null;
  decoder?: Decoder | null;
  addedTokens?: AddedTokenJson[];
}

/**
 * A Hugging Face tokenizer (`tokenizer.json`) in pure TypeScript: same ids, tokens, type ids, masks and
 * offsets as the Rust library, named as its Node binding names things.
 * @example
 * const tok = Tokenizer.fromString(json);
 * tok.encode('Hello world!').tokens // ['[CLS]', 'hello', 'world', '!', '[SEP]']
 * @see https://huggingface.co/docs/tokenizers/api/tokenizer
 */
/** The longest padding target `enablePadding` takes: 2^20 tokens, beyond any model's positions, inside memory. */
export const MAX_PADDED_LENGTH = 2 ** 20;

export class Tokenizer {
  private readonly model: Model;
  private readonly normalizer: Normalizer | null;
  private readonly preTokenizer: PreTokenizer | null;
  private readonly postProcessor: PostProcessor | null;
  private readonly decoder: Decoder | null;
  private added: AddedToken[] = [];
  private addedById = new Map<number, AddedToken>();
  private addedByContent = new Map<string, AddedToken>();
  private rawMatcher = new AddedTokenMatcher([]);
  private normMatcher = new AddedTokenMatcher([]);
  private truncation: TruncationParams | null = null;
  private padding: PaddingParams | null = null;
  private readonly sink: PipelineSink;

  /** Use {@link Tokenizer.fromString} or {@link Tokenizer.fromJSON}; this builds from parts. */
  constructor(parts: TokenizerParts) {
    this.model = parts.model;
    this.normalizer = parts.normalizer ?? null;
    this.preTokenizer = parts.preTokenizer ?? null;
    this.postProcessor = parts.postProcessor ?? null;
    this.decoder = parts.decoder ?? null;
    this.sink = new PipelineSink();
    if (parts.addedTokens) this.registerAdded(parts.addedTokens, 'added_tokens');
  }

  /**
   * Parses the text of a `tokenizer.json`.
   * @throws {TokenizerError} `INVALID_JSON` when the text is not JSON; see {@link Tokenizer.fromJSON}.
   * @example Tokenizer.fromString(readFileSync('tokenizer.json', 'utf8'))
   */
  static fromString(json: string): Tokenizer {
    // The vocabulary and merges are read straight from the text when it is plainly shaped; anything
    // else (and every error) goes through JSON.parse.
    const fast = typeof json === 'string' ? scanTokenizerJson(json) : null;
    if (fast !== null) return Tokenizer.build(fast.json, fast.scanned);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (cause) {
      throw new TokenizerError(
        'INVALID_JSON',
        `Tokenizer.fromString: the text is not valid JSON (${String(cause)})`,
        { cause },
      );
    }
    return Tokenizer.fromJSON(parsed);
  }

  /**
   * Builds from a parsed `tokenizer.json` object (not mutated).
   * @throws {TokenizerError} `INVALID_FIELD` naming the JSON path of a malformed field;
   *   `UNSUPPORTED_TYPE` naming the path and the supported types.
   */
  static fromJSON(json: unknown): Tokenizer {
    return Tokenizer.build(json, null);
  }

  private static build(json: unknown, scanned: ScannedSections | null): Tokenizer {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `(root): expected a tokenizer.json object, got ${describeValue(json)}`,
      );
    }
    const j = json as TokenizerJson;
    if (j.model === null || typeof j.model !== 'object' || Array.isArray(j.model)) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `model: expected an object, got ${describeValue(j.model)}`,
      );
    }
    const model = buildModel(j.model, scanned);
    const tok = new Tokenizer({
      model,
      normalizer: j.normalizer ? createNormalizer(j.normalizer, 'normalizer') : null,
      preTokenizer: j.pre_tokenizer ? createPreTokenizer(j.pre_tokenizer, 'pre_tokenizer') : null,
      postProcessor: j.post_processor
        ? createPostProcessor(j.post_processor, 'post_processor')
        : null,
      decoder: j.decoder ? createDecoder(j.decoder, 'decoder') : null,
    });
    if (j.added_tokens !== undefined && j.added_tokens !== null) {
      if (!Array.isArray(j.added_tokens)) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `added_tokens: expected an array, got ${describeValue(j.added_tokens)}`,
        );
      }
      tok.registerAdded(j.added_tokens, 'added_tokens');
    }
    if (j.truncation) {
      const t = j.truncation;
      if (typeof t.max_length !== 'number')
        throw new TokenizerError('INVALID_FIELD', `truncation.max_length: expected a number`);
      tok.enableTruncation(t.max_length, {
        stride: t.stride ?? 0,
        strategy: (
          {
            LongestFirst: 'longest_first',
            OnlyFirst: 'only_first',
            OnlySecond: 'only_second',
          } as const
        )[t.strategy ?? 'LongestFirst'],
        direction: t.direction === 'Left' ? 'left' : 'right',
      });
    }
    if (j.padding) {
      const p = j.padding;
      tok.enablePadding({
        length:
          typeof p.strategy === 'object' && p.strategy !== null ? p.strategy.Fixed : undefined,
        direction: p.direction === 'Left' ? 'left' : 'right',
        padToMultipleOf: p.pad_to_multiple_of ?? undefined,
        padId: p.pad_id ?? 0,
        padTypeId: p.pad_type_id ?? 0,
        padToken: p.pad_token ?? '[PAD]',
      });
    }
    return tok;
  }

  /**
   * A BERT tokenizer from the text of a `vocab.txt` (one token per line).
   * @throws {TokenizerError} `INVALID_FIELD` when a special token is missing from the vocabulary.
   * @example Tokenizer.fromWordPieceVocab('[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n')
   */
  static fromWordPieceVocab(vocabTxt: string, options: WordPieceVocabOptions = {}): Tokenizer {
    return Tokenizer.fromJSON(wordPieceJsonFromVocab(vocabTxt, options));
  }

  /**
   * A byte-level BPE tokenizer (GPT-2, RoBERTa) from the texts of `vocab.json` and `merges.txt`.
   * @throws {TokenizerError} `INVALID_JSON` / `INVALID_FIELD` naming the file and line.
   */
  static fromByteLevelBpe(
    vocabJson: string,
    mergesTxt: string,
    options: ByteLevelBpeOptions = {},
  ): Tokenizer {
    return Tokenizer.fromJSON(byteLevelBpeJsonFromFiles(vocabJson, mergesTxt, options));
  }

  /**
   * Reads a `tokenizer.json` (Node only, through `process.getBuiltinModule`, so bundles stay free of `fs`).
   * On Node versions without it, use `Tokenizer.fromFile` from `@nlpft/tokenizers/node`.
   * @throws {TokenizerError} `FILE_ERROR` when the file cannot be read or there is no file system.
   */
  static fromFile(path: string): Tokenizer {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    const fs = proc?.getBuiltinModule?.('node:fs') as
      { readFileSync(p: string, e: 'utf8'): string } | undefined;
    if (!fs) {
      throw new TokenizerError(
        'FILE_ERROR',
        'Tokenizer.fromFile: no file system here (needs Node ≥ 20.16); import { Tokenizer } from "@nlpft/tokenizers/node" or use Tokenizer.fromString',
      );
    }
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (cause) {
      throw new TokenizerError(
        'FILE_ERROR',
        `Tokenizer.fromFile: cannot read ${path}: ${(cause as Error).message}`,
        { cause },
      );
    }
    return Tokenizer.fromString(text);
  }

  private registerAdded(list: readonly AddedTokenJson[], path: string): void {
    list.forEach((t, i) => {
      if (!t || typeof t.content !== 'string' || typeof t.id !== 'number') {
        throw new TokenizerError(
          'INVALID_FIELD',
          `${path}[${i}]: expected { id: number, content: string, … }, got ${describeValue(t)}`,
        );
      }
      if (this.addedByContent.has(t.content) || t.content.length === 0) return;
      // Hugging Face re-derives ids when loading: the vocabulary's id when the content is in it, else the
      // next free id after the vocabulary and the added tokens (the file's id is only checked).
      const id = this.model.tokenToId(t.content) ?? this.nextAddedId();
      const tok: AddedToken = {
        id,
        content: t.content,
        special: t.special ?? false,
        singleWord: t.single_word ?? false,
        lstrip: t.lstrip ?? false,
        rstrip: t.rstrip ?? false,
        normalized: t.normalized ?? !(t.special ?? false),
      };
      this.added.push(tok);
      this.addedById.set(id, tok);
      this.addedByContent.set(tok.content, tok);
    });
    this.refreshMatchers();
  }

  private nextAddedId(): number {
    const size = this.model.getVocabSize();
    if (this.added.length === 0) return size;
    let max = 0;
    for (const t of this.added) if (t.id > max) max = t.id;
    return max >= size || size === 0 ? max + 1 : size;
  }

  private refreshMatchers(): void {
    const raw: { pattern: string; token: AddedToken }[] = [];
    const norm: { pattern: string; token: AddedToken }[] = [];
    for (const t of this.added) {
      if (t.normalized) {
        let pattern = t.content;
        if (this.normalizer) {
          const n = new NormalizedString(t.content, null, 0, 0);
          this.normalizer.normalize(n);
          pattern = n.s;
        }
        norm.push({ pattern, token: t });
      } else raw.push({ pattern: t.content, token: t });
    }
    this.rawMatcher = new AddedTokenMatcher(raw);
    this.normMatcher = new AddedTokenMatcher(norm);
  }

  /**
   * Adds tokens matched in text before the model runs (ids after the vocabulary); returns how many were new.
   * @example tok.addTokens(['<ent>'])
   */
  addTokens(
    tokens: readonly (string | (Partial<AddedToken> & { content: string }))[],
    special = false,
  ): number {
    let added = 0;
    const list: AddedTokenJson[] = [];
    for (const t of tokens) {
      const o = typeof t === 'string' ? { content: t } : t;
      if (this.addedByContent.has(o.content) || list.some((x) => x.content === o.content)) continue;
      list.push({
        id: -1,
        content: o.content,
        special: o.special ?? special,
        single_word: o.singleWord ?? false,
        lstrip: o.lstrip ?? false,
        rstrip: o.rstrip ?? false,
        normalized: o.normalized ?? !(o.special ?? special),
      });
      added++;
    }
    this.registerAdded(list, 'addTokens(tokens)');
    return added;
  }

  /** Adds special tokens (skipped by `decode` by default). Returns how many were new. */
  addSpecialTokens(tokens: readonly string[]): number {
    return this.addTokens(tokens, true);
  }

  /**
   * Truncate every encoding to `maxLength` tokens (special tokens included), as HF `enable_truncation`.
   * @throws {TokenizerError} `INVALID_OPTION` when `maxLength` is not a non-negative integer or `stride` ≥ it.
   */
  enableTruncation(maxLength: number, options: TruncationOptions = {}): void {
    if (!Number.isInteger(maxLength) || maxLength < 0) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `enableTruncation: maxLength must be a non-negative integer, got ${describeValue(maxLength)}`,
      );
    }
    const stride = options.stride ?? 0;
    if (!Number.isInteger(stride) || stride < 0) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `enableTruncation: stride must be a non-negative integer, got ${describeValue(stride)}`,
      );
    }
    const strategy = options.strategy ?? 'longest_first';
    if (!['longest_first', 'only_first', 'only_second'].includes(strategy)) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `enableTruncation: strategy ${JSON.stringify(strategy)} is not one of longest_first, only_first, only_second`,
      );
    }
    this.truncation = { maxLength, stride, strategy, direction: options.direction ?? 'right' };
  }

  /** Stop truncating. */
  noTruncation(): void {
    this.truncation = null;
  }

  /** Pad encodings (to a fixed length or to the batch's longest), as HF `enable_padding`. */
  enablePadding(options: PaddingOptions = {}): void {
    if (options.length !== undefined && (!Number.isInteger(options.length) || options.length < 0)) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `enablePadding: length must be a non-negative integer, got ${describeValue(options.length)}`,
      );
    }
    if (
      options.padToMultipleOf !== undefined &&
      (!Number.isInteger(options.padToMultipleOf) || options.padToMultipleOf <= 0)
    ) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `enablePadding: padToMultipleOf must be a positive integer, got ${describeValue(options.padToMultipleOf)}`,
      );
    }
    for (const key of ['length', 'padToMultipleOf'] as const) {
      const v = options[key];
      if (v !== undefined && v > MAX_PADDED_LENGTH)
        throw new TokenizerError(
          'INVALID_OPTION',
          `enablePadding: ${key} ${v} is more than ${MAX_PADDED_LENGTH} tokens (2^20, far beyond any model's positions; the padded arrays would not fit in memory)`,
        );
    }
    for (const key of ['padId', 'padTypeId'] as const) {
      const v = options[key];
      if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
        throw new TokenizerError(
          'INVALID_OPTION',
          `enablePadding: ${key} must be a non-negative integer, got ${describeValue(v)}`,
        );
      }
    }
    if (options.padToken !== undefined && typeof options.padToken !== 'string') {
      throw new TokenizerError(
        'INVALID_OPTION',
        `enablePadding: padToken must be a string, got ${describeValue(options.padToken)}`,
      );
    }
    const padToken = options.padToken ?? '[PAD]';
    this.padding = {
      length: options.length,
      direction: options.direction ?? 'right',
      padToMultipleOf: options.padToMultipleOf,
      padId: options.padId ?? this.tokenToId(padToken) ?? 0,
      padTypeId: options.padTypeId ?? 0,
      padToken,
    };
  }

  /** Stop padding. */
  noPadding(): void {
    this.padding = null;
  }

  /** Current truncation settings, or null. */
  getTruncation(): Readonly<TruncationParams> | null {
    return this.truncation;
  }

  /** Current padding settings, or null. */
  getPadding(): Readonly<PaddingParams> | null {
    return this.padding;
  }

  /**
   * Encodes a text (and optionally its pair) as Hugging Face's `Tokenizer.encode` does.
   * Never throws on any string: lone surrogates read as U+FFFD (same length, offsets unchanged).
   * @throws {TokenizerError} `INVALID_INPUT` when `text` or `pair` is not a string; `INVALID_OPTION` when
   *   truncation cannot fit the special tokens.
   * @example tok.encode('Hello', 'world').typeIds // [0, 0, 0, 1, 1]
   */
  encode(text: string, pair?: string | null, options: EncodeOptions = {}): Encoding {
    const enc = this.encodeRaw(text, pair, options);
    if (this.padding) this.padAll([enc]);
    return toEncoding(enc);
  }

  /**
   * Encodes many inputs; with padding enabled and no fixed length, pads to the longest.
   * @example tok.encodeBatch(['a', ['b', 'c']])
   */
  encodeBatch(inputs: readonly EncodeInput[], options: EncodeOptions = {}): Encoding[] {
    if (!Array.isArray(inputs)) {
      throw new TokenizerError(
        'INVALID_INPUT',
        `encodeBatch: inputs must be an array, got ${describeValue(inputs)}`,
      );
    }
    const list: readonly EncodeInput[] = inputs;
    const raws = list.map((x, i) => {
      if (typeof x === 'string') return this.encodeRaw(x, null, options);
      // As the Hugging Face binding: an array input is a [text, pair] pair, never one text or three.
      if (!Array.isArray(x) || x.length !== 2) {
        throw new TokenizerError(
          'INVALID_INPUT',
          `encodeBatch: inputs[${i}] must be a string or a [text, pair] array of two strings, got ` +
            (Array.isArray(x) ? `an array of ${x.length}` : describeValue(x)),
        );
      }
      return this.encodeRaw(x[0], x[1], options);
    });
    if (this.padding) this.padAll(raws);
    return raws.map(toEncoding);
  }

  private encodeRaw(
    text: string,
    pair: string | null | undefined,
    options: EncodeOptions,
  ): RawEncoding {
    if (typeof text !== 'string')
      throw new TokenizerError(
        'INVALID_INPUT',
        `encode: text must be a string, got ${describeValue(text)}`,
      );
    if (pair !== undefined && pair !== null && typeof pair !== 'string') {
      throw new TokenizerError(
        'INVALID_INPUT',
        `encode: pair must be a string, got ${describeValue(pair)}`,
      );
    }
    const add = options.addSpecialTokens ?? true;
    const cp = options.offsetType === 'codePoint';
    if (options.offsetType !== undefined && options.offsetType !== 'utf16' && !cp) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `encode: offsetType must be 'utf16' or 'codePoint', got ${JSON.stringify(options.offsetType)}`,
      );
    }
    // Offsets are computed in code points whenever the text has astral chars, as Hugging Face computes
    // them (its post-processors trim offsets in characters), and turned into UTF-16 units at the end.
    const astral = SURROGATE.test(text) || (typeof pair === 'string' && SURROGATE.test(pair));
    const a = this.encodeSingle(text, 0, cp || astral);
    const b = pair === undefined || pair === null ? null : this.encodeSingle(pair, 1, cp || astral);
    if (this.truncation) this.truncate(a, b, add);
    const out = runPostProcessor(this.postProcessor, b ? [a, b] : [a], add);
    if (astral && !cp) {
      const maps = [cpToUnitMap(text), typeof pair === 'string' ? cpToUnitMap(pair) : null];
      toUnitOffsets(out, maps);
    }
    return out;
  }

  private truncate(a: RawEncoding, b: RawEncoding | null, add: boolean): void {
    const t = this.truncation!;
    const nAdded = add && this.postProcessor ? this.postProcessor.addedTokens(b !== null) : 0;
    if (t.maxLength < nAdded) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `encode: truncation maxLength ${t.maxLength} is smaller than the ${nAdded} special tokens the post-processor adds`,
      );
    }
    const max = t.maxLength - nAdded;
    if (max === 0) {
      a.truncate(0, t.stride, t.direction);
      b?.truncate(0, t.stride, t.direction);
      return;
    }
    const total = a.length + (b ? b.length : 0);
    if (total <= max) return;
    const toRemove = total - max;
    if (t.stride >= max && total > max) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `encode: truncation stride ${t.stride} must be smaller than the room left for tokens (${max})`,
      );
    }
    if (t.strategy === 'longest_first') {
      if (b) {
        let n1 = a.length;
        let n2 = b.length;
        let swap = false;
        if (n1 > n2) {
          swap = true;
          [n1, n2] = [n2, n1];
        }
        if (n1 >= t.maxLength) {
          // Both at least the configured length: Hugging Face 0.23 gives the first half to A, the rest to B
          // (measured against the binding; its threshold is the configured max_length).
          n1 = Math.floor(max / 2);
          n2 = n1 + (max % 2);
          swap = false;
        } else {
          n2 = Math.max(n1, max - n1);
          if (n1 + n2 > max) {
            n1 = Math.floor(max / 2);
            n2 = n1 + (max % 2);
          }
        }
        if (swap) [n1, n2] = [n2, n1];
        a.truncate(n1, t.stride, t.direction);
        b.truncate(n2, t.stride, t.direction);
      } else a.truncate(total - toRemove, t.stride, t.direction);
      return;
    }
    const target = t.strategy === 'only_first' ? a : b;
    if (!target) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `encode: truncation strategy only_second needs a pair`,
      );
    }
    if (target.length <= toRemove) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `encode: the sequence to truncate (${target.length} tokens) is too short to remove ${toRemove}`,
      );
    }
    target.truncate(target.length - toRemove, t.stride, t.direction);
  }

  private padAll(encs: RawEncoding[]): void {
    const p = this.padding!;
    let target = p.length ?? Math.max(0, ...encs.map((e) => e.length));
    const m = p.padToMultipleOf;
    if (m !== undefined && m > 0 && target % m !== 0) target += m - (target % m);
    for (const e of encs) e.pad(target, p.padId, p.padTypeId, p.padToken, p.direction);
  }

  /** Normalize → added tokens → pre-tokenize → model for one sequence, offsets in the caller's units. */
  private encodeSingle(input: string, seqIndex: number, cp: boolean): RawEncoding {
    const text = wellFormed(input);
    const enc = new RawEncoding();
    const sink = this.sink;
    sink.enc = enc;
    sink.typeId = seqIndex;
    sink.word = 0;
    if (text.length > 0) {
      const root = new NormalizedString(text, null, 0, 0);
      const pieces = this.rawMatcher.find(text, false);
      if (pieces === null) this.plain(root);
      else {
        for (const p of pieces) {
          const sl = root.slice(p.start, p.end);
          if (p.token) this.emitAdded(sl, p.token);
          else this.plain(sl);
        }
      }
    }
    // Type ids, sequence ids and masks are filled by runPostProcessor.
    if (cp) toCodePointOffsets(text, enc.offsets);
    sink.enc = null;
    return enc;
  }

  private emitAdded(n: NormalizedString, t: AddedToken): void {
    const sink = this.sink;
    sink.w = n;
    sink.push(t.id, n.s, 0, n.s.length);
    sink.word++;
  }

  private plain(n: NormalizedString): void {
    if (this.normalizer) {
      this.normalizer.normalize(n);
      if (n.s.length === 0) return;
      const pieces = this.normMatcher.find(n.s, false);
      if (pieces !== null) {
        for (const p of pieces) {
          const sl = n.slice(p.start, p.end);
          if (p.token) this.emitAdded(sl, p.token);
          else this.words(sl);
        }
        return;
      }
    } else {
      const pieces = this.normMatcher.find(n.s, false);
      if (pieces !== null) {
        for (const p of pieces) {
          const sl = n.slice(p.start, p.end);
          if (p.token) this.emitAdded(sl, p.token);
          else this.words(sl);
        }
        return;
      }
    }
    this.words(n);
  }

  private readonly wordBuf: NormalizedString[] = [];

  private words(n: NormalizedString): void {
    const sink = this.sink;
    const model = this.model;
    if (this.preTokenizer === null) {
      sink.w = n;
      model.tokenize(n.s, sink);
      sink.word++;
      return;
    }
    const buf = this.wordBuf;
    buf.length = 0;
    this.preTokenizer.split(n, buf);
    for (let i = 0; i < buf.length; i++) {
      const w = buf[i]!;
      sink.w = w;
      model.tokenize(w.s, sink);
      sink.word++;
    }
    buf.length = 0;
  }

  /**
   * Turns ids back into text: tokens through the decoder (or joined by spaces when there is none).
   * @throws {TokenizerError} `ID_OUT_OF_RANGE` naming the first id that is not in the vocabulary.
   * @example tok.decode(tok.encode('Hello world').ids) // 'hello world'
   */
  decode(ids: readonly number[], options: DecodeOptions | boolean = {}): string {
    const o = typeof options === 'boolean' ? { skipSpecialTokens: options } : options;
    const skip = o.skipSpecialTokens ?? true;
    if (!Array.isArray(ids) && !ArrayBuffer.isView(ids)) {
      throw new TokenizerError(
        'INVALID_INPUT',
        `decode: ids must be an array of numbers, got ${describeValue(ids)}`,
      );
    }
    const tokens: string[] = [];
    const list: readonly number[] = ids;
    for (let i = 0; i < list.length; i++) {
      const id = list[i]!;
      const t = Number.isInteger(id) ? this.idToToken(id) : undefined;
      if (t === undefined) {
        throw new TokenizerError(
          'ID_OUT_OF_RANGE',
          `decode: id ${String(id)} at index ${i} is not in the vocabulary (size ${this.getVocabSize(true)})`,
        );
      }
      if (skip && this.addedByContent.get(t)?.special) continue;
      tokens.push(t);
    }
    let s = this.decoder ? this.decoder.decodeChain(tokens).join('') : tokens.join(' ');
    if (o.cleanUpTokenizationSpaces) s = cleanup(s);
    return s;
  }

  /** {@link Tokenizer.decode} for many sequences. */
  decodeBatch(
    batch: readonly (readonly number[])[],
    options: DecodeOptions | boolean = {},
  ): string[] {
    return batch.map((ids) => this.decode(ids, options));
  }

  /** Id of a token (added tokens first), `undefined` when unknown. */
  tokenToId(token: string): number | undefined {
    if (typeof token !== 'string') {
      throw new TokenizerError(
        'INVALID_INPUT',
        `tokenToId: token must be a string, got ${describeValue(token)}`,
      );
    }
    const a = this.addedByContent.get(token);
    if (a) return a.id;
    return this.model.tokenToId(token);
  }

  /** Token of an id (added tokens first), `undefined` when out of range. */
  idToToken(id: number): string | undefined {
    if (!Number.isInteger(id)) {
      throw new TokenizerError(
        'INVALID_INPUT',
        `idToToken: id must be an integer, got ${describeValue(id)}`,
      );
    }
    const a = this.addedById.get(id);
    if (a) return a.content;
    return this.model.idToToken(id);
  }

  /**
   * Vocabulary size; with added tokens (default) it counts distinct tokens, as Hugging Face does.
   * @defaultValue withAddedTokens true
   */
  getVocabSize(withAddedTokens = true): number {
    if (!withAddedTokens) return this.model.getVocabSize();
    let extra = 0;
    for (const t of this.added) if (this.model.tokenToId(t.content) === undefined) extra++;
    return this.model.getVocabSize() + extra;
  }

  /** Token → id for the whole vocabulary. */
  getVocab(withAddedTokens = true): Record<string, number> {
    const v = this.model.getVocab();
    if (withAddedTokens) for (const t of this.added) v[t.content] = t.id;
    return v;
  }

  /** The added tokens, in file order. */
  getAddedTokens(): AddedToken[] {
    return this.added.map((t) => ({ ...t }));
  }

  /** Contents of the special added tokens. */
  getSpecialTokens(): string[] {
    return this.added.filter((t) => t.special).map((t) => t.content);
  }

  /** The model's type: 'WordPiece', 'BPE', 'Unigram' or 'WordLevel'. */
  getModelType(): Model['type'] {
    return this.model.type;
  }
}

/** Collects model tokens into the encoding, mapping offsets through the word's alignment. */
class PipelineSink implements TokenSink {
  enc: RawEncoding | null = null;
  w: NormalizedString = new NormalizedString('', null, 0, 0);
  typeId = 0;
  word = 0;
  push(id: number, value: string, start: number, end: number): void {
    const e = this.enc!;
    const w = this.w;
    e.ids.push(id);
    e.tokens.push(value);
    if (end > start) e.offsets.push(w.startAt(start), w.endAt(end - 1));
    else {
      const p =
        start < w.s.length ? w.startAt(start) : w.s.length > 0 ? w.endAt(w.s.length - 1) : w.base;
      e.offsets.push(p, p);
    }
    e.words.push(this.word);
  }
}

const SURROGATE = /[\ud800-\udfff]/;

/** Code-point index → UTF-16 index of a string. */
function cpToUnitMap(text: string): Int32Array {
  const map = new Int32Array(text.length + 1);
  let cpi = 0;
  for (let i = 0; i < text.length; i++) {
    map[cpi++] = i;
    const c = text.charCodeAt(i);
    if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    )
      i++;
  }
  map[cpi] = text.length;
  return map;
}

function toUnitOffsets(e: RawEncoding, maps: (Int32Array | null)[]): void {
  const o = e.offsets;
  for (let i = 0; i < e.ids.length; i++) {
    const sq = e.seq[i];
    if (sq === null || sq === undefined) continue;
    const m = maps[sq];
    if (!m) continue;
    o[2 * i] = m[o[2 * i]!] ?? o[2 * i]!;
    o[2 * i + 1] = m[o[2 * i + 1]!] ?? o[2 * i + 1]!;
  }
  for (const x of e.overflowing) toUnitOffsets(x, maps);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Lone surrogates become U+FFFD (one unit each, so offsets still index the caller's string). */
function wellFormed(s: string): string {
  return /[\ud800-\udfff]/.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s;
}

/** Rewrites flat UTF-16 offsets of `text` as code-point offsets (Python's convention). */
function toCodePointOffsets(text: string, offsets: number[]): void {
  if (!/[\ud800-\udfff]/.test(text)) return;
  const map = new Int32Array(text.length + 1);
  let cpi = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cpi;
    const c = text.charCodeAt(i);
    if (!(
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ))
      cpi++;
    else {
      map[i + 1] = cpi;
      i++;
      cpi++;
    }
  }
  map[text.length] = cpi;
  for (let k = 0; k < offsets.length; k++) offsets[k] = map[offsets[k]!]!;
}

function toEncoding(e: RawEncoding): Encoding {
  const n = e.ids.length;
  const offsets: Offset[] = new Array<Offset>(n);
  const o = e.offsets;
  for (let i = 0; i < n; i++) offsets[i] = [o[2 * i]!, o[2 * i + 1]!];
  return {
    ids: e.ids,
    typeIds: e.typeIds,
    tokens: e.tokens,
    offsets,
    attentionMask: e.attention,
    specialTokensMask: e.special,
    wordIds: e.words,
    sequenceIds: e.seq,
    overflowing: e.overflowing.map(toEncoding),
  };
}

/**
 * Builds the model from its `tokenizer.json` section; files without `type` are recognised by their fields
 * as Hugging Face's untagged deserializer does.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` / `INVALID_FIELD` naming the JSON path.
 */
export function createModel(m: ModelJson): Model {
  return buildModel(m, null);
}

function buildModel(m: ModelJson, scanned: ScannedSections | null): Model {
  let type = m.type;
  if (type === undefined) {
    if (m.merges !== undefined) type = 'BPE';
    else if (Array.isArray(m.vocab)) type = 'Unigram';
    else if (m.continuing_subword_prefix !== undefined || m.max_input_chars_per_word !== undefined)
      type = 'WordPiece';
    else type = 'WordLevel';
  }
  const vocabMap = (): ReadonlyMap<string, number> | VocabTable => {
    if (scanned?.vocab) return scanned.vocab;
    const v = m.vocab;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `model.vocab: expected an object of token → id, got ${describeValue(v)}`,
      );
    }
    const map = new Map<string, number>();
    for (const k in v) {
      const id = v[k];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `model.vocab[${JSON.stringify(k)}]: expected a non-negative integer id, got ${describeValue(id)}`,
        );
      }
      map.set(k, id);
    }
    return map;
  };
  switch (type) {
    case 'WordPiece':
      return new WordPieceModel(vocabMap(), {
        unkToken: m.unk_token ?? '[UNK]',
        continuingSubwordPrefix: m.continuing_subword_prefix ?? '##',
        maxInputCharsPerWord: m.max_input_chars_per_word ?? 100,
      });
    case 'WordLevel':
      return new WordLevelModel(vocabMap(), { unkToken: m.unk_token ?? '<unk>' });
    case 'BPE': {
      const vocab = vocabMap();
      const raw = m.merges ?? [];
      if (!Array.isArray(raw))
        throw new TokenizerError(
          'INVALID_FIELD',
          `model.merges: expected an array, got ${describeValue(raw)}`,
        );
      for (let i = 0; i < raw.length; i++) {
        const x: unknown = raw[i];
        if (typeof x === 'string') continue;
        if (!(
          Array.isArray(x) &&
          x.length === 2 &&
          typeof x[0] === 'string' &&
          typeof x[1] === 'string'
        )) {
          throw new TokenizerError(
            'INVALID_FIELD',
            `model.merges[${i}]: expected "left right" or [left, right], got ${describeValue(x)}`,
          );
        }
      }
      const merges = scanned?.merges ?? (raw as ReadonlyArray<string | [string, string]>);
      if (m.dropout !== undefined && m.dropout !== null && m.dropout !== 0) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `model.dropout: BPE dropout ${m.dropout} is not supported (deterministic encoding only); set it to null`,
        );
      }
      return new BpeModel(vocab, merges, {
        unkToken: m.unk_token ?? undefined,
        continuingSubwordPrefix: m.continuing_subword_prefix ?? undefined,
        endOfWordSuffix: m.end_of_word_suffix ?? undefined,
        fuseUnk: m.fuse_unk ?? false,
        byteFallback: m.byte_fallback ?? false,
        ignoreMerges: m.ignore_merges ?? false,
      });
    }
    case 'Unigram': {
      const v = m.vocab;
      if (!Array.isArray(v))
        throw new TokenizerError(
          'INVALID_FIELD',
          `model.vocab: expected an array of [piece, score], got ${describeValue(v)}`,
        );
      for (let i = 0; i < v.length; i++) {
        const e = v[i];
        if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'number') {
          throw new TokenizerError(
            'INVALID_FIELD',
            `model.vocab[${i}]: expected [piece, score], got ${describeValue(e)}`,
          );
        }
      }
      return new UnigramModel(scanned?.pieces ?? v, {
        unkId: m.unk_id ?? undefined,
        byteFallback: m.byte_fallback ?? false,
      });
    }
    default:
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `model.type: ${JSON.stringify(type)} is not a supported model; supported: ${MODEL_TYPES.join(', ')}`,
      );
  }
}
