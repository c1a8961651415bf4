/**
 * Python's `format(x, '.Nf')`, which sacrebleu uses for its score lines. It rounds the exact binary value half to
 * even, where `toFixed` rounds an exact tie away from zero (`0.125` → Python `0.12`, `toFixed` `0.13`); it writes
 * `nan`, `inf` and the sign of `-0`.
 * @example formatFixed(0.125, 2) // '0.12'
 * @see https://docs.python.org/3/library/string.html#format-specification-mini-language
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const magnitude = Math.abs(x);
  const rounded = magnitude.toFixed(digits);
  if (magnitude >= 1e21) return sign + rounded;
  // toFixed(100) writes the double's exact decimal expansion (every double below 1e21 with a tie at digit
  // `digits + 1` ends within 100 digits); a tie is "5" followed only by zeros.
  const exact = magnitude.toFixed(100);
  const cut = exact.indexOf('.') + 1 + digits;
  if (!/^50*$/.test(exact.slice(cut))) return sign + rounded;
  const truncated = exact.slice(0, digits === 0 ? cut - 1 : cut);
  const lastDigit = Number(truncated[truncated.length - 1]);
  return sign + (lastDigit % 2 === 0 ? truncated : rounded);
}
