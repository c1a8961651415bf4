/**
 * GPT-2's reversible byte-to-character table: printable Latin-1 bytes map to themselves, the other bytes to
 * U+0100 onward, so every byte string becomes visible text.
 * @see https://github.com/openai/gpt-2/blob/master/src/encoder.py (bytes_to_unicode)
 */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const bs: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const table: string[] = new Array<string>(256);
  for (const b of bs) table[b] = String.fromCharCode(b);
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (table[b] === undefined) table[b] = String.fromCharCode(256 + n++);
  }
  return table;
})();

/** Inverse of {@link BYTE_TO_CHAR}: char code → byte, -1 when not a byte char. */
export const CHAR_TO_BYTE: Int16Array = (() => {
  const t = new Int16Array(512).fill(-1);
  for (let b = 0; b < 256; b++) t[BYTE_TO_CHAR[b]!.charCodeAt(0)] = b;
  return t;
})();

/** Is every unit of `s` ASCII (so the byte-level mapping is one unit to one unit)? */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

const ASCII_TABLE: readonly string[] = BYTE_TO_CHAR.slice(0, 128);
const ASCII_IDENTITY = /^[!-~]*$/;

/** Byte-level form of an ASCII string. */
export function asciiToByteLevel(s: string): string {
  if (ASCII_IDENTITY.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) out += ASCII_TABLE[s.charCodeAt(i)]!;
  return out;
}
