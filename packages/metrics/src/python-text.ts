/**
 * Python `str` behaviours that sacrebleu and rouge-score rely on and that JavaScript does differently:
 * whitespace (`str.split()`, `str.strip()`); number formatting is in `python-format.ts`.
 * @internal
 */

/**
 * One run of the characters Python's `str.isspace()` accepts. Unlike JavaScript's `\s` this includes
 * U+001C–U+001F and U+0085 and excludes U+FEFF.
 */
/* eslint-disable no-control-regex -- Python's whitespace set includes the control characters U+001C–U+001F. */
const PY_WS_LEADING = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const PY_WS_TRAILING =
  /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;
const PY_WS_ALL = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
/* eslint-enable no-control-regex */

/** True for a UTF-16 code unit that Python's `str.isspace()` accepts (all such characters are in the BMP). */
export function isPyWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code >= 0x1c;
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's `s.split()` (no argument): split on runs of whitespace, drop empty strings. */
export function pySplit(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ws =
      c === 0x20 ||
      (c < 0x20 ? (c >= 0x09 && c <= 0x0d) || c >= 0x1c : c >= 0x85 && isPyWhitespace(c));
    if (ws) {
      if (start >= 0) {
        out.push(text.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(start === 0 ? text : text.slice(start));
  return out;
}

/** Python's `s.rstrip()`. */
export function pyRstrip(text: string): string {
  return text.replace(PY_WS_TRAILING, '');
}

/** Python's `s.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(PY_WS_LEADING, '').replace(PY_WS_TRAILING, '');
}

/** Python's `''.join(s.split())`: the text with every whitespace character removed. */
export function pyRemoveWhitespace(text: string): string {
  return text.replace(PY_WS_ALL, '');
}
