import { TokenizerError } from './errors';
import { IntPairTable } from './int-pair-table';
import type { MergeRanges } from './json-scan';
import { HASH_SEED, hashRange } from './vocab-table';
import type { VocabTable } from './vocab-table';

/** BPE merges resolved to ids: `(left, right) → rank` and the id each rank produces. @internal */
export interface MergeTable {
  ranks: IntPairTable;
  mergedIds: Int32Array;
}

/**
 * The merges of a `tokenizer.json` list (`"left right"` strings or `[left, right]` pairs) as ranges of
 * one string, so that a list and a scanned file resolve through the same code.
 * @throws {TokenizerError} `INVALID_FIELD` for a string without exactly one space; the merges before it
 *   are returned with `badRank` so their own errors are reported first, in file order.
 */
export function mergeRangesFromList(list: ReadonlyArray<readonly [string, string] | string>): {
  merges: MergeRanges;
  badRank: number;
} {
  const parts: string[] = [];
  const ranges = new Int32Array(4 * list.length);
  let len = 0;
  const add = (s: string): void => {
    parts.push(s);
    len += s.length;
  };
  let rank = 0;
  for (; rank < list.length; rank++) {
    const m = list[rank]!;
    let a: string;
    let b: string;
    if (typeof m === 'string') {
      const sp = m.indexOf(' ');
      if (sp < 0 || m.indexOf(' ', sp + 1) >= 0) break;
      a = m.slice(0, sp);
      b = m.slice(sp + 1);
    } else {
      a = m[0];
      b = m[1];
    }
    ranges[4 * rank] = len;
    add(a);
    ranges[4 * rank + 1] = len;
    ranges[4 * rank + 2] = len;
    add(b);
    ranges[4 * rank + 3] = len;
  }
  const text = parts.join('');
  return {
    merges: { text, extra: '', ranges: ranges.subarray(0, 4 * rank), count: rank },
    badRank: rank < list.length ? rank : -1,
  };
}

/**
 * Resolves merges to ids, as Hugging Face's `BPE` builder does: each side must be a token, and so must
 * their concatenation (the right side losing the continuing-subword prefix). A repeated pair keeps its
 * first rank.
 * @throws {TokenizerError} `INVALID_FIELD` naming the first merge whose token is not in the vocabulary.
 */
export function resolveMerges(vocab: VocabTable, m: MergeRanges, prefix: string): MergeTable {
  const ranks = new IntPairTable(m.count);
  const mergedIds = new Int32Array(m.count);
  const r4 = m.ranges;
  const plen = prefix.length;
  for (let rank = 0; rank < m.count; rank++) {
    let a0 = r4[4 * rank]!;
    let a1 = r4[4 * rank + 1]!;
    let b0 = r4[4 * rank + 2]!;
    let b1 = r4[4 * rank + 3]!;
    const pa = a0 >= 0 ? m.text : m.extra;
    const pb = b0 >= 0 ? m.text : m.extra;
    if (a0 < 0) [a0, a1] = [~a0, ~a1];
    if (b0 < 0) [b0, b1] = [~b0, ~b1];
    const ha = hashRange(pa, a0, a1, HASH_SEED);
    const ia = vocab.find(ha, '', 0, 0, pa, a0, a1);
    const ib = ia < 0 ? -1 : vocab.find(hashRange(pb, b0, b1, HASH_SEED), '', 0, 0, pb, b0, b1);
    if (ia < 0 || ib < 0) {
      const missing = ia < 0 ? pa.slice(a0, a1) : pb.slice(b0, b1);
      throw new TokenizerError(
        'INVALID_FIELD',
        `model.merges[${rank}]: token ${JSON.stringify(missing)} is not in model.vocab`,
      );
    }
    let c0 = b0;
    if (plen > 0 && b1 - b0 >= plen && pb.startsWith(prefix, b0)) c0 = b0 + plen;
    const im = vocab.find(hashRange(pb, c0, b1, ha), pa, a0, a1, pb, c0, b1);
    if (im < 0) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `model.merges[${rank}]: the merged token ${JSON.stringify(pa.slice(a0, a1) + pb.slice(c0, b1))} is not in model.vocab`,
      );
    }
    mergedIds[rank] = im;
    ranks.setIfAbsent(ia, ib, rank);
  }
  return { ranks, mergedIds };
}

/**
 * Whether some merge's right side starts with the char `c` while its left side holds another char: when
 * none does, no merge ever joins across a position where `c` follows another char.
 */
export function mergesJoinBefore(m: MergeRanges, c: number): boolean {
  const r4 = m.ranges;
  for (let rank = 0; rank < m.count; rank++) {
    const b0 = r4[4 * rank + 2]!;
    const b1 = r4[4 * rank + 3]!;
    const pb = b0 >= 0 ? m.text : m.extra;
    const sb = b0 >= 0 ? b0 : ~b0;
    if (sb === (b0 >= 0 ? b1 : ~b1) || pb.charCodeAt(sb) !== c) continue;
    const a0 = r4[4 * rank]!;
    const a1 = r4[4 * rank + 1]!;
    const pa = a0 >= 0 ? m.text : m.extra;
    const [sa, ea] = a0 >= 0 ? [a0, a1] : [~a0, ~a1];
    for (let i = sa; i < ea; i++) if (pa.charCodeAt(i) !== c) return true;
  }
  return false;
}
