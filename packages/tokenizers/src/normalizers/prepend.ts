import type { NormalizedString } from '../normalized-string';
import { cpLen } from '../unicode';

/** Hugging Face's `prepend`: the new chars share the first char's alignment; nothing on an empty string. */
export function prepend(n: NormalizedString, p: string): void {
  if (n.text.length === 0 || p.length === 0) return;
  if (n.alignment === null) {
    n.prependIdentity(p);
    return;
  }
  const L = cpLen(n.text, 0);
  const st = n.startAt(0);
  const en = n.endAt(L - 1);
  const len = n.text.length;
  const na = new Int32Array(2 * (len + p.length));
  for (let i = 0; i < p.length; i++) {
    na[2 * i] = st;
    na[2 * i + 1] = en;
  }
  for (let i = 0; i < len; i++) {
    na[2 * (p.length + i)] = n.startAt(i);
    na[2 * (p.length + i) + 1] = n.endAt(i);
  }
  n.text = p + n.text;
  n.alignment = na;
  n.identityOffset = 0;
  n.lead = 0;
}
