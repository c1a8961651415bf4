import type { NormalizedString } from '../normalized-string';
import { isChineseChar, isControl, isMarkNonspacing, isWhitespace } from '../unicode';
import type { Normalizer } from './create-normalizer';
import { filterChars, mapSameShape } from './char-filters';
import { lowercase } from './lowercase';
import { unicodeNormalize } from './unicode-normalize';

/**
 * Hugging Face's `BertNormalizer`: clean control chars and odd spaces, pad CJK ideographs with spaces,
 * strip accents (by default when lowercasing), lowercase.
 */
export function bertNormalizer(
  cleanText: boolean,
  chinese: boolean,
  stripAccents: boolean | null,
  lower: boolean,
): Normalizer {
  const strip = stripAccents ?? lower;
  return {
    normalize(n) {
      const s = n.text;
      // Fast path: printable ASCII (plus tab/newline/CR) only changes unit for unit.
      if (/^[\t\n\r\x20-\x7e]*$/.test(s)) {
        let t = cleanText ? s.replace(/[\t\n\r]/g, ' ') : s;
        if (lower) t = t.toLowerCase();
        n.text = t;
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

/** Puts a space on each side of every CJK ideograph (the spaces are insertions). */
function chineseChars(n: NormalizedString): void {
  const s = n.text;
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
