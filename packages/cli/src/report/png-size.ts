const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Width and height of a PNG from its IHDR chunk (always first: bytes 8–15 hold its length and type, 16–23
 * the big-endian width and height). Undefined when `bytes` is not a PNG.
 * @see https://www.w3.org/TR/png/#11IHDR
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
