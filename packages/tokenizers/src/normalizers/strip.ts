import type { NormalizedString } from '../normalized-string';
import { isWhitespace } from '../unicode';

/** Hugging Face's `Strip`: removes whitespace at the left and/or right end, keeping the alignment. */
export function strip(n: NormalizedString, left: boolean, right: boolean): void {
  const s = n.text;
  let a = 0;
  let b = s.length;
  if (left) while (a < b && isWhitespace(s.charCodeAt(a))) a++;
  if (right) while (b > a && isWhitespace(s.charCodeAt(b - 1))) b--;
  if (a === 0 && b === s.length) return;
  const base = n.base;
  const sl = n.slice(a, b);
  n.text = sl.text;
  n.alignment = sl.alignment;
  n.identityOffset = sl.identityOffset;
  n.lead = sl.lead;
  n.leadEnd = sl.leadEnd;
  n.base = base;
}
