import type { NormalizedString } from '../normalized-string';
import { forEachGrapheme } from '../graphemes';
import type { PrecompiledCharsmap } from '../precompiled-charsmap';
import { cpLen } from '../unicode';
import { utf8Length } from '../utf8';

/** SentencePiece charsmap normalization, grapheme by grapheme, exactly as `spm_precompiled` + HF do. */
export function precompiled(n: NormalizedString, map: PrecompiledCharsmap): void {
  const s = n.text;
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
