import type { NormalizedString } from '../normalized-string';

/** Applies `f` to each char when it returns one char of the same UTF-16 length (alignment unchanged). */
export function mapSameShape(n: NormalizedString, f: (c: number) => number): void {
  const s = n.text;
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    const L = c > 0xffff ? 2 : 1;
    const d = f(c);
    if (d !== c) changed = true;
    out += String.fromCodePoint(d);
    i += L;
  }
  if (changed) n.text = out;
}

/** Hugging Face's `NormalizedString::filter`: removed chars are attached to the previous kept char. */
export function filterChars(n: NormalizedString, keep: (c: number) => boolean): void {
  const s = n.text;
  let any = false;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    if (!keep(c)) {
      any = true;
      break;
    }
    i += c > 0xffff ? 2 : 1;
  }
  if (!any) return;
  const cps: number[] = [];
  const changes: number[] = [];
  let removed = 0;
  let removedStart = 0;
  let last = -1;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    if (keep(c)) {
      if (last >= 0) {
        cps.push(last);
        changes.push(-removed);
      } else removedStart = removed;
      last = c;
      removed = 0;
    } else removed++;
  }
  if (last >= 0) {
    cps.push(last);
    changes.push(-removed);
  }
  n.transform(cps, changes, removedStart);
}
