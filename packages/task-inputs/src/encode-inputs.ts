import { checkArray, checkObject, checkText, checkTokenizer, describeValue } from './check-args';
import { emptyEncoding, mergeEncoding, truncateEncoding } from './encoding-ops';
import type { WorkEncoding } from './encoding-ops';
import { TaskInputError } from './errors';
import { padInPlace } from './pad-encodings';
import type { PadOptions } from './pad-encodings';
import { resolveTokenId } from './resolve-token-id';
import type {
  Encoding,
  Offset,
  PairTemplate,
  Side,
  TemplatePiece,
  TokenizerLike,
  TokenSequence,
  TruncationStrategy,
} from './types';

/** Options of {@link encodeInputs}: Hugging Face's truncation and padding settings, camelCased. */
export interface EncodeInputsOptions extends Omit<PadOptions, 'padding' | 'tokenizer'> {
  /** Where special tokens go. @defaultValue `tokenizer.pairTemplate`; one of the two is required */
  template?: PairTemplate;
  /**
   * Longest allowed input, special tokens included; also the length `padding: 'max_length'` pads to.
   * @defaultValue `undefined` (no limit, no truncation)
   */
  maxLength?: number;
  /** How to cut inputs longer than `maxLength`. @defaultValue `'longest_first'` when `maxLength` is set, else `'do_not_truncate'` */
  truncation?: TruncationStrategy;
  /** Tokens shared by consecutive windows of a truncated sequence; the cut-off windows go to `overflowing`. @defaultValue 0 */
  stride?: number;
  /** Which end truncation cuts. @defaultValue 'right' */
  truncationSide?: Side;
  /** Pad each result to its own length rounded by `padToMultipleOf` (`'longest'`), or to `maxLength`. @defaultValue false */
  padding?: PadOptions['padding'] | false;
}

/** A template with every special token resolved to ids. */
interface ResolvedTemplate {
  pieces: ({ sequence: 0 | 1; typeId: number } | { ids: number[]; typeId: number })[];
  added: number;
  overflowTemplateTypes: boolean;
}

const resolvedCache = new WeakMap<
  object,
  WeakMap<PairTemplate, [ResolvedTemplate, ResolvedTemplate]>
>();

function resolvePieces(
  pieces: readonly TemplatePiece[],
  tokenizer: TokenizerLike | undefined,
  where: string,
): ResolvedTemplate['pieces'] {
  return pieces.map((p, i) => {
    if (typeof p !== 'object' || p === null || Array.isArray(p))
      throw new TaskInputError(
        'INVALID_INPUT',
        `${where}[${i}] must be a template piece ({ sequence } or { special }), got ${describeValue(p)}`,
      );
    const typeId = p.typeId ?? 0;
    if ('sequence' in p) return { sequence: p.sequence === 'A' ? 0 : 1, typeId };
    const ids = Array.isArray(p.special)
      ? (p.special as readonly number[]).map((t, j) =>
          resolveTokenId(tokenizer, t, `${where}[${i}][${j}]`),
        )
      : [resolveTokenId(tokenizer, p.special as string | number, `${where}[${i}]`)];
    return { ids, typeId };
  });
}

/** Internal: the template's pieces with ids, for one sequence (`[0]`) and for a pair (`[1]`), cached per tokenizer. */
export function resolveTemplate(
  tokenizer: TokenizerLike | undefined,
  template: PairTemplate | undefined,
  fn: string,
): [ResolvedTemplate, ResolvedTemplate] {
  const t = template ?? tokenizer?.pairTemplate;
  if (!t) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: no template; pass options.template (bertTemplate(), robertaTemplate(), templateFromPostProcessor(json.post_processor))`,
    );
  }
  // A template that is not { single: [...], pair: [...] } would fail as a TypeError (or in the WeakMap cache).
  checkObject(t, 'options.template', fn, true);
  checkArray(t.single, 'options.template.single', fn);
  checkArray(t.pair, 'options.template.pair', fn);
  const key = tokenizer ?? resolvedCache;
  let perTok = resolvedCache.get(key);
  const hit = perTok?.get(t);
  if (hit) return hit;
  const build = (pieces: readonly TemplatePiece[], name: string): ResolvedTemplate => {
    const resolved = resolvePieces(pieces, tokenizer, `${fn}: template.${name}`);
    let added = 0;
    for (const p of resolved) if ('ids' in p) added += p.ids.length;
    return {
      pieces: resolved,
      added,
      overflowTemplateTypes: t.overflowTypeIds !== 'sequence-index',
    };
  };
  const out: [ResolvedTemplate, ResolvedTemplate] = [
    build(t.single, 'single'),
    build(t.pair, 'pair'),
  ];
  if (!perTok) resolvedCache.set(key, (perTok = new WeakMap()));
  perTok.set(t, out);
  return out;
}

/** Internal: the tokens of one text (or a pre-tokenized sequence) as a work encoding of sequence `index`. */
export function sequenceEncoding(
  tokenizer: TokenizerLike | undefined,
  input: string | TokenSequence,
  index: 0 | 1,
  fn: string,
): WorkEncoding {
  checkText(input, index === 0 ? 'text' : 'pair', fn);
  let seq: TokenSequence;
  if (typeof input === 'string') {
    if (!tokenizer)
      throw new TaskInputError('INVALID_OPTION', `${fn}: text given without a tokenizer`);
    seq = tokenizer.encode(input, null, { addSpecialTokens: false });
  } else seq = input;
  const n = seq.ids.length;
  const offsets: Offset[] = seq.offsets ? seq.offsets.slice() : new Array<Offset>(n).fill([0, 0]);
  return {
    ids: seq.ids.slice(),
    typeIds: new Array<number>(n).fill(index),
    attentionMask: new Array<number>(n).fill(1),
    specialTokensMask: new Array<number>(n).fill(0),
    offsets,
    sequenceIds: new Array<number | null>(n).fill(index),
    overflowing: [],
  };
}

function cut(e: WorkEncoding, maxLen: number, stride: number, side: Side, fn: string): void {
  if (maxLen > 0 && maxLen < e.ids.length && stride >= maxLen) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: stride ${stride} must be smaller than the ${maxLen} tokens left for a sequence window; lower stride or raise maxLength`,
    );
  }
  truncateEncoding(e, maxLen, stride, side);
}

/**
 * Internal: Hugging Face's `truncate_encodings`. `maxLength` here excludes special tokens.
 * longest_first splits the budget: a sequence shorter than half keeps all its tokens, otherwise each gets half
 * (the second one the odd token).
 */
export function truncateSequences(
  a: WorkEncoding,
  b: WorkEncoding | null,
  maxLength: number,
  strategy: Exclude<TruncationStrategy, 'do_not_truncate'>,
  stride: number,
  side: Side,
  fn: string,
): void {
  if (maxLength === 0) {
    truncateEncoding(a, 0, stride, side);
    if (b) truncateEncoding(b, 0, stride, side);
    return;
  }
  const total = a.ids.length + (b ? b.ids.length : 0);
  if (total <= maxLength) return;
  const toRemove = total - maxLength;
  if (strategy === 'longest_first') {
    if (!b) {
      cut(a, maxLength, stride, side, fn);
      return;
    }
    let n1 = a.ids.length;
    let n2 = b.ids.length;
    const swap = n1 > n2;
    if (swap) [n1, n2] = [n2, n1];
    n2 = n1 > maxLength ? n1 : Math.max(n1, maxLength - n1);
    if (n1 + n2 > maxLength) {
      n1 = Math.floor(maxLength / 2);
      n2 = n1 + (maxLength % 2);
    }
    if (swap) [n1, n2] = [n2, n1];
    cut(a, n1, stride, side, fn);
    cut(b, n2, stride, side, fn);
    return;
  }
  const target = strategy === 'only_first' ? a : b;
  if (!target) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: truncation 'only_second' needs a second sequence; use 'longest_first' or 'only_first'`,
    );
  }
  if (target.ids.length <= toRemove) {
    throw new TaskInputError(
      'SEQUENCE_TOO_SHORT',
      `${fn}: truncation '${strategy}' must remove ${toRemove} tokens but that sequence has only ${target.ids.length}; ` +
        `raise maxLength or use 'longest_first'`,
    );
  }
  cut(target, target.ids.length - toRemove, stride, side, fn);
}

function specialEncoding(ids: readonly number[], typeId: number): WorkEncoding {
  const n = ids.length;
  return {
    ids: ids.slice(),
    typeIds: new Array<number>(n).fill(typeId),
    attentionMask: new Array<number>(n).fill(1),
    specialTokensMask: new Array<number>(n).fill(1),
    offsets: new Array<Offset>(n).fill([0, 0]),
    sequenceIds: new Array<number | null>(n).fill(null),
    overflowing: [],
  };
}

function retype(e: WorkEncoding, typeId: number, withOverflow: boolean): WorkEncoding {
  const out: WorkEncoding = { ...e, typeIds: new Array<number>(e.ids.length).fill(typeId) };
  out.overflowing = withOverflow
    ? e.overflowing.map((o) => retype(o, typeId, true))
    : e.overflowing;
  return out;
}

/** The common case, no overflowing windows: one pass writing each field once. */
function concatTemplate(t: ResolvedTemplate, seqs: readonly WorkEncoding[]): WorkEncoding {
  const out = emptyEncoding();
  for (const p of t.pieces) {
    if ('ids' in p) {
      for (const id of p.ids) {
        out.ids.push(id);
        out.typeIds.push(p.typeId);
        out.attentionMask.push(1);
        out.specialTokensMask.push(1);
        out.offsets.push([0, 0]);
        out.sequenceIds.push(null);
      }
    } else {
      const s = seqs[p.sequence]!;
      for (let i = 0; i < s.ids.length; i++) {
        out.ids.push(s.ids[i]!);
        out.typeIds.push(p.typeId);
        out.attentionMask.push(s.attentionMask[i]!);
        out.specialTokensMask.push(s.specialTokensMask[i]!);
        out.offsets.push(s.offsets[i]!);
        out.sequenceIds.push(s.sequenceIds[i]!);
      }
    }
  }
  return out;
}

/** Internal: wraps truncated sequences in the template's special tokens (HF's post-processor step). */
export function applyTemplate(t: ResolvedTemplate, seqs: readonly WorkEncoding[]): WorkEncoding {
  if (seqs.every((s) => s.overflowing.length === 0)) return concatTemplate(t, seqs);
  const out = emptyEncoding();
  for (const p of t.pieces) {
    if ('ids' in p) mergeEncoding(out, specialEncoding(p.ids, p.typeId));
    else mergeEncoding(out, retype(seqs[p.sequence]!, p.typeId, t.overflowTemplateTypes));
  }
  return out;
}

/** Internal: encode without padding. */
export function encodeUnpadded(
  tokenizer: TokenizerLike | undefined,
  text: string | TokenSequence,
  pair: string | TokenSequence | null | undefined,
  options: EncodeInputsOptions,
  fn: string,
): WorkEncoding {
  const { maxLength, stride = 0, truncationSide = 'right' } = options;
  const truncation =
    options.truncation ?? (maxLength === undefined ? 'do_not_truncate' : 'longest_first');
  const [single, paired] = resolveTemplate(tokenizer, options.template, fn);
  const template = pair === null || pair === undefined ? single : paired;
  const a = sequenceEncoding(tokenizer, text, 0, fn);
  const b = pair === null || pair === undefined ? null : sequenceEncoding(tokenizer, pair, 1, fn);
  if (!['longest_first', 'only_first', 'only_second', 'do_not_truncate'].includes(truncation)) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: truncation ${JSON.stringify(truncation)} is not one of 'longest_first', 'only_first', 'only_second', 'do_not_truncate'`,
    );
  }
  if (truncationSide !== 'left' && truncationSide !== 'right') {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: truncationSide must be 'left' or 'right', got ${JSON.stringify(truncationSide)}`,
    );
  }
  if (!Number.isInteger(stride) || stride < 0) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: stride must be a non-negative integer, got ${stride}`,
    );
  }
  if (truncation !== 'do_not_truncate') {
    if (maxLength === undefined || !Number.isInteger(maxLength) || maxLength < 0) {
      throw new TaskInputError(
        'INVALID_OPTION',
        `${fn}: truncation '${truncation}' needs a non-negative integer maxLength, got ${maxLength}`,
      );
    }
    if (maxLength < template.added) {
      throw new TaskInputError(
        'INVALID_OPTION',
        `${fn}: maxLength ${maxLength} is smaller than the template's ${template.added} special tokens`,
      );
    }
    truncateSequences(a, b, maxLength - template.added, truncation, stride, truncationSide, fn);
  }
  return applyTemplate(template, b ? [a, b] : [a]);
}

/**
 * Formats one text or a pair into model inputs with the tokenizer's special tokens, as Hugging Face's
 * `Tokenizer.encode(a, b)` does with the same truncation and padding settings: ids, type ids, attention mask,
 * special-tokens mask, offsets and the overflowing windows. `text` and `pair` may be strings (tokenized with
 * `tokenizer.encode(s, null, { addSpecialTokens: false })`) or pre-tokenized `{ ids, offsets? }`.
 * @throws {TaskInputError} `UNKNOWN_TOKEN` for a template token the tokenizer lacks; `SEQUENCE_TOO_SHORT` when
 *   `only_first`/`only_second` cannot cut enough; `INVALID_OPTION` for a missing template, `maxLength` below the
 *   special-token count, `stride` not below the window, or `only_second` without a pair.
 * @example
 * encodeInputs(tokenizer, 'A man inspects a uniform.', 'The man is sleeping.', {
 *   template: bertTemplate(), maxLength: 16, padding: 'max_length',
 * }) // { ids: [101, 1037, 2158, …, 102, 0, 0], typeIds: [0, …, 1, 1, 0, 0], … }
 * @see https://huggingface.co/docs/tokenizers/api/tokenizer#tokenizers.Tokenizer.encode
 */
export function encodeInputs(
  tokenizer: TokenizerLike,
  text: string | TokenSequence,
  pair?: string | TokenSequence | null,
  options: EncodeInputsOptions = {},
): Encoding {
  checkTokenizer(tokenizer, 'encodeInputs');
  checkText(text, 'text', 'encodeInputs');
  if (pair !== null && pair !== undefined) checkText(pair, 'pair', 'encodeInputs');
  checkObject(options, 'options', 'encodeInputs');
  const e = encodeUnpadded(tokenizer, text, pair, options, 'encodeInputs');
  if (options.padding)
    padInPlace([e], { ...options, padding: options.padding, tokenizer }, 'encodeInputs');
  return e;
}

/** One input of a batch: a text, a `[text, pair]` tuple, or pre-tokenized sequences. */
export type BatchInput =
  string | TokenSequence | readonly [string | TokenSequence, string | TokenSequence];

/**
 * {@link encodeInputs} for a batch, padded together as Hugging Face's `encode_batch` pads (`'longest'`: the longest
 * item of the batch).
 * @throws {TaskInputError} the codes of {@link encodeInputs}.
 * @example encodeInputsBatch(tokenizer, [['q1', 'c1'], ['q2', 'c2']], { template, padding: 'longest' })
 */
export function encodeInputsBatch(
  tokenizer: TokenizerLike,
  inputs: readonly BatchInput[],
  options: EncodeInputsOptions = {},
): Encoding[] {
  const fn = 'encodeInputsBatch';
  checkTokenizer(tokenizer, fn);
  checkArray(inputs, 'inputs', fn);
  checkObject(options, 'options', fn);
  inputs.forEach((input: unknown, i) => {
    if (Array.isArray(input)) {
      if (input.length !== 2) {
        throw new TaskInputError(
          'INVALID_INPUT',
          `${fn}: inputs[${i}] is an array of ${input.length}; a pair is a [text, pair] tuple of 2`,
        );
      }
      checkText(input[0], `inputs[${i}][0]`, fn);
      checkText(input[1], `inputs[${i}][1]`, fn);
    } else checkText(input, `inputs[${i}]`, fn);
  });
  const out = inputs.map((input) =>
    Array.isArray(input)
      ? encodeUnpadded(
          tokenizer,
          input[0] as string | TokenSequence,
          input[1] as string | TokenSequence,
          options,
          'encodeInputsBatch',
        )
      : encodeUnpadded(
          tokenizer,
          input as string | TokenSequence,
          null,
          options,
          'encodeInputsBatch',
        ),
  );
  if (options.padding)
    padInPlace(out, { ...options, padding: options.padding, tokenizer }, 'encodeInputsBatch');
  return out;
}
