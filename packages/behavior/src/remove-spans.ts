import type { TokenSpan } from './types';

/**
 * Internal: `text` with each span (sorted, not overlapping) replaced by `mask`, or deleted when `mask` is
 * undefined. A deleted span takes one neighbouring whitespace run with it (the following one, else the
 * preceding one), so "a zqx b" becomes "a b" and "good zqx, fine" becomes "good, fine".
 */
export function removeSpans(
  text: string,
  spans: readonly TokenSpan[],
  mask: string | undefined,
): string {
  let out = '';
  let cursor = 0;
  for (const { start, end } of spans) {
    let before = text.slice(cursor, start);
    let next = end;
    if (mask !== undefined) before += mask;
    else {
      const after = /^\s+/.exec(text.slice(end));
      if (after) next = end + after[0].length;
      else before = before.replace(/\s+$/, '');
    }
    out += before;
    cursor = next;
  }
  return out + text.slice(cursor);
}
