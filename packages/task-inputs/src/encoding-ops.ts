// Internal: the Encoding operations of Hugging Face tokenizers (truncate into windows, merge with the overflow
// cross-product, pad recursively), re-derived from its documented behaviour so formatted inputs match it exactly.
import type { Encoding, Offset, Side } from './types';

/** An encoding being built; the public `Encoding` with writable fields. */
export interface WorkEncoding {
  ids: number[];
  typeIds: number[];
  attentionMask: number[];
  specialTokensMask: number[];
  offsets: Offset[];
  sequenceIds: (number | null)[];
  overflowing: WorkEncoding[];
}

export function emptyEncoding(): WorkEncoding {
  return {
    ids: [],
    typeIds: [],
    attentionMask: [],
    specialTokensMask: [],
    offsets: [],
    sequenceIds: [],
    overflowing: [],
  };
}

function slice(e: WorkEncoding, start: number, stop: number): WorkEncoding {
  return {
    ids: e.ids.slice(start, stop),
    typeIds: e.typeIds.slice(start, stop),
    attentionMask: e.attentionMask.slice(start, stop),
    specialTokensMask: e.specialTokensMask.slice(start, stop),
    offsets: e.offsets.slice(start, stop),
    sequenceIds: e.sequenceIds.slice(start, stop),
    overflowing: [],
  };
}

export function cloneEncoding(e: WorkEncoding): WorkEncoding {
  return { ...slice(e, 0, e.ids.length), overflowing: e.overflowing.map(cloneEncoding) };
}

/**
 * Windows `[start, stop)` of length `maxLen` stepping by `maxLen - stride`; the first is kept, the rest overflow.
 * Cutting on the left walks from the end, so the kept window is the last tokens.
 */
export function windowRanges(
  length: number,
  maxLen: number,
  stride: number,
  side: Side,
): [number, number][] {
  const step = maxLen - stride;
  const ranges: [number, number][] = [];
  if (side === 'right') {
    for (let start = 0; start < length; start += step) {
      const stop = Math.min(start + maxLen, length);
      ranges.push([start, stop]);
      if (stop === length) break;
    }
  } else {
    for (let last = length - 1; last >= 0; last -= step) {
      const stop = last + 1;
      const start = Math.max(0, stop - maxLen);
      ranges.push([start, stop]);
      if (start === 0) break;
    }
  }
  return ranges;
}

/** Cuts `e` to `maxLen` tokens in place; the cut-off windows (overlapping by `stride`) go to `overflowing`. */
export function truncateEncoding(
  e: WorkEncoding,
  maxLen: number,
  stride: number,
  side: Side,
): void {
  const length = e.ids.length;
  if (maxLen >= length) return;
  if (maxLen === 0) {
    // HF moves the whole encoding into `overflowing` and keeps nothing.
    const whole = { ...e, overflowing: e.overflowing };
    Object.assign(e, emptyEncoding(), { overflowing: [whole] });
    return;
  }
  const [first, ...rest] = windowRanges(length, maxLen, stride, side);
  const kept = slice(e, first![0], first![1]);
  kept.overflowing = rest.map(([a, b]) => slice(e, a, b));
  Object.assign(e, kept);
}

function append(e: WorkEncoding, other: WorkEncoding): void {
  for (let i = 0; i < other.ids.length; i++) {
    e.ids.push(other.ids[i]!);
    e.typeIds.push(other.typeIds[i]!);
    e.attentionMask.push(other.attentionMask[i]!);
    e.specialTokensMask.push(other.specialTokensMask[i]!);
    e.offsets.push(other.offsets[i]!);
    e.sequenceIds.push(other.sequenceIds[i]!);
  }
}

/**
 * Appends `pair` to `e` in place. Overflowing windows combine as in HF's `Encoding::merge_with`: each of our windows
 * with the pair (and with each pair window), then ourselves with each pair window.
 */
export function mergeEncoding(e: WorkEncoding, pair: WorkEncoding): void {
  if (e.overflowing.length === 0 && pair.overflowing.length === 0) {
    append(e, pair);
    return;
  }
  const overflowing: WorkEncoding[] = [];
  for (const mine of e.overflowing) {
    const withPair = cloneEncoding(mine);
    mergeEncoding(withPair, cloneEncoding(pair));
    overflowing.push(withPair);
    for (const theirs of pair.overflowing) {
      const both = cloneEncoding(mine);
      mergeEncoding(both, cloneEncoding(theirs));
      overflowing.push(both);
    }
  }
  for (const theirs of pair.overflowing) {
    const withMe = cloneEncoding(e);
    mergeEncoding(withMe, cloneEncoding(theirs));
    overflowing.push(withMe);
  }
  append(e, pair);
  e.overflowing = overflowing;
}

/** Pads `e` (and, first, every overflowing window) to `length` on `side`; longer encodings are left as they are. */
export function padEncoding(
  e: WorkEncoding,
  length: number,
  padId: number,
  padTypeId: number,
  side: Side,
): void {
  for (const o of e.overflowing) padEncoding(o, length, padId, padTypeId, side);
  const n = length - e.ids.length;
  if (n <= 0) return;
  // In place and without spreading: push(...pad) overflows the call stack for long pads (~100k).
  const fill = <T>(arr: T[], v: T): void => {
    const old = arr.length;
    arr.length = old + n;
    if (side === 'right') arr.fill(v, old);
    else {
      arr.copyWithin(n, 0, old);
      arr.fill(v, 0, n);
    }
  };
  fill(e.ids, padId);
  fill(e.typeIds, padTypeId);
  fill(e.attentionMask, 0);
  fill(e.specialTokensMask, 1);
  fill<Offset>(e.offsets, [0, 0]);
  fill<number | null>(e.sequenceIds, null);
}

/** The public view: the same object, typed read-only at the top level. */
export function toEncoding(e: WorkEncoding): Encoding {
  return e;
}
