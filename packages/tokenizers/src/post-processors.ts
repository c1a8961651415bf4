import { describeValue, expectComponentObject } from './describe-value';
import { RawEncoding } from './raw-encoding';
import { TokenizerError } from './errors';
import type { PostProcessorJson, TemplatePieceJson } from './types';
import { isWhitespace } from './unicode';

/** A post-processor adds special tokens around the encoded sequences. @internal */
export interface PostProcessor {
  /** Special tokens it adds for one sequence (`pair` false) or two. */
  addedTokens(pair: boolean): number;
  /** Hugging Face's `process_encodings`. */
  processEncodings(encodings: RawEncoding[], addSpecialTokens: boolean): RawEncoding[];
}

/** Supported `post_processor.type` values. */
export const POST_PROCESSOR_TYPES = [
  'TemplateProcessing',
  'BertProcessing',
  'RobertaProcessing',
  'ByteLevel',
  'Sequence',
] as const;

/**
 * Builds a post-processor from its `tokenizer.json` section.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` naming `path` and the supported types.
 */
export function createPostProcessor(json: PostProcessorJson, path: string): PostProcessor {
  expectComponentObject(json, path, 'post-processor');
  switch (json.type) {
    case 'TemplateProcessing':
      return template(json, path);
    case 'BertProcessing': {
      const sep = tokenPair(json.sep, `${path}.sep`);
      const cls = tokenPair(json.cls, `${path}.cls`);
      return {
        addedTokens: (pair) => (pair ? 3 : 2),
        processEncodings(encs, add) {
          withSequenceFields(encs);
          if (!add) return encs;
          return encs.map((e, i) => wrapWithOverflows(e, bertWrapping(i, cls, sep)));
        },
      };
    }
    case 'RobertaProcessing': {
      const sep = tokenPair(json.sep, `${path}.sep`);
      const cls = tokenPair(json.cls, `${path}.cls`);
      const trim = json.trim_offsets ?? true;
      const prefix = json.add_prefix_space ?? true;
      // Without overflow, RoBERTa's wrapping is the template `<s> A </s>` / `<s> A </s> </s> B </s>`
      // with every type id 0.
      const specials = new Map<string, SpecialEntry>([
        ['cls', { ids: [cls[1]], tokens: [cls[0]] }],
        ['sep', { ids: [sep[1]], tokens: [sep[0]] }],
      ]);
      const special = (id: string): TemplatePieceJson => ({ SpecialToken: { id, type_id: 0 } });
      const single: TemplatePieceJson[] = [
        special('cls'),
        { Sequence: { id: 'A', type_id: 0 } },
        special('sep'),
      ];
      const pair: TemplatePieceJson[] = [
        ...single,
        special('sep'),
        { Sequence: { id: 'B', type_id: 0 } },
        special('sep'),
      ];
      return {
        addedTokens: (pair) => (pair ? 4 : 2),
        processEncodings(encs, add) {
          if (encs.every((e) => e.overflowing.length === 0)) {
            if (trim) for (const e of encs) trimOffsets(e, prefix);
            return [applyTemplate(encs.length === 2 ? pair : single, specials, encs, add)];
          }
          withSequenceFields(encs);
          if (trim) for (const e of encs) trimAll(e, prefix);
          // RoBERTa has a single token type: every type id is 0, with or without special tokens.
          for (const e of encs) {
            e.typeIds = new Array<number>(e.length).fill(0);
            for (const o of e.overflowing) o.typeIds = new Array<number>(o.length).fill(0);
          }
          if (!add) return encs;
          return encs.map((e, i) => wrapWithOverflows(e, robertaWrapping(i, cls, sep)));
        },
      };
    }
    case 'ByteLevel': {
      const trim = json.trim_offsets ?? true;
      const prefix = json.add_prefix_space ?? true;
      return {
        addedTokens: () => 0,
        processEncodings(encs) {
          withSequenceFields(encs);
          if (trim) for (const e of encs) trimAll(e, prefix);
          encs.forEach((e, i) => setSeq(e, i));
          return encs;
        },
      };
    }
    case 'Sequence': {
      if (!Array.isArray(json.processors)) {
        throw new TokenizerError('INVALID_FIELD', `${path}.processors: expected an array`);
      }
      const list = json.processors.map((p, i) =>
        createPostProcessor(p, `${path}.processors[${i}]`),
      );
      return {
        addedTokens: (pair) => list.reduce((a, p) => a + p.addedTokens(pair), 0),
        processEncodings(encs, add) {
          let cur = encs;
          for (const p of list) cur = p.processEncodings(cur, add);
          return cur;
        },
      };
    }
    default: {
      const t = (json as { type?: unknown }).type;
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `${path}.type: ${JSON.stringify(t)} is not a supported post-processor; supported: ${POST_PROCESSOR_TYPES.join(', ')}`,
      );
    }
  }
}

/**
 * Hugging Face's `PostProcessor::process`: sequence ids and type ids set to the sequence index, then
 * `process_encodings`, then everything merged.
 */
export function runPostProcessor(
  p: PostProcessor | null,
  encs: RawEncoding[],
  addSpecialTokens: boolean,
): RawEncoding {
  return merge(p === null ? withSequenceFields(encs) : p.processEncodings(encs, addSpecialTokens));
}

/**
 * Fills the type ids, sequence ids and masks of the model's outputs (sequence `i` of `encs`, its
 * overflows too), which the encoder leaves empty: a template builds its output without them.
 */
function withSequenceFields(encs: RawEncoding[]): RawEncoding[] {
  encs.forEach((e, i) => {
    fillSequence(e, i);
    for (const o of e.overflowing) fillSequence(o, i);
  });
  return encs;
}

function fillSequence(e: RawEncoding, i: number): void {
  const n = e.length;
  if (e.typeIds.length === n) return;
  e.typeIds = new Array<number>(n).fill(i);
  e.seq = new Array<number | null>(n).fill(i);
  e.special = new Array<number>(n).fill(0);
  e.attention = new Array<number>(n).fill(1);
}

/** Hugging Face's `Encoding::merge` of the processed parts, without copies where none is needed. */
function merge(parts: RawEncoding[]): RawEncoding {
  if (parts.length === 1) return parts[0]!;
  if (parts.every((e) => e.overflowing.length === 0)) return RawEncoding.concat(parts);
  const out = new RawEncoding();
  for (const e of parts) out.mergeWith(e);
  return out;
}

function setSeq(e: RawEncoding, i: number): void {
  e.seq = new Array<number | null>(e.length).fill(i);
}

/** A token and its id, as `BertProcessing` and `RobertaProcessing` give `cls` and `sep`. */
type TokenPair = [string, number];

function tokenPair(v: unknown, path: string): TokenPair {
  if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number') return [v[0], v[1]];
  throw new TokenizerError(
    'INVALID_FIELD',
    `${path}: expected [token, id], got ${JSON.stringify(v)}`,
  );
}

/**
 * How one sequence is wrapped: `prefix` before it (none for BERT's second sequence), `suffix` after it, and the
 * type id of both.
 */
interface Wrapping {
  readonly prefix: TokenPair | null;
  readonly suffix: TokenPair;
  readonly typeId: number;
}

/** BERT: `[CLS] A [SEP]` with type id 0, then `B [SEP]` with type id 1. */
function bertWrapping(i: number, cls: TokenPair, sep: TokenPair): Wrapping {
  return i === 0
    ? { prefix: cls, suffix: sep, typeId: 0 }
    : { prefix: null, suffix: sep, typeId: 1 };
}

/** RoBERTa: `<s> A </s>`, then `</s> B </s>`; its type ids are all 0 (set before wrapping). */
function robertaWrapping(i: number, cls: TokenPair, sep: TokenPair): Wrapping {
  return { prefix: i === 0 ? cls : sep, suffix: sep, typeId: 0 };
}

/** Wraps an encoding and each of its overflows in the special tokens, as Hugging Face's processors do. */
function wrapWithOverflows(e: RawEncoding, w: Wrapping): RawEncoding {
  const out = wrapSequence(e, w);
  out.overflowing = e.overflowing.map((o) => wrapSequence(o, w));
  return out;
}

function wrapSequence(x: RawEncoding, { prefix, suffix, typeId }: Wrapping): RawEncoding {
  const o = new RawEncoding();
  const zeros = new Array<number>(x.length).fill(0);
  const wrapped = prefix !== null;
  o.ids = wrapped ? [prefix[1], ...x.ids, suffix[1]] : [...x.ids, suffix[1]];
  o.typeIds = wrapped ? [typeId, ...x.typeIds, typeId] : [...x.typeIds, typeId];
  o.tokens = wrapped ? [prefix[0], ...x.tokens, suffix[0]] : [...x.tokens, suffix[0]];
  o.words = wrapped ? [null, ...x.words, null] : [...x.words, null];
  o.offsets = wrapped ? [0, 0, ...x.offsets, 0, 0] : [...x.offsets, 0, 0];
  o.seq = wrapped ? [null, ...x.seq, null] : [...x.seq, null];
  o.special = wrapped ? [1, ...zeros, 1] : [...zeros, 1];
  o.attention = new Array<number>(o.ids.length).fill(1);
  return o;
}

const G_SPACE = 0x120; // 'Ġ', the byte-level space

/** Hugging Face's `process_offsets`: offsets skip the leading/trailing spaces of byte-level tokens. */
function trimOffsets(e: RawEncoding, addPrefixSpace: boolean): void {
  for (let i = 0; i < e.length; i++) {
    const tok = e.tokens[i]!;
    let lead = 0;
    while (
      lead < tok.length &&
      (tok.charCodeAt(lead) === G_SPACE || isWhitespace(tok.charCodeAt(lead)))
    )
      lead++;
    let trail = 0;
    while (
      trail < tok.length &&
      (tok.charCodeAt(tok.length - 1 - trail) === G_SPACE ||
        isWhitespace(tok.charCodeAt(tok.length - 1 - trail)))
    )
      trail++;
    if (lead === 0 && trail === 0) continue;
    let s = e.offsets[2 * i]!;
    let en = e.offsets[2 * i + 1]!;
    if (lead > 0) {
      const isFirst = i === 0 || s === 0;
      if (isFirst && addPrefixSpace && lead === 1) lead = 0;
      s = Math.min(s + lead, en);
    }
    if (trail > 0 && en >= trail) en = Math.max(en - trail, s);
    e.offsets[2 * i] = s;
    e.offsets[2 * i + 1] = en;
  }
}

function trimAll(e: RawEncoding, addPrefixSpace: boolean): void {
  trimOffsets(e, addPrefixSpace);
  for (const o of e.overflowing) trimOffsets(o, addPrefixSpace);
}

interface SpecialEntry {
  ids: number[];
  tokens: string[];
}

/**
 * The input a template's `Sequence` piece stands for (`A` the first, `B` the second), its index and the piece's type
 * id; `undefined` when the input has no such sequence (a pair template given one text).
 */
function templateSequence(
  piece: Extract<TemplatePieceJson, { Sequence: unknown }>,
  encs: readonly RawEncoding[],
): { idx: 0 | 1; e: RawEncoding; typeId: number } | undefined {
  const idx = piece.Sequence.id === 'A' ? 0 : 1;
  const e = encs[idx];
  return e ? { idx, e, typeId: piece.Sequence.type_id } : undefined;
}

/**
 * The template's output built in one pass, for inputs without overflow (what `processEncodings` and the
 * merge give, without an encoding per special token and per part).
 */
function applyTemplate(
  tpl: readonly TemplatePieceJson[],
  specials: ReadonlyMap<string, SpecialEntry>,
  encs: readonly RawEncoding[],
  add: boolean,
): RawEncoding {
  const out = new RawEncoding();
  for (const piece of tpl) {
    if ('Sequence' in piece) {
      const seq = templateSequence(piece, encs);
      if (!seq) continue;
      const { idx, e, typeId } = seq;
      for (let i = 0; i < e.length; i++) {
        out.ids.push(e.ids[i]!);
        out.typeIds.push(typeId);
        out.tokens.push(e.tokens[i]!);
        out.offsets.push(e.offsets[2 * i]!, e.offsets[2 * i + 1]!);
        out.words.push(e.words[i]!);
        out.seq.push(idx);
        out.special.push(0);
        out.attention.push(1);
      }
    } else if (add) {
      const sp = specials.get(piece.SpecialToken.id)!;
      const typeId = piece.SpecialToken.type_id;
      for (let i = 0; i < sp.ids.length; i++) {
        out.ids.push(sp.ids[i]!);
        out.typeIds.push(typeId);
        out.tokens.push(sp.tokens[i]!);
        out.offsets.push(0, 0);
        out.words.push(null);
        out.seq.push(null);
        out.special.push(1);
        out.attention.push(1);
      }
    }
  }
  return out;
}

function template(json: PostProcessorJson, path: string): PostProcessor {
  const specials = new Map<string, SpecialEntry>();
  for (const [k, v] of Object.entries(json.special_tokens ?? {})) {
    if (
      !v ||
      !Array.isArray(v.ids) ||
      !Array.isArray(v.tokens) ||
      v.ids.length !== v.tokens.length
    ) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `${path}.special_tokens.${k}: expected { ids: number[], tokens: string[] } of equal length`,
      );
    }
    specials.set(k, { ids: v.ids, tokens: v.tokens });
  }
  const check = (pieces: TemplatePieceJson[] | undefined, p: string): TemplatePieceJson[] => {
    if (!Array.isArray(pieces))
      throw new TokenizerError('INVALID_FIELD', `${p}: expected an array of template pieces`);
    pieces.forEach((piece, i) => {
      if (piece === null || typeof piece !== 'object' || Array.isArray(piece)) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `${p}[${i}]: expected { Sequence } or { SpecialToken }, got ${describeValue(piece)}`,
        );
      }
      const inner =
        (piece as Record<string, unknown>)['SpecialToken'] ??
        (piece as Record<string, unknown>)['Sequence'];
      if (
        inner === null ||
        typeof inner !== 'object' ||
        typeof (inner as { id?: unknown }).id !== 'string'
      ) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `${p}[${i}]: expected { Sequence: { id: "A" | "B", type_id } } or { SpecialToken: { id, type_id } }`,
        );
      }
      if ('SpecialToken' in piece) {
        if (!specials.has(piece.SpecialToken.id)) {
          throw new TokenizerError(
            'INVALID_FIELD',
            `${p}[${i}]: special token ${JSON.stringify(piece.SpecialToken.id)} is missing from ${path}.special_tokens`,
          );
        }
      } else if (!('Sequence' in piece)) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `${p}[${i}]: expected { Sequence } or { SpecialToken }`,
        );
      }
    });
    return pieces;
  };
  const single = check(json.single, `${path}.single`);
  const pair = check(json.pair, `${path}.pair`);
  const count = (pieces: TemplatePieceJson[]): number =>
    pieces.reduce(
      (a, p) => a + ('SpecialToken' in p ? specials.get(p.SpecialToken.id)!.ids.length : 0),
      0,
    );
  const nSingle = count(single);
  const nPair = count(pair);
  return {
    addedTokens: (isPair) => (isPair ? nPair : nSingle),
    processEncodings(encs, add) {
      const tpl = encs.length === 2 ? pair : single;
      if (encs.every((e) => e.overflowing.length === 0))
        return [applyTemplate(tpl, specials, encs, add)];
      withSequenceFields(encs);
      const out: RawEncoding[] = [];
      for (const piece of tpl) {
        if ('Sequence' in piece) {
          const seq = templateSequence(piece, encs);
          if (!seq) continue;
          const { idx, e, typeId } = seq;
          if (e.typeIds.some((t) => t !== typeId))
            e.typeIds = new Array<number>(e.length).fill(typeId);
          if (e.seq.some((q) => q !== idx)) setSeq(e, idx);
          // Hugging Face clones here; each sequence appears once in real templates, so share it then.
          out.push(out.includes(e) ? e.clone() : e);
        } else if (add) {
          const sp = specials.get(piece.SpecialToken.id)!;
          const o = new RawEncoding();
          const n = sp.ids.length;
          o.ids = sp.ids.slice();
          o.tokens = sp.tokens.slice();
          o.typeIds = new Array<number>(n).fill(piece.SpecialToken.type_id);
          o.offsets = new Array<number>(2 * n).fill(0);
          o.words = new Array<number | null>(n).fill(null);
          o.seq = new Array<number | null>(n).fill(null);
          o.special = new Array<number>(n).fill(1);
          o.attention = new Array<number>(n).fill(1);
          out.push(o);
        }
      }
      return out;
    },
  };
}
