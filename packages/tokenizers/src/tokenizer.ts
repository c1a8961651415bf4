import { describeValue } from './describe-value';
import { TokenizerError } from './errors';
import type {
  AddedToken,
  AddedTokenJson,
  DecodeOptions,
  EncodeOptions,
  Encoding,
  PaddingOptions,
  TokenizerJson,
  TruncationOptions,
} from './types';
import { NormalizedString } from './normalized-string';
import type { Normalizer } from './normalizers/create-normalizer';
import { createNormalizer } from './normalizers/create-normalizer';
import type { PreTokenizer } from './pre-tokenizers';
import { createPreTokenizer } from './pre-tokenizers';
import type { Model } from './model';
import { createModelFromSections } from './create-model';
import type { PostProcessor } from './post-processors';
import { createPostProcessor, runPostProcessor } from './post-processors';
import type { Decoder } from './decoders';
import { cleanup, createDecoder } from './decoders';
import { AddedTokenMatcher } from './added-vocabulary';
import type { RawEncoding } from './raw-encoding';
import { toEncoding } from './raw-encoding';
import { scanTokenizerJson } from './scan-tokenizer-json';
import type { ScannedSections } from './scan-tokenizer-json';
import { byteLevelBpeJsonFromFiles, wordPieceJsonFromVocab } from './from-vocab';
import type { ByteLevelBpeOptions, WordPieceVocabOptions } from './from-vocab';
import { SequenceEncoder } from './sequence-encoder';
import { cpToUnitMap, hasSurrogate, toUnitOffsets } from './offset-units';
import type { TruncationParams } from './truncation';
import { truncateEncodings, truncationFromJson, truncationParams } from './truncation';
import type { PaddingParams } from './padding';
import { padEncodings, paddingFromJson, paddingParams } from './padding';

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
export class Tokenizer {
  private readonly model: Model;
  private readonly normalizer: Normalizer | null;
  private readonly postProcessor: PostProcessor | null;
  private readonly decoder: Decoder | null;
  private readonly sequenceEncoder: SequenceEncoder;
  private added: AddedToken[] = [];
  private addedById = new Map<number, AddedToken>();
  private addedByContent = new Map<string, AddedToken>();
  private truncation: TruncationParams | null = null;
  private padding: PaddingParams | null = null;

  /** Use {@link Tokenizer.fromString} or {@link Tokenizer.fromJSON}; this builds from parts. */
  constructor(parts: TokenizerParts) {
    this.model = parts.model;
    this.normalizer = parts.normalizer ?? null;
    this.postProcessor = parts.postProcessor ?? null;
    this.decoder = parts.decoder ?? null;
    this.sequenceEncoder = new SequenceEncoder(
      this.model,
      this.normalizer,
      parts.preTokenizer ?? null,
    );
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
    const model = createModelFromSections(j.model, scanned);
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
    if (j.truncation) tok.enableTruncation(...truncationFromJson(j.truncation));
    if (j.padding) tok.enablePadding(paddingFromJson(j.padding));
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
          pattern = n.text;
        }
        norm.push({ pattern, token: t });
      } else raw.push({ pattern: t.content, token: t });
    }
    this.sequenceEncoder.rawMatcher = new AddedTokenMatcher(raw);
    this.sequenceEncoder.normalizedMatcher = new AddedTokenMatcher(norm);
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
    this.truncation = truncationParams(maxLength, options);
  }

  /** Stop truncating. */
  noTruncation(): void {
    this.truncation = null;
  }

  /** Pad encodings (to a fixed length or to the batch's longest), as HF `enable_padding`. */
  enablePadding(options: PaddingOptions = {}): void {
    this.padding = paddingParams(options, (token) => this.tokenToId(token));
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
    if (this.padding) padEncodings([enc], this.padding);
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
    if (this.padding) padEncodings(raws, this.padding);
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
    const astral = hasSurrogate(text) || (typeof pair === 'string' && hasSurrogate(pair));
    const encoder = this.sequenceEncoder;
    const a = encoder.encode(text, 0, cp || astral);
    const b = pair === undefined || pair === null ? null : encoder.encode(pair, 1, cp || astral);
    if (this.truncation) {
      const nAdded = add && this.postProcessor ? this.postProcessor.addedTokens(b !== null) : 0;
      truncateEncodings(a, b, this.truncation, nAdded);
    }
    const out = runPostProcessor(this.postProcessor, b ? [a, b] : [a], add);
    if (astral && !cp) {
      const maps = [cpToUnitMap(text), typeof pair === 'string' ? cpToUnitMap(pair) : null];
      toUnitOffsets(out, maps);
    }
    return out;
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
