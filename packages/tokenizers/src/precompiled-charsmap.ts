import { TokenizerError } from './errors';

/**
 * SentencePiece's `precompiled_charsmap`: a little-endian u32 trie size, a Darts-clone double-array trie of
 * UTF-8 keys, then NUL-terminated replacement strings. `transform` returns the replacement for the
 * SHORTEST key that prefixes the chunk, as `spm_precompiled` does.
 * @see https://github.com/google/sentencepiece/blob/master/src/normalizer.cc
 */
export class PrecompiledCharsmap {
  private readonly array: Uint32Array;
  private readonly normalized: Uint8Array;
  // A replacement that starts with U+FEFF keeps it (the default decoder drops a leading BOM).
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly encoder = new TextEncoder();
  private readonly memo = new Map<string, string | null>();

  constructor(base64: string, path: string) {
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(base64);
    } catch (cause) {
      throw new TokenizerError('INVALID_FIELD', `${path}: not valid base64`, { cause });
    }
    if (bytes.length < 4)
      throw new TokenizerError('INVALID_FIELD', `${path}: too short (${bytes.length} bytes)`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const trieSize = view.getUint32(0, true);
    if (trieSize % 4 !== 0 || 4 + trieSize > bytes.length) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `${path}: trie size ${trieSize} does not fit in ${bytes.length} bytes`,
      );
    }
    const n = trieSize / 4;
    this.array = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.array[i] = view.getUint32(4 + 4 * i, true);
    this.normalized = bytes.subarray(4 + trieSize);
  }

  private asciiStable: Uint8Array | null = null;

  /** Whether no printable ASCII char of `s` is rewritten (so a printable-ASCII string is left as is). */
  asciiUnchanged(s: string): boolean {
    let t = this.asciiStable;
    if (t === null) {
      t = new Uint8Array(128);
      for (let c = 0x20; c < 0x7f; c++)
        t[c] = this.transform(String.fromCharCode(c)) === null ? 1 : 0;
      this.asciiStable = t;
    }
    for (let i = 0; i < s.length; i++) if (t[s.charCodeAt(i)] !== 1) return false;
    return true;
  }

  /** The replacement of `chunk`, or null when no key prefixes it. Memoised. */
  transform(chunk: string): string | null {
    const m = this.memo.get(chunk);
    if (m !== undefined) return m;
    const r = this.lookup(chunk);
    if (this.memo.size < 50_000) this.memo.set(chunk, r);
    return r;
  }

  private lookup(chunk: string): string | null {
    const key = this.encoder.encode(chunk);
    const a = this.array;
    if (a.length === 0) return null;
    let pos = 0;
    let unit = a[0]!;
    pos ^= offsetOf(unit);
    for (let i = 0; i < key.length; i++) {
      const c = key[i]!;
      if (c === 0) break;
      pos ^= c;
      if (pos >= a.length) return null;
      unit = a[pos]!;
      if ((unit & 0x800000ff) >>> 0 !== c) return null;
      pos ^= offsetOf(unit);
      if ((unit >>> 8) & 1) {
        if (pos >= a.length) return null;
        const value = a[pos]! & 0x7fffffff;
        return this.stringAt(value);
      }
    }
    return null;
  }

  private stringAt(index: number): string | null {
    const nb = this.normalized;
    if (index > nb.length) return null;
    let end = index;
    while (end < nb.length && nb[end] !== 0) end++;
    return this.decoder.decode(nb.subarray(index, end));
  }
}

function offsetOf(unit: number): number {
  return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
}

const BASE64 = ((): Int8Array => {
  const t = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
})();

/**
 * Standard base64 (`=` padding optional), decoded by table: `atob` plus a byte copy took longer than
 * the rest of loading a SentencePiece tokenizer. Leftover bits of a partial group are dropped, as `atob`
 * drops them.
 */
export function decodeBase64(s: string): Uint8Array {
  let n = s.length;
  if (n % 4 === 0 && s.charCodeAt(n - 1) === 0x3d) n -= s.charCodeAt(n - 2) === 0x3d ? 2 : 1;
  if (n % 4 === 1) throw new Error('invalid base64 length');
  const out = new Uint8Array((n * 3) >> 2);
  let w = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? BASE64[c]! : -1;
    if (v < 0) throw new Error(`invalid base64 character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[w++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
