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
 * Python's `format(x, '.{digits}f')`: correctly rounded, with exact binary ties rounded half to even
 * (0.125 → '0.12'), where `toFixed` rounds them up.
 */
export function pyFormatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const rounded = x.toFixed(digits);
  // A double that is an exact tie at `digits` has exactly digits + 1 decimals, so 30 more digits
  // (exact in toFixed) show whether the tail is "5000…".
  const long = Math.abs(x).toFixed(Math.min(100, digits + 30));
  const point = long.indexOf('.');
  const tail = long.slice(point + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  const kept = long.slice(0, digits > 0 ? point + 1 + digits : point);
  const lastDigit = Number(kept[kept.length - 1]);
  if (lastDigit % 2 === 1) return rounded;
  return (x < 0 ? '-' : '') + kept;
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
