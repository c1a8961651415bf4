import { HASH_SEED, VocabTableBuilder, hashUnit } from './vocab-table';
import type { VocabTable } from './vocab-table';

/**
 * Scanners for the two big sections of a `tokenizer.json` text (`model.vocab` as an object,
 * `model.merges`), reading them straight into typed arrays instead of through `JSON.parse`. Each accepts
 * only plain, valid JSON of the expected shape and returns null on anything else (a float id, an escape
 * it cannot decode, a stray character), so the caller can fall back to `JSON.parse` and get its exact
 * result or error.
 * @internal
 */

/** Index of the first non-whitespace char (JSON's four whitespace chars) at or after `i`. */
export function skipWs(t: string, i: number): number {
  for (;;) {
    const c = t.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** End (exclusive) of the string starting with the quote at `i`, or -1 when it never closes. */
export function skipString(t: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const k = t.indexOf('"', j);
    if (k < 0) return -1;
    // The quote is escaped when an odd number of backslashes precede it.
    let b = 0;
    while (t.charCodeAt(k - 1 - b) === 0x5c) b++;
    if (b % 2 === 0) return k + 1;
    j = k + 1;
  }
}

/**
 * End (exclusive) of the JSON value starting at `i`, or -1. Exact on valid JSON; it does not validate
 * (the caller parses everything it skips with `JSON.parse`).
 */
export function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x22) return skipString(t, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === 0x22) {
        j = skipString(t, j);
        if (j < 0) return -1;
        j--;
      } else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  for (; j < t.length; j++) {
    const d = t.charCodeAt(j);
    if (
      d === 0x2c ||
      d === 0x7d ||
      d === 0x5d ||
      d === 0x20 ||
      d === 0x0a ||
      d === 0x0d ||
      d === 0x09
    )
      break;
  }
  return j > i ? j : -1;
}

/** The key string starting with the quote at `i` and its end, when it has no escapes; else null. */
export function readPlainKey(t: string, i: number): { key: string; end: number } | null {
  if (t.charCodeAt(i) !== 0x22) return null;
  const k = t.indexOf('"', i + 1);
  if (k < 0) return null;
  const key = t.slice(i + 1, k);
  return key.includes('\\') ? null : { key, end: k + 1 };
}

/** A string read by {@link scanString}: its raw range (no escapes) or its decoded value. */
interface ScannedString {
  /** Range of the raw chars in the text, when the string has no escapes. */
  start: number;
  end: number;
  /** The decoded string when it has escapes, else null. */
  decoded: string | null;
  /** FNV-1a hash of the raw chars (meaningful when `decoded` is null). */
  hash: number;
  /** Index of the only space in the raw chars, -1 for none, -2 for more than one. */
  space: number;
}

const scanned: ScannedString = { start: 0, end: 0, decoded: null, hash: 0, space: -1 };

/** Reads the string whose quote is at `i` into the shared {@link scanned}; returns its end or -1. */
function scanString(t: string, i: number): number {
  if (t.charCodeAt(i) !== 0x22) return -1;
  const n = t.length;
  let h = HASH_SEED;
  let space = -1;
  let escaped = false;
  let j = i + 1;
  for (;;) {
    if (j >= n) return -1;
    const c = t.charCodeAt(j);
    if (c === 0x22) break;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      escaped = true;
      j += 2;
      continue;
    }
    if (c === 0x20) space = space === -1 ? j : -2;
    h = hashUnit(h, c);
    j++;
  }
  scanned.start = i + 1;
  scanned.end = j;
  scanned.hash = h;
  scanned.space = space;
  scanned.decoded = null;
  if (escaped) {
    try {
      scanned.decoded = JSON.parse(t.slice(i, j + 1)) as string;
    } catch {
      return -1;
    }
  }
  return j + 1;
}

/**
 * Reads the object of token → id at `t[i] === '{'` (ids plain non-negative integers) into a table.
 * Returns the table and the index after the object, or null when the object is not of that form.
 */
export function scanVocabObject(t: string, i: number): { table: VocabTable; end: number } | null {
  // A token entry takes at least 6 chars (`"a":0,`): size the arrays once for most files.
  const b = new VocabTableBuilder(t, Math.min(1 << 20, t.length >> 4));
  i = skipWs(t, i + 1);
  if (t.charCodeAt(i) === 0x7d) return { table: b.build('last'), end: i + 1 };
  for (;;) {
    const j = scanString(t, i);
    if (j < 0) return null;
    const { start, end, decoded, hash } = scanned;
    i = skipWs(t, j);
    if (t.charCodeAt(i) !== 0x3a) return null;
    i = skipWs(t, i + 1);
    let c = t.charCodeAt(i);
    let v = c - 0x30;
    if (v < 0 || v > 9) return null;
    let digits = 1;
    c = t.charCodeAt(++i);
    while (c >= 0x30 && c <= 0x39) {
      // JSON forbids leading zeros; ten digits could pass int32: both go to JSON.parse.
      if (v === 0 || ++digits > 9) return null;
      v = v * 10 + (c - 0x30);
      c = t.charCodeAt(++i);
    }
    if (c === 0x2e || c === 0x65 || c === 0x45) return null;
    if (decoded === null) b.addRange(start, end - start, hash, v);
    else b.addString(decoded, v);
    i = skipWs(t, i);
    c = t.charCodeAt(i);
    if (c === 0x2c) {
      i = skipWs(t, i + 1);
      continue;
    }
    if (c === 0x7d) return { table: b.build('last'), end: i + 1 };
    return null;
  }
}

/**
 * The merges of a BPE model as ranges: for merge `r`, `ranges[4r..4r+3]` are the start and end of its left
 * and right token; a start `< 0` means `~start` in `extra` (tokens that had escapes, decoded).
 * @internal
 */
export interface MergeRanges {
  text: string;
  extra: string;
  ranges: Int32Array;
  count: number;
}

/**
 * Reads `model.merges` at `t[i] === '['`: `"left right"` strings (exactly one space) and/or
 * `["left", "right"]` pairs. Returns the ranges and the index after the array, or null.
 */
export function scanMergeList(t: string, i: number): { merges: MergeRanges; end: number } | null {
  let ranges = new Int32Array(4 * Math.max(16, t.length >> 5));
  const extra: string[] = [];
  let extraLen = 0;
  let count = 0;
  const addExtra = (s: string): number => {
    const at = ~extraLen;
    extra.push(s);
    extraLen += s.length;
    return at;
  };
  const put = (a0: number, a1: number, b0: number, b1: number): void => {
    if (4 * count + 4 > ranges.length) {
      const r = new Int32Array(ranges.length * 2);
      r.set(ranges);
      ranges = r;
    }
    const k = 4 * count++;
    ranges[k] = a0;
    ranges[k + 1] = a1;
    ranges[k + 2] = b0;
    ranges[k + 3] = b1;
  };
  /** Records the string just scanned as one side: [start, end] in the text or in `extra`. */
  const side = (): [number, number] => {
    const d = scanned.decoded;
    if (d === null) return [scanned.start, scanned.end];
    const at = addExtra(d);
    return [at, at - d.length];
  };
  const done = (end: number): { merges: MergeRanges; end: number } => ({
    merges: { text: t, extra: extra.join(''), ranges: ranges.subarray(0, 4 * count), count },
    end,
  });
  i = skipWs(t, i + 1);
  if (t.charCodeAt(i) === 0x5d) return done(i + 1);
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 0x22) {
      const j = scanString(t, i);
      if (j < 0) return null;
      const d = scanned.decoded;
      if (d === null) {
        const sp = scanned.space;
        if (sp < 0) return null;
        put(scanned.start, sp, sp + 1, scanned.end);
      } else {
        const sp = d.indexOf(' ');
        if (sp < 0 || d.indexOf(' ', sp + 1) >= 0) return null;
        const a = addExtra(d.slice(0, sp));
        const b = addExtra(d.slice(sp + 1));
        put(a, a - sp, b, b - (d.length - sp - 1));
      }
      i = j;
    } else if (c === 0x5b) {
      let j = scanString(t, skipWs(t, i + 1));
      if (j < 0) return null;
      const [a0, a1] = side();
      j = skipWs(t, j);
      if (t.charCodeAt(j) !== 0x2c) return null;
      j = scanString(t, skipWs(t, j + 1));
      if (j < 0) return null;
      const [b0, b1] = side();
      j = skipWs(t, j);
      if (t.charCodeAt(j) !== 0x5d) return null;
      put(a0, a1, b0, b1);
      i = j + 1;
    } else return null;
    i = skipWs(t, i);
    const d = t.charCodeAt(i);
    if (d === 0x2c) {
      i = skipWs(t, i + 1);
      continue;
    }
    if (d === 0x5d) return done(i + 1);
    return null;
  }
}

/** Unigram pieces read from the text: the piece table (ids in file order) and their scores. @internal */
export interface ScannedPieces {
  table: VocabTable;
  scores: Float64Array;
}

/**
 * Reads a Unigram `model.vocab` at `t[i] === '['`: `[piece, score]` pairs, each piece once. Returns the
 * pieces and the index after the array, or null (a repeated piece, a score JSON would reject, …).
 */
export function scanPieceList(t: string, i: number): { pieces: ScannedPieces; end: number } | null {
  const b = new VocabTableBuilder(t, Math.min(1 << 20, t.length >> 5));
  let scores = new Float64Array(1024);
  let n = 0;
  i = skipWs(t, i + 1);
  if (t.charCodeAt(i) !== 0x5d) {
    for (;;) {
      if (t.charCodeAt(i) !== 0x5b) return null;
      let j = scanString(t, skipWs(t, i + 1));
      if (j < 0) return null;
      if (scanned.decoded === null)
        b.addRange(scanned.start, scanned.end - scanned.start, scanned.hash, n);
      else b.addString(scanned.decoded, n);
      j = skipWs(t, j);
      if (t.charCodeAt(j) !== 0x2c) return null;
      j = skipWs(t, j + 1);
      const e = numberEnd(t, j);
      if (e < 0) return null;
      if (n === scores.length) {
        const s = new Float64Array(2 * n);
        s.set(scores);
        scores = s;
      }
      // Number() of a JSON number literal is the same correctly rounded double JSON.parse gives.
      scores[n++] = Number(t.slice(j, e));
      j = skipWs(t, e);
      if (t.charCodeAt(j) !== 0x5d) return null;
      i = skipWs(t, j + 1);
      const c = t.charCodeAt(i);
      if (c === 0x2c) i = skipWs(t, i + 1);
      else if (c === 0x5d) break;
      else return null;
    }
  }
  const table = b.build('first');
  if (table.size !== n) return null;
  return { pieces: { table, scores: scores.slice(0, n) }, end: i + 1 };
}

/** End of the JSON number literal at `i` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
function numberEnd(t: string, i: number): number {
  const digits = (k: number): number => {
    const s = k;
    while (t.charCodeAt(k) >= 0x30 && t.charCodeAt(k) <= 0x39) k++;
    return k > s ? k : -1;
  };
  if (t.charCodeAt(i) === 0x2d) i++;
  if (t.charCodeAt(i) === 0x30) i++;
  else if ((i = digits(i)) < 0) return -1;
  if (t.charCodeAt(i) === 0x2e && (i = digits(i + 1)) < 0) return -1;
  const c = t.charCodeAt(i);
  if (c === 0x65 || c === 0x45) {
    i++;
    if (t.charCodeAt(i) === 0x2b || t.charCodeAt(i) === 0x2d) i++;
    if ((i = digits(i)) < 0) return -1;
  }
  return i;
}
