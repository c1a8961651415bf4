import { TokenizerError } from './errors';
import type { Encoding, Offset } from './types';

/**
 * The mutable encoding the pipeline builds (offsets flat), with Hugging Face's `Encoding` operations:
 * `merge_with`, `truncate`, `pad`.
 * @internal
 */
export class RawEncoding {
  ids: number[] = [];
  typeIds: number[] = [];
  tokens: string[] = [];
  /** Flat `[start, end, start, end, …]`. */
  offsets: number[] = [];
  words: (number | null)[] = [];
  seq: (number | null)[] = [];
  special: number[] = [];
  attention: number[] = [];
  overflowing: RawEncoding[] = [];

  get length(): number {
    return this.ids.length;
  }

  clone(): RawEncoding {
    const e = new RawEncoding();
    e.ids = this.ids.slice();
    e.typeIds = this.typeIds.slice();
    e.tokens = this.tokens.slice();
    e.offsets = this.offsets.slice();
    e.words = this.words.slice();
    e.seq = this.seq.slice();
    e.special = this.special.slice();
    e.attention = this.attention.slice();
    e.overflowing = this.overflowing.map((o) => o.clone());
    return e;
  }

  /** A `[start, end)` window, without overflow. */
  window(start: number, stop: number): RawEncoding {
    const e = new RawEncoding();
    e.ids = this.ids.slice(start, stop);
    e.typeIds = this.typeIds.slice(start, stop);
    e.tokens = this.tokens.slice(start, stop);
    e.offsets = this.offsets.slice(2 * start, 2 * stop);
    e.words = this.words.slice(start, stop);
    e.seq = this.seq.slice(start, stop);
    e.special = this.special.slice(start, stop);
    e.attention = this.attention.slice(start, stop);
    return e;
  }

  /** The encodings one after the other, for parts without overflow (`merge_with` folded, one copy). */
  static concat(parts: readonly RawEncoding[]): RawEncoding {
    const e = new RawEncoding();
    for (const p of parts) e.append(p);
    return e;
  }

  /** Appends the tokens of `o` (not its overflow). */
  private append(o: RawEncoding): void {
    push(this.ids, o.ids);
    push(this.typeIds, o.typeIds);
    push(this.tokens, o.tokens);
    push(this.offsets, o.offsets);
    push(this.words, o.words);
    push(this.seq, o.seq);
    push(this.special, o.special);
    push(this.attention, o.attention);
  }

  /** Hugging Face's `Encoding::merge_with` (offsets not shifted): overflows combine pairwise. */
  mergeWith(pair: RawEncoding): void {
    const overflowings: RawEncoding[] = [];
    for (const so of this.overflowing) {
      const a = so.clone();
      a.mergeWith(pair.clone());
      overflowings.push(a);
      for (const po of pair.overflowing) {
        const b = so.clone();
        b.mergeWith(po.clone());
        overflowings.push(b);
      }
    }
    for (const po of pair.overflowing) {
      const c = this.clone();
      c.mergeWith(po.clone());
      overflowings.push(c);
    }
    this.append(pair);
    this.overflowing = overflowings;
  }

  /** Hugging Face's `Encoding::truncate`: keep `maxLen`, the rest become overflowing windows. */
  truncate(maxLen: number, stride: number, direction: 'left' | 'right'): void {
    const len = this.length;
    if (maxLen >= len) return;
    if (maxLen > 0 && stride >= maxLen) {
      // Each overflowing window advances by maxLen - stride tokens: with no advance it would never end.
      // Hugging Face panics here (and aborts the Node process); we refuse with a typed error.
      throw new TokenizerError(
        'INVALID_OPTION',
        `encode: truncation stride ${stride} must be smaller than the ${maxLen} tokens this sequence is cut to (max_length less the special tokens and the other sequence of the pair)`,
      );
    }
    if (maxLen === 0) {
      const o = this.window(0, len);
      o.overflowing = this.overflowing;
      this.assign(new RawEncoding());
      this.overflowing = [o];
      return;
    }
    const offset = maxLen - stride;
    const parts: [number, number][] = [];
    if (direction === 'right') {
      for (let start = 0; start < len; start += offset) {
        const stop = Math.min(start + maxLen, len);
        parts.push([start, stop]);
        if (stop === len) break;
      }
    } else {
      for (let s = len - 1; s >= 0; s -= offset) {
        const stop = s + 1;
        const start = Math.max(0, stop - maxLen);
        if (start < stop) parts.push([start, stop]);
        if (start === 0) break;
      }
    }
    const [s0, e0] = parts[0]!;
    const main = this.window(s0, e0);
    for (let i = 1; i < parts.length; i++)
      main.overflowing.push(this.window(parts[i]![0], parts[i]![1]));
    this.assign(main);
  }

  private assign(o: RawEncoding): void {
    this.ids = o.ids;
    this.typeIds = o.typeIds;
    this.tokens = o.tokens;
    this.offsets = o.offsets;
    this.words = o.words;
    this.seq = o.seq;
    this.special = o.special;
    this.attention = o.attention;
    this.overflowing = o.overflowing;
  }

  /** Hugging Face's `Encoding::pad` (overflows first). */
  pad(
    target: number,
    padId: number,
    padTypeId: number,
    padToken: string,
    direction: 'left' | 'right',
  ): void {
    for (const o of this.overflowing) o.pad(target, padId, padTypeId, padToken, direction);
    const n = target - this.length;
    if (n <= 0) return;
    const f = <T>(arr: T[], v: T): T[] => {
      const pad = new Array<T>(n).fill(v);
      return direction === 'left' ? pad.concat(arr) : arr.concat(pad);
    };
    this.ids = f(this.ids, padId);
    this.typeIds = f(this.typeIds, padTypeId);
    this.tokens = f(this.tokens, padToken);
    const po = new Array<number>(2 * n).fill(0);
    this.offsets = direction === 'left' ? po.concat(this.offsets) : this.offsets.concat(po);
    this.words = f<number | null>(this.words, null);
    this.seq = f<number | null>(this.seq, null);
    this.special = f(this.special, 1);
    this.attention = f(this.attention, 0);
  }
}

function push<T>(a: T[], b: readonly T[]): void {
  for (let i = 0; i < b.length; i++) a.push(b[i]!);
}

/** The public {@link Encoding} of a finished raw encoding (offsets as pairs; the arrays are shared). */
export function toEncoding(e: RawEncoding): Encoding {
  const n = e.ids.length;
  const offsets: Offset[] = new Array<Offset>(n);
  const o = e.offsets;
  for (let i = 0; i < n; i++) offsets[i] = [o[2 * i]!, o[2 * i + 1]!];
  return {
    ids: e.ids,
    typeIds: e.typeIds,
    tokens: e.tokens,
    offsets,
    attentionMask: e.attention,
    specialTokensMask: e.special,
    wordIds: e.words,
    sequenceIds: e.seq,
    overflowing: e.overflowing.map(toEncoding),
  };
}
