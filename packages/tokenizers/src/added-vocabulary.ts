import type { AddedToken } from './types';
import { isWhitespace } from './unicode';

const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return WORD_CHAR.test(String.fromCodePoint(c));
}

/**
 * Finds added tokens in text, leftmost-longest as Hugging Face's Aho-Corasick matcher, then applies
 * `single_word`, `lstrip` and `rstrip` as `AddedVocabulary::find_matches` does.
 * @internal
 */
export class AddedTokenMatcher {
  private readonly byFirst = new Map<number, { pattern: string; token: AddedToken }[]>();
  readonly empty: boolean;

  constructor(entries: readonly { pattern: string; token: AddedToken }[]) {
    for (const e of entries) {
      if (e.pattern.length === 0) continue;
      const k = e.pattern.charCodeAt(0);
      let list = this.byFirst.get(k);
      if (!list) this.byFirst.set(k, (list = []));
      list.push(e);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.pattern.length - a.pattern.length);
    this.empty = this.byFirst.size === 0;
  }

  /**
   * Splits `s` into pieces: flat `[start, end, tokenIndex]` where tokenIndex is -1 for plain text.
   * Returns null when nothing matched.
   */
  find(s: string, skipSpecial: boolean): { start: number; end: number; token: AddedToken | null }[] | null {
    if (this.empty) return null;
    const out: { start: number; end: number; token: AddedToken | null }[] = [];
    let startOffset = 0;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const list = this.byFirst.get(s.charCodeAt(i));
      let hit: { pattern: string; token: AddedToken } | undefined;
      if (list) {
        for (const e of list) {
          if (s.startsWith(e.pattern, i)) {
            hit = e;
            break;
          }
        }
      }
      if (!hit) {
        i++;
        continue;
      }
      let start = i;
      let stop = i + hit.pattern.length;
      const t = hit.token;
      i = stop; // non-overlapping: the next search starts after this match
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
        i = stop;
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

function prevCharStart(s: string, i: number): number {
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return i - 2;
  }
  return i - 1;
}
