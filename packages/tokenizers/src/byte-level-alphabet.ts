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

/** Code unit of each byte's char. */
export const BYTE_CODES: Uint16Array = Uint16Array.from(BYTE_TO_CHAR, (c) => c.charCodeAt(0));
const ASCII_IDENTITY = /^[!-~]*$/;
const SPACE_LED_ASCII = /^ [!-~]*$/;
const CHUNK = 1024;
let units = new Uint16Array(CHUNK);

/**
 * The string of the first `n` units of `buf`, in chunks (`fromCharCode` takes them as arguments).
 * Concatenating char by char instead made a chain of cons strings that every later hash (the BPE word
 * cache) had to flatten.
 */
export function unitsToString(buf: Uint16Array, n: number): string {
  if (n <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  const parts: string[] = [];
  for (let at = 0; at < n; at += CHUNK) {
    const end = Math.min(n, at + CHUNK);
    parts.push(String.fromCharCode.apply(null, buf.subarray(at, end) as unknown as number[]));
  }
  return parts.join('');
}

/** Byte-level form of an ASCII string. */
export function asciiToByteLevel(s: string): string {
  if (ASCII_IDENTITY.test(s)) return s;
  // Most pre-tokenized words are a space and printable ASCII (" world"): only the space changes, to 'Ġ'.
  if (SPACE_LED_ASCII.test(s)) return '\u0120' + s.slice(1);
  const n = s.length;
  if (units.length < n) units = new Uint16Array(2 * n);
  for (let i = 0; i < n; i++) units[i] = BYTE_CODES[s.charCodeAt(i)]!;
  return unitsToString(units, n);
}
