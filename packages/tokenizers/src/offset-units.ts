import type { RawEncoding } from './raw-encoding';

// Offsets are computed in code points when the text has astral chars (as Hugging Face does) and turned
// into UTF-16 units at the end; `offsetType: 'codePoint'` asks for the code points.

const SURROGATE = /[\ud800-\udfff]/;

/** Whether `s` has a surrogate unit (an astral char, or a lone surrogate). */
export function hasSurrogate(s: string): boolean {
  return SURROGATE.test(s);
}

/** Code-point index → UTF-16 index of a string. */
export function cpToUnitMap(text: string): Int32Array {
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

/** Rewrites the code-point offsets of `e` (and its overflowing parts) as UTF-16 units, per sequence. */
export function toUnitOffsets(e: RawEncoding, maps: (Int32Array | null)[]): void {
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

/** Rewrites flat UTF-16 offsets of `text` as code-point offsets (Python's convention). */
export function toCodePointOffsets(text: string, offsets: number[]): void {
  if (!SURROGATE.test(text)) return;
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
