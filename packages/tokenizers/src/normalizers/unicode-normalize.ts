import type { NormalizedString } from '../normalized-string';
import { toCodePoints } from '../normalized-string';
import { isUnassignedInNormalization } from '../unicode';

const MARK = /\p{M}/u;

/** Can this char combine with what precedes it (a mark, or a Hangul medial/final jamo)? */
function attachesBackward(c: number): boolean {
  if (c < 0x300) return false;
  if (c >= 0x1160 && c <= 0x11ff) return true;
  const ch = String.fromCodePoint(c);
  if (MARK.test(ch)) return true;
  // Halfwidth voiced marks and the like decompose to a combining mark.
  const d = ch.normalize('NFKD');
  return d !== ch && MARK.test(String.fromCodePoint(d.codePointAt(0)!));
}

/**
 * Unicode normalization with Hugging Face's alignment (the `unicode-normalization-alignments` crate, whose tables
 * are Unicode 9.0's: Node's are newer, and by Unicode's stability policy agree on every character 9.0 assigned):
 * a decomposed char's extra parts are insertions (change 1) that travel with canonical reordering; a
 * composed char replaces its starter and removes the marks it absorbed. Worked segment by segment
 * (a starter and the marks that follow it).
 */
export function unicodeNormalize(n: NormalizedString, form: 'NFC' | 'NFD' | 'NFKC' | 'NFKD'): void {
  const s = n.text;
  if (s.normalize(form) === s) return;
  const decomp = form === 'NFC' || form === 'NFD' ? 'NFD' : 'NFKD';
  const compose = form !== decomp;
  const cps: number[] = [];
  const ch: number[] = [];
  let segStart = 0;
  const flush = (seg: string): void => {
    const target = seg.normalize(form);
    if (target === seg) {
      for (const c of toCodePoints(seg)) {
        cps.push(c);
        ch.push(0);
      }
      return;
    }
    // 1. Char by char decomposition: first part replaces (0), the rest are insertions (1).
    const pre: number[] = [];
    const preCh: number[] = [];
    for (const c of toCodePoints(seg)) {
      let k = 0;
      for (const e of toCodePoints(String.fromCodePoint(c).normalize(decomp))) {
        pre.push(e);
        preCh.push(k++ > 0 ? 1 : 0);
      }
    }
    // 2. Canonical reordering: each mark keeps its change value.
    // Each char of the reordered form takes the change of the first unused equal char of `pre`
    // (an index queue per code point, so a run of thousands of equal marks stays linear).
    const full = toCodePoints(seg.normalize(decomp));
    const positions = new Map<number, number[]>();
    for (let k = pre.length - 1; k >= 0; k--) {
      const list = positions.get(pre[k]!);
      if (list) list.push(k);
      else positions.set(pre[k]!, [k]);
    }
    const D: number[] = [];
    const Dch: number[] = [];
    for (const e of full) {
      const k = positions.get(e)?.pop();
      D.push(e);
      Dch.push(k === undefined ? 1 : preCh[k]!);
    }
    if (!compose) {
      for (let i = 0; i < D.length; i++) {
        cps.push(D[i]!);
        ch.push(Dch[i]!);
      }
      return;
    }
    // 3. Composition, as the crate's recomposition iterator: a char that composes with the last starter
    // (not blocked) is absorbed into it (the starter's change takes its change - 1); others are emitted.
    // The chars between the starter and x are in canonical order and none has class 0 (it would be the starter),
    // so only the last of them can block x: the probe looks at the starter, that last char and x (linear in
    // the run, where probing the whole run was quadratic: 80 KB of marks took 52 s).
    const outCp: number[] = [];
    const outCh: number[] = [];
    let starter = -1;
    for (let k = 0; k < D.length; k++) {
      const x = D[k]!;
      if (starter >= 0) {
        const between = outCp.length - 1 - starter;
        const last = outCp[outCp.length - 1]!;
        const probe = toCodePoints(
          (between > 0
            ? String.fromCodePoint(outCp[starter]!, last, x)
            : String.fromCodePoint(outCp[starter]!, x)
          ).normalize('NFC'),
        );
        if (
          probe.length === (between > 0 ? 2 : 1) &&
          (between === 0 || probe[1] === last) &&
          probe[0] !== outCp[starter]
        ) {
          outCp[starter] = probe[0]!;
          outCh[starter] = outCh[starter]! + Dch[k]! - 1;
          continue;
        }
      }
      outCp.push(x);
      outCh.push(Dch[k]!);
      // A char of class 0 that did not compose is the next starter, as in the crate: spacing marks of class 9 (a
      // virama, U+1734) or 216 (U+1D165) are not starters, nonspacing U+0CC6 of class 0 is one (U+0CCA composes).
      if (hasCombiningClassZero(x)) starter = outCp.length - 1;
    }
    for (let i = 0; i < outCp.length; i++) {
      cps.push(outCp[i]!);
      ch.push(outCh[i]!);
    }
  };
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    const len = c > 0xffff ? 2 : 1;
    if (isUnassignedInNormalization(c)) {
      // New since Unicode 9.0 (Hugging Face's tables): an inert starter, kept as it is. Node would decompose,
      // reorder or compose it (U+11938 is U+11935 U+11930); Hugging Face leaves it and blocks across it.
      flush(s.slice(segStart, i));
      cps.push(c);
      ch.push(0);
      segStart = i + len;
    } else if (i > segStart && !attachesBackward(c)) {
      flush(s.slice(segStart, i));
      segStart = i;
    }
    i += len;
  }
  flush(s.slice(segStart));
  n.transform(cps, ch);
}

/**
 * Whether a (decomposed) char has canonical combining class 0. U+0345 has class 240, the highest but its own:
 * canonical reordering moves any char of class 1–239 in front of it and leaves a class-0 char behind it.
 */
function hasCombiningClassZero(c: number): boolean {
  return c !== 0x345 && String.fromCodePoint(0x345, c).normalize('NFD').codePointAt(0) === 0x345;
}
