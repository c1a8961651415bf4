/** Number and date formatting shared by the HTML report and the Markdown summary. */

/** `v` with `digits` decimals, or an em dash for a missing (non-finite) value. */
export function fixed(v: number, digits = 3): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}

/** "mean ± std"; just the mean when std is missing (one seed). */
export function meanStd(mean: number, std: number | null, digits = 3): string {
  return std !== null && Number.isFinite(std)
    ? `${fixed(mean, digits)} ± ${fixed(std, digits)}`
    : fixed(mean, digits);
}

/** "lo–hi" with an en dash. */
export function range(lo: number, hi: number, digits = 3): string {
  return `${fixed(lo, digits)}–${fixed(hi, digits)}`;
}

/** An integer with thousands separators: 1234567 → "1,234,567". */
export function integer(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

/** A duration for people: "42.0 s", "3 min 07 s", "1 h 02 min". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const min = Math.round(s / 60);
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** An ISO timestamp as "2025-03-01 14:05 UTC"; any other string unchanged. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
