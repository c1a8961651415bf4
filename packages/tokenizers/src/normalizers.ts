import { expectComponentObject } from './describe-value';
import type { NormalizedString } from './normalized-string';
import { forEachGrapheme } from './graphemes';
import { PrecompiledCharsmap } from './precompiled-charsmap';
import { BYTE_CODES, asciiToByteLevel, isAscii, unitsToString } from './byte-level-alphabet';
import { utf8Bytes } from './bpe';
import {
  cpLen,
  isChineseChar,
  isCombiningMark,
  isControl,
  isMarkNonspacing,
  isUnassignedInNormalization,
  isWhitespace,
} from './unicode';
import { TokenizerError } from './errors';
import type { NormalizerJson, PatternJson } from './types';
import { compilePattern } from './pattern';
import type { CompiledPattern } from './pattern';

/** A normalizer edits a {@link NormalizedString} in place, keeping its alignment. @internal */
export interface Normalizer {
  normalize(n: NormalizedString): void;
}

/** Supported `normalizer.type` values. */
export const NORMALIZER_TYPES = [
  'BertNormalizer',
  'NFC',
  'NFD',
  'NFKC',
  'NFKD',
  'Lowercase',
  'StripAccents',
  'Strip',
  'Replace',
  'Prepend',
  'Precompiled',
  'ByteLevel',
  'Nmt',
  'Sequence',
] as const;

/**
 * Builds a normalizer from its `tokenizer.json` section.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` naming `path` and the supported types.
 */
export function createNormalizer(json: NormalizerJson, path: string): Normalizer {
  expectComponentObject(json, path, 'normalizer');
  switch (json.type) {
    case 'BertNormalizer':
      return bertNormalizer(
        json.clean_text ?? true,
        json.handle_chinese_chars ?? true,
        json.strip_accents ?? null,
        json.lowercase ?? true,
      );
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD': {
      const form = json.type;
      return { normalize: (n) => unicodeNormalize(n, form) };
    }
    case 'Lowercase':
      return { normalize: lowercase };
    case 'StripAccents':
      return { normalize: (n) => filterChars(n, (c) => !isCombiningMark(c)) };
    case 'Strip': {
      const left = json.strip_left ?? true;
      const right = json.strip_right ?? true;
      return { normalize: (n) => strip(n, left, right) };
    }
    case 'Replace': {
      const pattern = compilePattern(json.pattern, `${path}.pattern`);
      const content = json.content ?? '';
      return { normalize: (n) => replace(n, pattern, content) };
    }
    case 'Prepend': {
      const p = json.prepend ?? '';
      return { normalize: (n) => prepend(n, p) };
    }
    case 'Precompiled': {
      if (typeof json.precompiled_charsmap !== 'string') {
        // An empty charsmap (null) normalizes nothing, as Hugging Face does.
        if (json.precompiled_charsmap == null) return { normalize: () => undefined };
        throw new TokenizerError(
          'INVALID_FIELD',
          `${path}.precompiled_charsmap: expected a base64 string`,
        );
      }
      const map = new PrecompiledCharsmap(
        json.precompiled_charsmap,
        `${path}.precompiled_charsmap`,
      );
      return { normalize: (n) => precompiled(n, map) };
    }
    case 'ByteLevel':
      return { normalize: byteLevel };
    case 'Nmt':
      return { normalize: nmt };
    case 'Sequence': {
      if (!Array.isArray(json.normalizers)) {
        throw new TokenizerError('INVALID_FIELD', `${path}.normalizers: expected an array`);
      }
      const list = json.normalizers.map((j, i) => createNormalizer(j, `${path}.normalizers[${i}]`));
      return {
        normalize: (n) => {
          for (const x of list) x.normalize(n);
        },
      };
    }
    default: {
      const t = (json as { type?: unknown }).type;
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `${path}.type: ${JSON.stringify(t)} is not a supported normalizer; supported: ${NORMALIZER_TYPES.join(', ')}`,
      );
    }
  }
}

/** Applies `f` to each char when it returns one char of the same UTF-16 length (alignment unchanged). */
function mapSameShape(n: NormalizedString, f: (c: number) => number): void {
  const s = n.s;
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    const L = c > 0xffff ? 2 : 1;
    const d = f(c);
    if (d !== c) changed = true;
    out += String.fromCodePoint(d);
    i += L;
  }
  if (changed) n.s = out;
}

/** Hugging Face's `NormalizedString::filter`: removed chars are attached to the previous kept char. */
export function filterChars(n: NormalizedString, keep: (c: number) => boolean): void {
  const s = n.s;
  let any = false;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    if (!keep(c)) {
      any = true;
      break;
    }
    i += c > 0xffff ? 2 : 1;
  }
  if (!any) return;
  const cps: number[] = [];
  const changes: number[] = [];
  let removed = 0;
  let removedStart = 0;
  let last = -1;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    if (keep(c)) {
      if (last >= 0) {
        cps.push(last);
        changes.push(-removed);
      } else removedStart = removed;
      last = c;
      removed = 0;
    } else removed++;
  }
  if (last >= 0) {
    cps.push(last);
    changes.push(-removed);
  }
  n.transform(cps, changes, removedStart);
}

function bertNormalizer(
  cleanText: boolean,
  chinese: boolean,
  stripAccents: boolean | null,
  lower: boolean,
): Normalizer {
  const strip = stripAccents ?? lower;
  return {
    normalize(n) {
      const s = n.s;
      // Fast path: printable ASCII (plus tab/newline/CR) only changes unit for unit.
      if (/^[\t\n\r\x20-\x7e]*$/.test(s)) {
        let t = cleanText ? s.replace(/[\t\n\r]/g, ' ') : s;
        if (lower) t = t.toLowerCase();
        n.s = t;
        return;
      }
      if (cleanText) {
        filterChars(n, (c) => !(c === 0 || c === 0xfffd || isControl(c)));
        mapSameShape(n, (c) => (isWhitespace(c) ? 0x20 : c));
      }
      if (chinese) chineseChars(n);
      if (strip) {
        unicodeNormalize(n, 'NFD');
        filterChars(n, (c) => !isMarkNonspacing(c));
      }
      if (lower) lowercase(n);
    },
  };
}

function chineseChars(n: NormalizedString): void {
  const s = n.s;
  let any = false;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    if (isChineseChar(c)) {
      any = true;
      break;
    }
    i += c > 0xffff ? 2 : 1;
  }
  if (!any) return;
  const cps: number[] = [];
  const ch: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    if (isChineseChar(c)) {
      cps.push(0x20, c, 0x20);
      ch.push(0, 1, 1);
    } else {
      cps.push(c);
      ch.push(0);
    }
  }
  n.transform(cps, ch);
}

/** Per-char lowercase as Rust's `char::to_lowercase` (no final-sigma context). */
export function lowercase(n: NormalizedString): void {
  const s = n.s;
  const lower = s.toLowerCase();
  if (lower === s) return;
  if (lower.length === s.length && !s.includes('\u03a3')) {
    n.s = lower;
    return;
  }
  const cps: number[] = [];
  const ch: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    const l = String.fromCodePoint(c).toLowerCase();
    let k = 0;
    for (let j = 0; j < l.length;) {
      const d = l.codePointAt(j)!;
      j += d > 0xffff ? 2 : 1;
      cps.push(d);
      ch.push(k++ > 0 ? 1 : 0);
    }
  }
  n.transform(cps, ch);
}

const MARK = /\p{M}/u;

/** Can this char combine with what precedes it (a mark, or a Hangul medial/final jamo)? */
function attachesBackward(c: number): boolean {
  if (c < 0x300) return false;
  if (c >= 0x1160 && c <= 0x11ff) return true;
  const ch = String.fromCodePoint(c);
  if (MARK.test(ch)) return true;
  // Halfwidth voiced marks and the like decompose to a combining mark.
  const d = ch.normalize('NFKD');
  return d !== ch && MARK.test(String.fromCodePoint(d.codePointAt(0)!));
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    out.push(c);
    i += c > 0xffff ? 2 : 1;
  }
  return out;
}

/**
 * Unicode normalization with Hugging Face's alignment (the `unicode-normalization-alignments` crate, whose tables
 * are Unicode 9.0's: Node's are newer, and by Unicode's stability policy agree on every character 9.0 assigned):
 * a decomposed char's extra parts are insertions (change 1) that travel with canonical reordering; a
 * composed char replaces its starter and removes the marks it absorbed. Worked segment by segment
 * (a starter and the marks that follow it).
 */
export function unicodeNormalize(n: NormalizedString, form: 'NFC' | 'NFD' | 'NFKC' | 'NFKD'): void {
  const s = n.s;
  if (s.normalize(form) === s) return;
  const decomp = form === 'NFC' || form === 'NFD' ? 'NFD' : 'NFKD';
  const compose = form !== decomp;
  const cps: number[] = [];
  const ch: number[] = [];
  let segStart = 0;
  const flush = (seg: string): void => {
    const target = seg.normalize(form);
    if (target === seg) {
      for (const c of codePoints(seg)) {
        cps.push(c);
        ch.push(0);
      }
      return;
    }
    // 1. Char by char decomposition: first part replaces (0), the rest are insertions (1).
    const pre: number[] = [];
    const preCh: number[] = [];
    for (const c of codePoints(seg)) {
      let k = 0;
      for (const e of codePoints(String.fromCodePoint(c).normalize(decomp))) {
        pre.push(e);
        preCh.push(k++ > 0 ? 1 : 0);
      }
    }
    // 2. Canonical reordering: each mark keeps its change value.
    // Each char of the reordered form takes the change of the first unused equal char of `pre`
    // (an index queue per code point, so a run of thousands of equal marks stays linear).
    const full = codePoints(seg.normalize(decomp));
    const positions = new Map<number, number[]>();
    for (let k = pre.length - 1; k >= 0; k--) {
      const list = positions.get(pre[k]!);
      if (list) list.push(k);
      else positions.set(pre[k]!, [k]);
    }
    const D: number[] = [];
    const Dch: number[] = [];
    for (const e of full) {
      const k = positions.get(e)?.pop();
      D.push(e);
      Dch.push(k === undefined ? 1 : preCh[k]!);
    }
    if (!compose) {
      for (let i = 0; i < D.length; i++) {
        cps.push(D[i]!);
        ch.push(Dch[i]!);
      }
      return;
    }
    // 3. Composition, as the crate's recomposition iterator: a char that composes with the last starter
    // (not blocked) is absorbed into it (the starter's change takes its change - 1); others are emitted.
    // The chars between the starter and x are in canonical order and none has class 0 (it would be the starter),
    // so only the last of them can block x: the probe looks at the starter, that last char and x (linear in
    // the run, where probing the whole run was quadratic: 80 KB of marks took 52 s).
    const outCp: number[] = [];
    const outCh: number[] = [];
    let starter = -1;
    for (let k = 0; k < D.length; k++) {
      const x = D[k]!;
      if (starter >= 0) {
        const between = outCp.length - 1 - starter;
        const last = outCp[outCp.length - 1]!;
        const probe = codePoints(
          (between > 0
            ? String.fromCodePoint(outCp[starter]!, last, x)
            : String.fromCodePoint(outCp[starter]!, x)
          ).normalize('NFC'),
        );
        if (
          probe.length === (between > 0 ? 2 : 1) &&
          (between === 0 || probe[1] === last) &&
          probe[0] !== outCp[starter]
        ) {
          outCp[starter] = probe[0]!;
          outCh[starter] = outCh[starter]! + Dch[k]! - 1;
          continue;
        }
      }
      outCp.push(x);
      outCh.push(Dch[k]!);
      // A char of class 0 that did not compose is the next starter, as in the crate: spacing marks of class 9 (a
      // virama, U+1734) or 216 (U+1D165) are not starters, nonspacing U+0CC6 of class 0 is one (U+0CCA composes).
      if (hasCombiningClassZero(x)) starter = outCp.length - 1;
    }
    for (let i = 0; i < outCp.length; i++) {
      cps.push(outCp[i]!);
      ch.push(outCh[i]!);
    }
  };
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    const len = c > 0xffff ? 2 : 1;
    if (isUnassignedInNormalization(c)) {
      // New since Unicode 9.0 (Hugging Face's tables): an inert starter, kept as it is. Node would decompose,
      // reorder or compose it (U+11938 is U+11935 U+11930); Hugging Face leaves it and blocks across it.
      flush(s.slice(segStart, i));
      cps.push(c);
      ch.push(0);
      segStart = i + len;
    } else if (i > segStart && !attachesBackward(c)) {
      flush(s.slice(segStart, i));
      segStart = i;
    }
    i += len;
  }
  flush(s.slice(segStart));
  n.transform(cps, ch);
}

/**
 * Whether a (decomposed) char has canonical combining class 0. U+0345 has class 240, the highest but its own:
 * canonical reordering moves any char of class 1–239 in front of it and leaves a class-0 char behind it.
 */
function hasCombiningClassZero(c: number): boolean {
  return c !== 0x345 && String.fromCodePoint(0x345, c).normalize('NFD').codePointAt(0) === 0x345;
}

function strip(n: NormalizedString, left: boolean, right: boolean): void {
  const s = n.s;
  let a = 0;
  let b = s.length;
  if (left) while (a < b && isWhitespace(s.charCodeAt(a))) a++;
  if (right) while (b > a && isWhitespace(s.charCodeAt(b - 1))) b--;
  if (a === 0 && b === s.length) return;
  const base = n.base;
  const sl = n.slice(a, b);
  n.s = sl.s;
  n.a = sl.a;
  n.off = sl.off;
  n.lead = sl.lead;
  n.leadEnd = sl.leadEnd;
  n.base = base;
}

/**
 * Whether every match is one char replaced by itself (CLIP's `\s+` → ' ' on single spaces): the text and
 * its alignments then stay as they are. A longer match replaced by itself is not a no-op: its chars all
 * align with the match's last char afterwards.
 */
function replacesNothing(s: string, matches: readonly number[], content: string): boolean {
  if (content.length !== 1) return false;
  const c = content.charCodeAt(0);
  for (let m = 0; m < matches.length; m += 2) {
    const start = matches[m]!;
    if (matches[m + 1]! - start !== 1 || s.charCodeAt(start) !== c) return false;
  }
  return true;
}

/**
 * Hugging Face's `NormalizedString::replace`: every replacement char is an insertion aligned with the last
 * char of the match (with the previous char for an empty match, with the slice start at position 0).
 */
export function replace(n: NormalizedString, pattern: CompiledPattern, content: string): void {
  const s = n.s;
  const matches = pattern.findAll(s);
  if (matches.length === 0 || replacesNothing(s, matches, content)) return;
  const total = s.length + (matches.length / 2) * content.length;
  const na = new Int32Array(2 * Math.max(0, total));
  let w = 0;
  let out = '';
  let last = 0;
  for (let m = 0; m < matches.length; m += 2) {
    const start = matches[m]!;
    const end = matches[m + 1]!;
    for (let i = last; i < start; i++) {
      na[w++] = n.startAt(i);
      na[w++] = n.endAt(i);
    }
    out += s.slice(last, start);
    let st: number;
    let en: number;
    if (end > start) {
      let p = end - 1;
      if (
        p > start &&
        (s.charCodeAt(p) & 0xfc00) === 0xdc00 &&
        (s.charCodeAt(p - 1) & 0xfc00) === 0xd800
      )
        p--;
      st = n.startAt(p);
      en = n.endAt(end - 1);
    } else if (start > 0) {
      let p = start - 1;
      if (
        p > 0 &&
        (s.charCodeAt(p) & 0xfc00) === 0xdc00 &&
        (s.charCodeAt(p - 1) & 0xfc00) === 0xd800
      )
        p--;
      st = n.startAt(p);
      en = n.endAt(start - 1);
    } else {
      st = n.base;
      en = n.base;
    }
    for (let i = 0; i < content.length; i++) {
      na[w++] = st;
      na[w++] = en;
    }
    out += content;
    last = end;
  }
  for (let i = last; i < s.length; i++) {
    na[w++] = n.startAt(i);
    na[w++] = n.endAt(i);
  }
  out += s.slice(last);
  n.s = out;
  n.a = na.subarray(0, w);
  n.off = 0;
  n.lead = 0;
}

/** Hugging Face's `prepend`: the new chars share the first char's alignment; nothing on an empty string. */
export function prepend(n: NormalizedString, p: string): void {
  if (n.s.length === 0 || p.length === 0) return;
  if (n.a === null) {
    n.prependIdentity(p);
    return;
  }
  const L = cpLen(n.s, 0);
  const st = n.startAt(0);
  const en = n.endAt(L - 1);
  const len = n.s.length;
  const na = new Int32Array(2 * (len + p.length));
  for (let i = 0; i < p.length; i++) {
    na[2 * i] = st;
    na[2 * i + 1] = en;
  }
  for (let i = 0; i < len; i++) {
    na[2 * (p.length + i)] = n.startAt(i);
    na[2 * (p.length + i) + 1] = n.endAt(i);
  }
  n.s = p + n.s;
  n.a = na;
  n.off = 0;
  n.lead = 0;
}

/** Maps every char to its UTF-8 bytes as GPT-2 byte chars; extra bytes are insertions. */
export function byteLevel(n: NormalizedString): void {
  const s = n.s;
  if (isAscii(s)) {
    n.s = asciiToByteLevel(s);
    return;
  }
  // At most 3 bytes per UTF-16 unit (4 per surrogate pair).
  const out = new Uint16Array(3 * s.length);
  const align = new Int32Array(6 * s.length);
  let w = 0;
  for (let i = 0; i < s.length;) {
    const L = cpLen(s, i);
    const st = n.startAt(i);
    const en = n.endAt(i + L - 1);
    const c = s.charCodeAt(i);
    const bytes = c < 0x80 ? null : utf8Bytes(s.slice(i, i + L));
    for (let k = 0; k < (bytes === null ? 1 : bytes.length); k++) {
      out[w] = BYTE_CODES[bytes === null ? c : bytes[k]!]!;
      align[2 * w] = st;
      align[2 * w + 1] = en;
      w++;
    }
    i += L;
  }
  n.s = unitsToString(out, w);
  n.a = align.subarray(0, 2 * w);
  n.off = 0;
  n.lead = 0;
}

/** SentencePiece's NMT normalization: drop control chars, map odd spaces to U+0020. */
function nmt(n: NormalizedString): void {
  filterChars(
    n,
    (c) =>
      !(
        (c >= 0x0001 && c <= 0x0008) ||
        c === 0x000b ||
        (c >= 0x000e && c <= 0x001f) ||
        c === 0x007f ||
        c === 0x008f ||
        c === 0x009f
      ),
  );
  mapSameShape(n, (c) =>
    c === 0x0009 ||
    c === 0x000a ||
    c === 0x000c ||
    c === 0x000d ||
    c === 0x1680 ||
    (c >= 0x200b && c <= 0x200f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x2581 ||
    c === 0xfeff ||
    c === 0xfffd
      ? 0x20
      : c,
  );
}

/** SentencePiece charsmap normalization, grapheme by grapheme, exactly as `spm_precompiled` + HF do. */
function precompiled(n: NormalizedString, map: PrecompiledCharsmap): void {
  const s = n.s;
  if (s.length === 0) return;
  const ascii = /^[\x20-\x7e]*$/.test(s);
  if (ascii && map.asciiUnchanged(s)) return;
  const cps: number[] = [];
  const ch: number[] = [];
  let modified = false;
  const handle = (g: string): void => {
    if (utf8Length(g) < 6) {
      const norm = map.transform(g);
      if (norm !== null) {
        modified = true;
        pushReplace(cps, ch, g, norm);
        return;
      }
    }
    for (let i = 0; i < g.length;) {
      const L = cpLen(g, i);
      const part = g.slice(i, i + L);
      i += L;
      const norm = map.transform(part);
      if (norm !== null) {
        modified = true;
        pushReplace(cps, ch, part, norm);
      } else {
        cps.push(part.codePointAt(0)!);
        ch.push(0);
      }
    }
  };
  // An ASCII char followed by an ASCII char (or the end) is a grapheme of its own (CR LF aside): only
  // the runs around non-ASCII text need the grapheme segmenter.
  const len = s.length;
  for (let i = 0; i < len;) {
    const c = s.charCodeAt(i);
    const next = i + 1 < len ? s.charCodeAt(i + 1) : 0;
    if (c < 0x80 && c !== 0x0d && next < 0x80) {
      handle(s[i]!);
      i++;
      continue;
    }
    let j = i + 1;
    if (c === 0x0d && next === 0x0a) j = i + 2;
    else while (j < len && s.charCodeAt(j) >= 0x80) j++;
    forEachGrapheme(s.slice(i, j), handle);
    i = j;
  }
  if (modified) n.transform(cps, ch);
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : (c & 0xfc00) === 0xd800 ? 2 : 3;
  }
  return n;
}

/** spm's `replace` helper: same count → all 0; more → last extras are 1; fewer → last change gets the diff. */
function pushReplace(cps: number[], ch: number[], oldPart: string, newPart: string): void {
  let oldCount = 0;
  for (let i = 0; i < oldPart.length; i += cpLen(oldPart, i)) oldCount++;
  let newCount = 0;
  for (let i = 0; i < newPart.length;) {
    const c = newPart.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    cps.push(c);
    ch.push(0);
    newCount++;
  }
  const diff = newCount - oldCount;
  if (diff > 0) {
    for (let k = 0; k < diff; k++) ch[ch.length - 1 - k] = 1;
  } else if (diff < 0 && ch.length > 0) {
    ch[ch.length - 1] = ch[ch.length - 1]! + diff;
  }
}

export type { PatternJson };
