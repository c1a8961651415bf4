import { TrainingError } from './errors';
import { writeFileAtomic } from './write-file-atomic';

/** One box of the plot: a label and its per-seed values. */
export interface SpreadGroup {
  label: string;
  values: readonly number[];
}

/** Options of {@link spreadSvg}. */
export interface SpreadSvgOptions {
  /**
   * Title on top.
   * @defaultValue ''
   */
  title?: string;
  /**
   * Y-axis label.
   * @defaultValue 'score'
   */
  yLabel?: string;
  /**
   * Draws a dashed line (e.g. the majority-class baseline) at this value.
   * @defaultValue undefined (none)
   */
  baseline?: number;
  /**
   * Width in pixels.
   * @defaultValue 640
   */
  width?: number;
  /**
   * Height in pixels.
   * @defaultValue 400
   */
  height?: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
/** Text and attribute values both: a label with a quote must not end the `data-label` attribute. */
const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
const f = (n: number) => n.toFixed(1);

/**
 * A box plot (quartiles, whiskers at min/max) with every run drawn as a point beside it: the picture of
 * fine-tuning instability across seeds. Points are jittered deterministically by index.
 * @throws {TrainingError} INVALID_OPTION for no groups, an empty group or a non-finite value.
 */
export function spreadSvg(groups: readonly SpreadGroup[], options: SpreadSvgOptions = {}): string {
  if (groups.length === 0)
    throw new TrainingError('INVALID_OPTION', 'spreadSvg needs at least one group');
  for (const g of groups) {
    if (g.values.length === 0 || g.values.some((v) => !Number.isFinite(v))) {
      throw new TrainingError('INVALID_OPTION', `group '${g.label}' needs finite values`);
    }
  }
  const W = options.width ?? 640;
  const H = options.height ?? 400;
  const m = { l: 60, r: 20, t: 40, b: 50 };
  const all = groups
    .flatMap((g) => g.values)
    .concat(options.baseline !== undefined ? [options.baseline] : []);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const y = (v: number) => m.t + ((hi - v) / (hi - lo)) * (H - m.t - m.b);
  const slot = (W - m.l - m.r) / groups.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(options.title ?? '')}</text>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="black"/>`,
    `<text transform="translate(16 ${(H - m.b + m.t) / 2}) rotate(-90)" text-anchor="middle">${esc(options.yLabel ?? 'score')}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = lo + ((hi - lo) * i) / 5;
    parts.push(
      `<line x1="${m.l - 4}" y1="${f(y(v))}" x2="${m.l}" y2="${f(y(v))}" stroke="black"/><text x="${m.l - 6}" y="${f(y(v) + 4)}" text-anchor="end">${v.toFixed(3)}</text>`,
    );
  }
  if (options.baseline !== undefined) {
    parts.push(
      `<line x1="${m.l}" y1="${f(y(options.baseline))}" x2="${W - m.r}" y2="${f(y(options.baseline))}" stroke="#c00" stroke-dasharray="5 4"/><text x="${W - m.r}" y="${f(y(options.baseline) - 4)}" text-anchor="end" fill="#c00">baseline ${options.baseline.toFixed(3)}</text>`,
    );
  }
  groups.forEach((g, i) => {
    const cx = m.l + slot * (i + 0.5);
    const s = [...g.values].sort((a, b) => a - b);
    const [q1, med, q3] = [quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75)];
    const bw = Math.min(60, slot * 0.35);
    const bx = cx - bw - 4;
    parts.push(
      `<g class="box" data-label="${esc(g.label)}">`,
      `<line x1="${f(bx + bw / 2)}" y1="${f(y(s[0]!))}" x2="${f(bx + bw / 2)}" y2="${f(y(s.at(-1)!))}" stroke="#333"/>`,
      `<rect x="${f(bx)}" y="${f(y(q3))}" width="${f(bw)}" height="${f(Math.max(1, y(q1) - y(q3)))}" fill="#9ecae1" stroke="#333"/>`,
      `<line x1="${f(bx)}" y1="${f(y(med))}" x2="${f(bx + bw)}" y2="${f(y(med))}" stroke="#08306b" stroke-width="2"/>`,
    );
    g.values.forEach((v, j) => {
      const jitter = ((j * 0.618034) % 1) * bw * 0.8;
      parts.push(
        `<circle cx="${f(cx + 6 + jitter)}" cy="${f(y(v))}" r="3.5" fill="#e6550d" fill-opacity="0.8"><title>${v}</title></circle>`,
      );
    });
    parts.push(
      `</g><text x="${f(cx)}" y="${H - m.b + 20}" text-anchor="middle">${esc(g.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Writes {@link spreadSvg} to `path` atomically (temp file + rename). */
export function writeSpreadSvg(
  path: string,
  groups: readonly SpreadGroup[],
  options: SpreadSvgOptions = {},
): void {
  writeFileAtomic(path, spreadSvg(groups, options));
}
