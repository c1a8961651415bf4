import { expectComponentObject } from './describe-value';
import type { NormalizedString } from './normalized-string';
import { TokenizerError } from './errors';
import type { PreTokenizerJson, SplitBehavior } from './types';
import { compilePattern, compileRegex, regexPattern } from './pattern';
import type { CompiledPattern } from './pattern';
import { isBertPunctuation, isNumeric, isWhitespace } from './unicode';
import { byteLevel } from './normalizers/byte-level';
import { prepend } from './normalizers/prepend';

/** A pre-tokenizer cuts one split into words (and may rewrite them, as ByteLevel does). @internal */
export interface PreTokenizer {
  split(n: NormalizedString, out: NormalizedString[]): void;
}

/** Supported `pre_tokenizer.type` values. */
export const PRE_TOKENIZER_TYPES = [
  'BertPreTokenizer',
  'ByteLevel',
  'Whitespace',
  'WhitespaceSplit',
  'Metaspace',
  'Split',
  'Punctuation',
  'Digits',
  'CharDelimiterSplit',
  'UnicodeScripts',
  'Sequence',
] as const;

/** GPT-2's word regex, used by ByteLevel with `use_regex`. */
export const GPT2_PATTERN =
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/**
 * Builds a pre-tokenizer from its `tokenizer.json` section.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` naming `path` and the supported types.
 */
export function createPreTokenizer(json: PreTokenizerJson, path: string): PreTokenizer {
  expectComponentObject(json, path, 'pre-tokenizer');
  switch (json.type) {
    case 'BertPreTokenizer':
      return { split: bertSplit };
    case 'WhitespaceSplit':
      return { split: (n, out) => splitByChar(n, isWhitespace, 'Removed', out) };
    case 'Whitespace': {
      const words = regexPattern(compileRegex('\\w+|[^\\w\\s]+', path));
      return { split: (n, out) => splitByPattern(n, words, 'Removed', true, out) };
    }
    case 'ByteLevel': {
      const addPrefix = json.add_prefix_space ?? true;
      const useRegex = json.use_regex ?? true;
      const gpt2 = regexPattern(compileRegex(GPT2_PATTERN, path));
      return {
        split(n, out) {
          if (addPrefix && !n.text.startsWith(' ')) prepend(n, ' ');
          if (!useRegex) {
            if (n.text.length > 0) {
              byteLevel(n);
              out.push(n);
            }
            return;
          }
          const start = out.length;
          splitByPattern(n, gpt2, 'Isolated', false, out);
          for (let i = start; i < out.length; i++) byteLevel(out[i]!);
        },
      };
    }
    case 'Metaspace': {
      const replacement = json.replacement ?? '\u2581';
      if ([...replacement].length !== 1) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `${path}.replacement: expected one character, got ${JSON.stringify(replacement)}`,
        );
      }
      const scheme = json.prepend_scheme ?? (json.add_prefix_space === false ? 'never' : 'always');
      const doSplit = json.split ?? true;
      const rc = replacement.codePointAt(0)!;
      return {
        split(n, out) {
          if (n.text.includes(' ')) {
            if (replacement.length === 1) n.text = n.text.replaceAll(' ', replacement);
            else replaceSpaces(n, replacement);
          }
          if (!n.text.startsWith(replacement)) {
            if (scheme === 'always' || (scheme === 'first' && n.base === 0))
              prepend(n, replacement);
          }
          // Common case: the only replacement char is the first one, so MergedWithNext keeps the whole word.
          if (
            doSplit &&
            n.text.length > 0 &&
            n.text.indexOf(replacement, replacement.length) < 0 &&
            n.text.startsWith(replacement)
          ) {
            out.push(n);
          } else if (doSplit) splitByChar(n, (c) => c === rc, 'MergedWithNext', out);
          else if (n.text.length > 0) out.push(n);
        },
      };
    }
    case 'Split': {
      const behavior = checkBehavior(json.behavior, `${path}.behavior`);
      const invert = json.invert ?? false;
      const pattern = compilePattern(json.pattern, `${path}.pattern`);
      return { split: (n, out) => splitByPattern(n, pattern, behavior, invert, out) };
    }
    case 'Punctuation': {
      const behavior = checkBehavior(json.behavior ?? 'Isolated', `${path}.behavior`);
      return { split: (n, out) => splitByChar(n, isBertPunctuation, behavior, out) };
    }
    case 'Digits': {
      const behavior: SplitBehavior = json.individual_digits ? 'Isolated' : 'Contiguous';
      return { split: (n, out) => splitByChar(n, isNumeric, behavior, out) };
    }
    case 'CharDelimiterSplit': {
      const d = json.delimiter;
      if (typeof d !== 'string' || [...d].length !== 1) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `${path}.delimiter: expected one character, got ${JSON.stringify(d)}`,
        );
      }
      const dc = d.codePointAt(0)!;
      return { split: (n, out) => splitByChar(n, (c) => c === dc, 'Removed', out) };
    }
    case 'UnicodeScripts':
      return { split: scriptSplit };
    case 'Sequence': {
      if (!Array.isArray(json.pretokenizers)) {
        throw new TokenizerError('INVALID_FIELD', `${path}.pretokenizers: expected an array`);
      }
      const list = json.pretokenizers.map((j, i) =>
        createPreTokenizer(j, `${path}.pretokenizers[${i}]`),
      );
      // Stages alternate between two buffers kept across calls; the last writes into `out`.
      const buffers: [NormalizedString[], NormalizedString[]] = [[], []];
      return {
        split(n, out) {
          if (list.length === 0) {
            out.push(n);
            return;
          }
          let cur = buffers[1];
          cur.push(n);
          for (let k = 0; k < list.length; k++) {
            const next = k === list.length - 1 ? out : buffers[k % 2]!;
            for (const x of cur) list[k]!.split(x, next);
            cur.length = 0;
            cur = next;
          }
        },
      };
    }
    default: {
      const t = (json as { type?: unknown }).type;
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `${path}.type: ${JSON.stringify(t)} is not a supported pre-tokenizer; supported: ${PRE_TOKENIZER_TYPES.join(', ')}`,
      );
    }
  }
}

function replaceSpaces(n: NormalizedString, replacement: string): void {
  const cps: number[] = [];
  const ch: number[] = [];
  const r = replacement.codePointAt(0)!;
  for (let i = 0; i < n.text.length;) {
    const c = n.text.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    cps.push(c === 0x20 ? r : c);
    ch.push(0);
  }
  n.transform(cps, ch);
}

const BEHAVIORS: readonly SplitBehavior[] = [
  'Removed',
  'Isolated',
  'MergedWithPrevious',
  'MergedWithNext',
  'Contiguous',
];

function checkBehavior(b: unknown, path: string): SplitBehavior {
  if (typeof b === 'string' && (BEHAVIORS as readonly string[]).includes(b))
    return b as SplitBehavior;
  throw new TokenizerError(
    'UNSUPPORTED_TYPE',
    `${path}: ${JSON.stringify(b)} is not a supported split behavior; supported: ${BEHAVIORS.join(', ')}`,
  );
}

/** BertPreTokenizer: whitespace removed, then each punctuation char isolated. */
function bertSplit(n: NormalizedString, out: NormalizedString[]): void {
  const s = n.text;
  const len = s.length;
  let start = -1;
  for (let i = 0; i < len;) {
    let c = s.charCodeAt(i);
    let L = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        L = 2;
      }
    }
    if (c <= 0x7f ? c === 32 || (c >= 9 && c <= 13) : isWhitespace(c)) {
      if (start >= 0) out.push(n.slice(start, i));
      start = -1;
    } else if (
      c <= 0x7f
        ? (c >= 33 && c <= 47) ||
          (c >= 58 && c <= 64) ||
          (c >= 91 && c <= 96) ||
          (c >= 123 && c <= 126)
        : isBertPunctuation(c)
    ) {
      if (start >= 0) out.push(n.slice(start, i));
      out.push(n.slice(i, i + L));
      start = -1;
    } else if (start < 0) start = i;
    i += L;
  }
  if (start >= 0) out.push(n.slice(start, len));
}

/**
 * Hugging Face's `NormalizedString::split` over pieces `[start, end, isMatch]*`: applies the behavior and
 * keeps the non-empty slices.
 */
export function splitPieces(
  n: NormalizedString,
  pieces: number[],
  behavior: SplitBehavior,
  out: NormalizedString[],
): void {
  const count = pieces.length / 3;
  // One piece: every behavior keeps it whole, but Removed drops a match.
  if (count === 1) {
    if (!(behavior === 'Removed' && pieces[2] === 1)) out.push(n.slice(0, n.text.length));
    return;
  }
  const emit = (a: number, b: number): void => {
    if (b > a) out.push(n.slice(a, b));
  };
  switch (behavior) {
    case 'Removed':
      for (let k = 0; k < count; k++)
        if (!pieces[3 * k + 2]) emit(pieces[3 * k]!, pieces[3 * k + 1]!);
      return;
    case 'Isolated':
      for (let k = 0; k < count; k++) emit(pieces[3 * k]!, pieces[3 * k + 1]!);
      return;
    case 'Contiguous':
    case 'MergedWithPrevious': {
      const acc: number[] = [];
      let prevMatch = false;
      for (let k = 0; k < count; k++) {
        const a = pieces[3 * k]!;
        const b = pieces[3 * k + 1]!;
        const m = pieces[3 * k + 2] === 1;
        const merge = behavior === 'Contiguous' ? m === prevMatch : m && !prevMatch;
        if (merge && acc.length > 0) acc[acc.length - 1] = b;
        else acc.push(a, b);
        prevMatch = m;
      }
      for (let k = 0; k < acc.length; k += 2) emit(acc[k]!, acc[k + 1]!);
      return;
    }
    case 'MergedWithNext': {
      const acc: number[] = [];
      let prevMatch = false;
      for (let k = count - 1; k >= 0; k--) {
        const a = pieces[3 * k]!;
        const b = pieces[3 * k + 1]!;
        const m = pieces[3 * k + 2] === 1;
        if (m && !prevMatch && acc.length > 0) acc[acc.length - 2] = a;
        else acc.push(a, b);
        prevMatch = m;
      }
      for (let k = acc.length - 2; k >= 0; k -= 2) emit(acc[k]!, acc[k + 1]!);
      return;
    }
  }
}

/** Split where `pred(char)` holds, each matching char a match of its own. */
export function splitByChar(
  n: NormalizedString,
  pred: (c: number) => boolean,
  behavior: SplitBehavior,
  out: NormalizedString[],
): void {
  const s = n.text;
  const len = s.length;
  if (len === 0) return;
  if (behavior === 'Removed') {
    let start = 0;
    for (let i = 0; i < len;) {
      const c = s.codePointAt(i)!;
      const L = c > 0xffff ? 2 : 1;
      if (pred(c)) {
        if (i > start) out.push(n.slice(start, i));
        start = i + L;
      }
      i += L;
    }
    if (len > start) out.push(start === 0 ? n : n.slice(start, len));
    return;
  }
  const pieces: number[] = [];
  let last = 0;
  for (let i = 0; i < len;) {
    const c = s.codePointAt(i)!;
    const L = c > 0xffff ? 2 : 1;
    if (pred(c)) {
      if (last < i) pieces.push(last, i, 0);
      pieces.push(i, i + L, 1);
      last = i + L;
    }
    i += L;
  }
  if (last === 0) {
    out.push(n);
    return;
  }
  if (len > last) pieces.push(last, len, 0);
  splitPieces(n, pieces, behavior, out);
}

/** Split on the matches of `p`; `invert` swaps matches and gaps. */
function splitByPattern(
  n: NormalizedString,
  p: CompiledPattern,
  behavior: SplitBehavior,
  invert: boolean,
  out: NormalizedString[],
): void {
  const s = n.text;
  if (s.length === 0) return;
  const pieces = matchPieces(p.findAll(s), s.length, invert);
  // One Isolated piece is the whole text: keep the string itself rather than a copy of it.
  if (behavior === 'Isolated' && pieces.length === 3) {
    out.push(n);
    return;
  }
  splitPieces(n, pieces, behavior, out);
}

/**
 * Match spans `[start, end, ...]` in a text of `length` units as split pieces `[start, end, isMatch, ...]`, the gaps
 * between them included; `invert` marks the gaps as the matches instead.
 */
function matchPieces(spans: readonly number[], length: number, invert: boolean): number[] {
  const hit = invert ? 0 : 1;
  const pieces: number[] = [];
  let prev = 0;
  for (let k = 0; k < spans.length; k += 2) {
    const start = spans[k]!;
    const end = spans[k + 1]!;
    if (prev !== start) pieces.push(prev, start, 1 - hit);
    pieces.push(start, end, hit);
    prev = end;
  }
  if (prev !== length) pieces.push(prev, length, 1 - hit);
  return pieces;
}

const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Georgian',
  'Hangul',
  'Ethiopic',
  'Cherokee',
  'Khmer',
  'Mongolian',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Han',
  'Yi',
  'Common',
  'Inherited',
];
const SCRIPT_RES = SCRIPTS.map((s) => new RegExp(`\\p{Script=${s}}`, 'u'));

function scriptOf(c: number): string {
  if (c === 0x30fc) return 'Han';
  if (c === 0x20) return 'Any';
  const ch = String.fromCodePoint(c);
  for (let i = 0; i < SCRIPTS.length; i++) {
    if (SCRIPT_RES[i]!.test(ch)) {
      const s = SCRIPTS[i]!;
      return s === 'Hiragana' || s === 'Katakana' ? 'Han' : s;
    }
  }
  return 'Unknown';
}

/** UnicodeScripts: cut where the script changes (spaces join either side; a leading space is dropped). */
function scriptSplit(n: NormalizedString, out: NormalizedString[]): void {
  const s = n.text;
  const ranges: number[] = [];
  let last: string | null = null;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    const script = scriptOf(c);
    if (script !== 'Any' && last !== 'Any' && last !== script) ranges.push(i);
    if (script !== 'Any') last = script;
    i += c > 0xffff ? 2 : 1;
  }
  ranges.push(s.length);
  for (let k = 0; k + 1 < ranges.length; k++) {
    if (ranges[k + 1]! > ranges[k]!) out.push(n.slice(ranges[k]!, ranges[k + 1]!));
  }
}
