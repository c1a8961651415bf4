import type { NormalizedString } from '../normalized-string';
import { BYTE_CODES, asciiToByteLevel, isAscii, unitsToString } from '../byte-level-alphabet';
import { cpLen } from '../unicode';
import { utf8Bytes } from '../utf8';

/** Maps every char to its UTF-8 bytes as GPT-2 byte chars; extra bytes are insertions. */
export function byteLevel(n: NormalizedString): void {
  const s = n.text;
  if (isAscii(s)) {
    n.text = asciiToByteLevel(s);
    return;
  }
  // At most 3 bytes per UTF-16 unit (4 per surrogate pair).
  const out = new Uint16Array(3 * s.length);
  const align = new Int32Array(6 * s.length);
  let w = 0;
  for (let i = 0; i < s.length;) {
    const L = cpLen(s, i);
    const st = n.startAt(i);
    const en = n.endAt(i + L - 1);
    const c = s.charCodeAt(i);
    const bytes = c < 0x80 ? null : utf8Bytes(s.slice(i, i + L));
    for (let k = 0; k < (bytes === null ? 1 : bytes.length); k++) {
      out[w] = BYTE_CODES[bytes === null ? c : bytes[k]!]!;
      align[2 * w] = st;
      align[2 * w + 1] = en;
      w++;
    }
    i += L;
  }
  n.text = unitsToString(out, w);
  n.alignment = align.subarray(0, 2 * w);
  n.identityOffset = 0;
  n.lead = 0;
}
