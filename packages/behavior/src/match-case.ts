/**
 * Internal: `replacement` in the case of `source`: all caps when `source` is (two letters or more), capitalised
 * when `source` starts upper-case, else as given. Keeps "Do not" → "Don't" and "DO NOT" → "DON'T".
 */
export function matchCase(source: string, replacement: string): string {
  const letters = source.replace(/[^\p{L}]/gu, '');
  if (
    letters.length >= 2 &&
    letters === letters.toUpperCase() &&
    letters !== letters.toLowerCase()
  ) {
    return replacement.toUpperCase();
  }
  const first = source.codePointAt(0);
  if (first !== undefined) {
    const ch = String.fromCodePoint(first);
    if (ch !== ch.toLowerCase()) return capitalise(replacement);
  }
  return replacement;
}

/** Internal: the first code point upper-cased, the rest unchanged. */
export function capitalise(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const ch = String.fromCodePoint(first);
  return ch.toUpperCase() + text.slice(ch.length);
}
