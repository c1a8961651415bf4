import { MetricsError } from './errors';

/**
 * Python's `repr(float)`: the shortest round-trip digits (as JavaScript's), but in exponent form below 1e-4 and
 * from 1e16 on, and with `.0` on integral values. Used where scikit-learn prints a float with `str()`.
 * @see https://docs.python.org/3/library/functions.html#repr
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const frac = digits.slice(1);
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${digits[0] ?? ''}${frac ? '.' + frac : ''}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}.${fracPart || '0'}`;
}

/**
 * Python's `format(x, '.{digits}f')`, the one formatter of the project for sacrebleu-style score lines and
 * scikit-learn's reports. It rounds the exact binary value half to even, where `toFixed` rounds an exact tie away
 * from zero (`0.125` → Python `0.12`, `toFixed` `0.13`); it writes `nan`, `inf`, the sign of `-0` (`-0.00`), and
 * every digit of a magnitude from 1e21 on (where `toFixed` switches to exponent form).
 * @throws {MetricsError} `INVALID_OPTION` when `digits` is not an integer in [0, 100].
 * @example pyFormatFixed(0.125, 2) // '0.12'
 * @see https://docs.python.org/3/library/string.html#format-specification-mini-language
 */
export function pyFormatFixed(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 100) {
    throw new MetricsError(
      'INVALID_OPTION',
      `pyFormatFixed: digits must be an integer in [0, 100], got ${String(digits)}`,
    );
  }
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const magnitude = Math.abs(x);
  // Doubles from 1e21 on are integers: their exact digits, then the zero decimals.
  if (magnitude >= 1e21)
    return sign + BigInt(magnitude).toString() + (digits > 0 ? '.' + '0'.repeat(digits) : '');
  const rounded = magnitude.toFixed(digits);
  // toFixed(100) writes the double's exact decimal expansion (every double below 1e21 with a tie at digit
  // `digits + 1` ends within 100 digits); a tie is "5" followed only by zeros.
  const exact = magnitude.toFixed(100);
  const cut = exact.indexOf('.') + 1 + digits;
  if (!/^50*$/.test(exact.slice(cut))) return sign + rounded;
  const truncated = exact.slice(0, digits === 0 ? cut - 1 : cut);
  const lastDigit = Number(truncated[truncated.length - 1]);
  return sign + (lastDigit % 2 === 0 ? truncated : rounded);
}

/** Number of code points, which is what Python's `len()` and format widths count. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Python's `format(s, '>{width}')`: right-aligned, padded by code points. */
export function padStartCodePoints(s: string, width: number): string {
  const len = codePointLength(s);
  return len >= width ? s : ' '.repeat(width - len) + s;
}

/** Orders strings by code point, as numpy sorts unicode arrays (JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) encode code points above U+FFFF, so they sort after U+E000–FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y;
    if (xs) return y >= 0xe000 ? 1 : x - y;
    return x >= 0xe000 ? -1 : x - y;
  }
  return a.length - b.length;
}

/** Python's `str()` of a number that numpy turned into a string (a JSON array mixing numbers and strings). */
export function pyNumberStr(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? String(x) : pyFloatRepr(x);
}
