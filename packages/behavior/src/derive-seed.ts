/**
 * Internal: a 32-bit seed from the suite seed and the parts naming one perturbed variant (test name, text index,
 * sample index), by FNV-1a over their text. Each variant gets its own stream, so results do not depend on test
 * order or batch size.
 */
export function deriveSeed(seed: number, ...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  const text = [seed >>> 0, ...parts].join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
