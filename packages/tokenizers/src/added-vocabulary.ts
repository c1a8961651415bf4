import type { AddedToken } from './types';
import { isWhitespace } from './unicode';

const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;

function isWordChar(c: number): boolean {
  if (c < 0x80)
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return WORD_CHAR.test(String.fromCodePoint(c));
}

/**
 * Finds added tokens in text, leftmost-longest as Hugging Face's Aho-Corasick matcher, then applies
 * `single_word`, `lstrip` and `rstrip` as `AddedVocabulary::find_matches` does.
 * @internal
 */
export class AddedTokenMatcher {
  /** Alternation of the escaped patterns, longest first: a regex finds the leftmost match and takes the
   * first (longest) alternative there, which is leftmost-longest. */
  private readonly re: RegExp | null;
  private readonly byPattern = new Map<string, AddedToken>();

  constructor(entries: readonly { pattern: string; token: AddedToken }[]) {
    const list = entries.filter((e) => e.pattern.length > 0);
    for (const e of list)
      if (!this.byPattern.has(e.pattern)) this.byPattern.set(e.pattern, e.token);
    const patterns = [...this.byPattern.keys()].sort((a, b) => b.length - a.length);
    this.re = patterns.length === 0 ? null : new RegExp(patterns.map(escapeRegex).join('|'), 'gu');
  }

  /** Splits `s` into plain and added-token pieces; null when nothing matched. */
  find(
    s: string,
    skipSpecial: boolean,
  ): { start: number; end: number; token: AddedToken | null }[] | null {
    const re = this.re;
    if (re === null) return null;
    re.lastIndex = 0;
    let m = re.exec(s);
    if (m === null) return null;
    const out: { start: number; end: number; token: AddedToken | null }[] = [];
    let startOffset = 0;
    const n = s.length;
    for (; m !== null; m = re.exec(s)) {
      let start = m.index;
      let stop = start + m[0].length;
      const t = this.byPattern.get(m[0])!;
      if (start < startOffset) continue;
      if (skipSpecial && t.special) continue;
      if (t.singleWord) {
        const startSpace = start === 0 || !isWordChar(s.codePointAt(prevCharStart(s, start))!);
        const stopSpace = stop === n || !isWordChar(s.codePointAt(stop)!);
        if (!startSpace || !stopSpace) continue;
      }
      if (t.lstrip) {
        let ns = start;
        while (ns > 0 && isWhitespace(s.charCodeAt(ns - 1))) ns--;
        start = Math.max(ns, startOffset);
      }
      if (t.rstrip) {
        while (stop < n && isWhitespace(s.charCodeAt(stop))) stop++;
      }
      if (startOffset < start) out.push({ start: startOffset, end: start, token: null });
      out.push({ start, end: stop, token: t });
      startOffset = stop;
    }
    if (out.length === 0) return null;
    if (startOffset !== n) out.push({ start: startOffset, end: n, token: null });
    return out;
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function prevCharStart(s: string, i: number): number {
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return i - 2;
  }
  return i - 1;
}
