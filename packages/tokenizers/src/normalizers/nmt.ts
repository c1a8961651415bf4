import type { NormalizedString } from '../normalized-string';
import { filterChars, mapSameShape } from './char-filters';

/** SentencePiece's NMT normalization: drop control chars, map odd spaces to U+0020. */
export function nmt(n: NormalizedString): void {
  filterChars(
    n,
    (c) =>
      !(
        (c >= 0x0001 && c <= 0x0008) ||
        c === 0x000b ||
        (c >= 0x000e && c <= 0x001f) ||
        c === 0x007f ||
        c === 0x008f ||
        c === 0x009f
      ),
  );
  mapSameShape(n, (c) =>
    c === 0x0009 ||
    c === 0x000a ||
    c === 0x000c ||
    c === 0x000d ||
    c === 0x1680 ||
    (c >= 0x200b && c <= 0x200f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x2581 ||
    c === 0xfeff ||
    c === 0xfffd
      ? 0x20
      : c,
  );
}
