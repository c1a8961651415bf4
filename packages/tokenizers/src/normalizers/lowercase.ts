import type { NormalizedString } from '../normalized-string';

/** Per-char lowercase as Rust's `char::to_lowercase` (no final-sigma context). */
export function lowercase(n: NormalizedString): void {
  const s = n.text;
  const lower = s.toLowerCase();
  if (lower === s) return;
  if (lower.length === s.length && !s.includes('\u03a3')) {
    n.text = lower;
    return;
  }
  const cps: number[] = [];
  const ch: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    const l = String.fromCodePoint(c).toLowerCase();
    let k = 0;
    for (let j = 0; j < l.length;) {
      const d = l.codePointAt(j)!;
      j += d > 0xffff ? 2 : 1;
      cps.push(d);
      ch.push(k++ > 0 ? 1 : 0);
    }
  }
  n.transform(cps, ch);
}
