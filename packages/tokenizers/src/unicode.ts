/**
 * Character classes as Rust's standard library and the `unicode_categories` crate define them, which is
 * what the Hugging Face tokenizers use. JavaScript's `\s` differs (it has U+FEFF, lacks U+0085), so we
 * spell the sets out. The crates' classes are of old Unicode versions (8.0 and 9.0), so those come from
 * generated tables rather than from Node's newer `\p{…}`: a character assigned since (U+061D, Unicode 14)
 * is neither punctuation nor a mark to Hugging Face. Rust's std classes (`is_whitespace`, `is_numeric`,
 * `to_lowercase`) match Node's over every code point, so those stay as they are.
 */
import { CodePointRanges } from './code-point-ranges';
import { propertyClass } from './oniguruma-classes';
import type { PropertyEscape } from './oniguruma-classes';
import { MARK_9, MARK_NONSPACING_8, OTHER_8, PUNCTUATION_8, UNASSIGNED_9 } from './unicode-tables';

/** Rust `char::is_whitespace` (Unicode White_Space). */
export function isWhitespace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The White_Space set as a regex character-class body (for translated Oniguruma patterns). */
export const WHITESPACE_CLASS =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const PUNCT = new CodePointRanges(PUNCTUATION_8);
// Cc, Cf, Co (not Cn: Hugging Face keeps unassigned code points; measured against the binding).
const CONTROL_OTHER = new CodePointRanges(OTHER_8);
const MARK_NONSPACING = new CodePointRanges(MARK_NONSPACING_8);
const MARK = new CodePointRanges(MARK_9);
const UNASSIGNED = new CodePointRanges(UNASSIGNED_9);
const NUMERIC = /\p{N}/u;
const ALNUM = /[\p{L}\p{N}]/u;

/** BERT's punctuation: ASCII punctuation or Unicode category P*. */
export function isBertPunctuation(c: number): boolean {
  if (c < 0x80) {
    return (
      (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
    );
  }
  return PUNCT.has(c);
}

/** BertNormalizer's control test: Cc, Cf, Co except tab, newline, carriage return. */
export function isControl(c: number): boolean {
  if (c === 9 || c === 10 || c === 13) return false;
  if (c < 0x80) return c < 32 || c === 127;
  return CONTROL_OTHER.has(c);
}

/** BertNormalizer's whitespace: tab, newline, carriage return or White_Space. */
export function isBertWhitespace(c: number): boolean {
  return isWhitespace(c);
}

/** Unicode 8.0 category Mn (nonspacing mark), the marks BertNormalizer's `strip_accents` removes. */
export function isMarkNonspacing(c: number): boolean {
  if (c < 0x300) return false;
  return MARK_NONSPACING.has(c);
}

/** Any Unicode 9.0 combining mark (Mn, Mc, Me): what the `StripAccents` normalizer removes. */
export function isCombiningMark(c: number): boolean {
  if (c < 0x300) return false;
  return MARK.has(c);
}

/**
 * Whether Unicode 9.0, the version of Hugging Face's normalization tables, leaves `c` unassigned: to them it has
 * no decomposition and combining class 0, so it is an inert starter that no normalization form changes.
 */
export function isUnassignedInNormalization(c: number): boolean {
  if (c < 0x378) return false;
  return UNASSIGNED.has(c);
}

/** Rust `char::is_numeric` (categories Nd, Nl, No). */
export function isNumeric(c: number): boolean {
  if (c < 0x80) return c >= 48 && c <= 57;
  return NUMERIC.test(String.fromCodePoint(c));
}

/** Rust `char::is_alphanumeric`. */
export function isAlphanumeric(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return ALNUM.test(String.fromCodePoint(c));
}

/** The CJK ideograph blocks BertNormalizer surrounds with spaces. */
export function isChineseChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2b73f) ||
    (c >= 0x2b740 && c <= 0x2b81f) ||
    (c >= 0x2b920 && c <= 0x2ceaf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

/** Length in UTF-16 code units of the code point starting at `i`. */
export function cpLen(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Code point at `i` (a lone surrogate reads as itself). */
export function cpAt(s: string, i: number): number {
  return s.codePointAt(i) ?? 0;
}

/** UTF-8 byte length of a code point (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Len(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/**
 * Translates an Oniguruma pattern (as Hugging Face stores in `Regex` fields) to a JavaScript `u`
 * regex source: `\s`/`\S` become the White_Space set, `\w`/`\W` the Unicode word set, `\d` Unicode digits,
 * and every property class reads the code points of Unicode 17.0 as unassigned, as the binding's
 * Oniguruma (Unicode 16.0) does (`oniguruma-classes.ts`).
 */
export function translateRegex(src: string): string {
  let out = '';
  // The class being read: its plain body, its property escapes, whether it is negated.
  let cls: { rest: string; properties: PropertyEscape[]; negated: boolean } | null = null;
  const W: PropertyEscape[] = ['Alphabetic', 'M', 'Nd', 'Pc'].map((name) => ({
    name,
    negated: false,
  }));
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length) {
      const n = src[i + 1]!;
      i++;
      const close = n === 'p' || n === 'P' ? src.indexOf('}', i) : -1;
      if (close > i + 1 && src[i + 1] === '{') {
        const p = { name: src.slice(i + 2, close), negated: n === 'P' };
        i = close;
        if (cls) cls.properties.push(p);
        else out += propertyClass('', [p], false);
      } else if (n === 's') {
        if (cls) cls.rest += WHITESPACE_CLASS;
        else out += `[${WHITESPACE_CLASS}]`;
      } else if (n === 'S') {
        if (cls) cls.rest += '\\P{White_Space}';
        else out += `[^${WHITESPACE_CLASS}]`;
      } else if (n === 'w') {
        if (cls) {
          cls.rest += '\\p{Join_Control}';
          cls.properties.push(...W);
        } else out += propertyClass('\\p{Join_Control}', W, false);
      } else if (n === 'W') {
        if (cls) cls.properties.push({ name: 'L', negated: true });
        else out += propertyClass('\\p{Join_Control}', W, true);
      } else if (n === 'd' || n === 'D') {
        const p = { name: 'Nd', negated: n === 'D' };
        if (cls) cls.properties.push(p);
        else out += propertyClass('', [p], false);
      } else if (cls) cls.rest += '\\' + n;
      else if (n === 'A') out += '^';
      else if (n === 'z' || n === 'Z') out += '$';
      else out += '\\' + n;
      continue;
    }
    if (ch === '[' && !cls) {
      const negated = src[i + 1] === '^';
      if (negated) i++;
      cls = { rest: '', properties: [], negated };
    } else if (ch === ']' && cls) {
      out += propertyClass(cls.rest, cls.properties, cls.negated);
      cls = null;
    } else if (cls) cls.rest += ch;
    else out += ch;
  }
  // An unclosed class stays unclosed: the RegExp constructor reports it.
  if (cls) out += `[${cls.negated ? '^' : ''}${cls.rest}`;
  return out;
}
