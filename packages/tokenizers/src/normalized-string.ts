import { cpLen } from './unicode';

/**
 * A piece of the caller's text after normalization, with the alignment Hugging Face keeps: every UTF-16
 * unit of `text` knows the range of the original text it came from. `alignment === null` means the
 * identity alignment starting at `identityOffset` (the common case, kept allocation-free).
 * @internal
 */
export class NormalizedString {
  /** The normalized text. */
  text: string;
  /** Flat `[start, end, start, end, …]`: the original range of each unit of `text`; null for the identity. */
  alignment: Int32Array | null;
  /** With the identity alignment: the original offset of unit `lead` (the first char not inserted). */
  identityOffset: number;
  /** Original offset where this slice starts: what an insertion at position 0 aligns to. */
  base: number;
  /**
   * With the identity alignment: how many units were inserted before the first char (a prepended '▁'
   * or space); they align with that char, `[identityOffset, leadEnd)`, and unit `i ≥ lead` with
   * `identityOffset + i - lead`.
   * Spares an alignment array per word for Metaspace and ByteLevel's prefix space.
   */
  lead = 0;
  leadEnd = 0;

  constructor(text: string, alignment: Int32Array | null, identityOffset: number, base: number) {
    this.text = text;
    this.alignment = alignment;
    this.identityOffset = identityOffset;
    this.base = base;
  }

  /** Original start of unit `i`. */
  startAt(i: number): number {
    const a = this.alignment;
    if (a !== null) return a[2 * i]!;
    const k = i - this.lead;
    return k < 0 ? this.identityOffset : this.identityOffset + k;
  }

  /** Original end of unit `i`. */
  endAt(i: number): number {
    const a = this.alignment;
    if (a !== null) return a[2 * i + 1]!;
    const k = i - this.lead;
    return k < 0 ? this.leadEnd : this.identityOffset + k + 1;
  }

  /** Inserts `p` at the start, aligned with the first char (Hugging Face's `prepend`), without an array. */
  prependIdentity(p: string): void {
    if (this.lead === 0) this.leadEnd = this.identityOffset + cpLen(this.text, 0);
    this.lead += p.length;
    this.text = p + this.text;
  }

  /** The sub-string `[start, end)` (units), keeping alignments. */
  slice(start: number, end: number): NormalizedString {
    let a = this.alignment;
    if (a === null && start < this.lead) a = this.fullAlign();
    // The whole string: the same alignment array, not a view of it.
    if (start === 0 && end === this.text.length && a !== null && a.length === 2 * end)
      return new NormalizedString(this.text, a, 0, a[0]!);
    if (a === null) {
      const off = this.identityOffset + start - this.lead;
      return new NormalizedString(this.text.slice(start, end), null, off, off);
    }
    return new NormalizedString(
      this.text.slice(start, end),
      a.subarray(2 * start, 2 * end),
      0,
      a[2 * start]!,
    );
  }

  /** Replace the whole text by `s` when it maps one unit to one unit (lowercase of most scripts). */
  replaceSameShape(s: string): void {
    this.text = s;
  }

  /** Materialise the alignment array. */
  private fullAlign(): Int32Array {
    let a = this.alignment;
    if (a === null) {
      const n = this.text.length;
      a = new Int32Array(2 * n);
      for (let i = 0; i < n; i++) {
        a[2 * i] = this.startAt(i);
        a[2 * i + 1] = this.endAt(i);
      }
    }
    return a;
  }

  /**
   * Hugging Face's `NormalizedString::transform`: `cps[j]` is an output code point, `changes[j]` is 0 when it
   * replaces the next original char, 1 when it is inserted (aligned with the previous char), `-n` when it
   * replaces one char and removes the `n` following. `initialOffset` chars are dropped first.
   */
  transform(cps: ArrayLike<number>, changes: ArrayLike<number>, initialOffset = 0): void {
    const old = this.text;
    const oldLen = old.length;
    const oa = this.fullAlign();
    let pos = 0;
    for (let k = 0; k < initialOffset && pos < oldLen; k++) pos += cpLen(old, pos);
    const n = cps.length;
    let units = 0;
    for (let j = 0; j < n; j++) units += cps[j]! > 0xffff ? 2 : 1;
    const na = new Int32Array(2 * units);
    const parts: string[] = [];
    let w = 0;
    for (let j = 0; j < n; j++) {
      const c = cps[j]!;
      const ch = changes[j]!;
      let st: number;
      let en: number;
      if (ch > 0) {
        if (pos < 1) {
          st = this.base;
          en = this.base;
        } else {
          // Inserted: shares the alignment of the previous original char.
          let p = pos - 1;
          const lo = old.charCodeAt(p);
          if (lo >= 0xdc00 && lo <= 0xdfff && p > 0) {
            const hi = old.charCodeAt(p - 1);
            if (hi >= 0xd800 && hi <= 0xdbff) p--;
          }
          st = oa[2 * p]!;
          en = oa[2 * (pos - 1) + 1]!;
        }
      } else if (pos < oldLen) {
        const L = cpLen(old, pos);
        st = oa[2 * pos]!;
        en = oa[2 * (pos + L - 1) + 1]!;
        pos += L;
        for (let r = 0; r < -ch && pos < oldLen; r++) pos += cpLen(old, pos);
      } else {
        // More replacements than original chars: Hugging Face would panic; align at the end.
        st = oldLen > 0 ? oa[2 * oldLen - 1]! : this.base;
        en = st;
      }
      na[w++] = st;
      na[w++] = en;
      if (c > 0xffff) {
        na[w++] = st;
        na[w++] = en;
      }
      parts.push(String.fromCodePoint(c));
    }
    this.text = parts.join('');
    this.alignment = na;
    this.identityOffset = 0;
    this.lead = 0;
  }
}

/** Code points of a string (lone surrogates kept as themselves). */
export function toCodePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    out.push(c);
    i += c > 0xffff ? 2 : 1;
  }
  return out;
}
