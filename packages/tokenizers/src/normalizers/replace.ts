import type { NormalizedString } from '../normalized-string';
import type { CompiledPattern } from '../pattern';

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
  const s = n.text;
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
  n.text = out;
  n.alignment = na.subarray(0, w);
  n.identityOffset = 0;
  n.lead = 0;
}
