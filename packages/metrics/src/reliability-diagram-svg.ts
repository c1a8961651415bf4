import { MetricsError } from './errors';
import { describeType } from './input-checks';
import { isArray } from './labels';
import { checkOptionKeys } from './option-keys';
import type { ReliabilityBin, ReliabilityDiagram } from './reliability-diagram';

export interface ReliabilityDiagramSvgOptions {
  /** Title on top. @defaultValue 'Reliability diagram' */
  title?: string;
  /** Width in pixels. @defaultValue 480 */
  width?: number;
  /** Height in pixels. @defaultValue 480 */
  height?: number;
}

/** Text and attribute values both: a title with a quote must not end an attribute. */
function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const px = (v: number): string => v.toFixed(1);

function checkUnit(fn: string, where: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${where} is ${typeof v === 'number' ? String(v) : describeType(v)}; expected a number in [0, 1]`,
    );
  }
  return v;
}

function checkSize(fn: string, name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 100 || v > 10000) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: ${name} is ${typeof v === 'number' ? String(v) : describeType(v)}; use a number of pixels in [100, 10000]`,
    );
  }
  return v;
}

/** The bins, checked: edges and non-null statistics in [0, 1], counts non-negative. */
function checkBins(fn: string, diagram: ReliabilityDiagram): readonly ReliabilityBin[] {
  const bins: unknown = diagram?.bins;
  if (!isArray(bins) || (bins as unknown[]).length === 0) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: diagram.bins must be a non-empty array; pass the result of reliabilityDiagram`,
    );
  }
  (bins as ReliabilityBin[]).forEach((b, i) => {
    if (b === null || typeof b !== 'object') {
      throw new MetricsError('INVALID_INPUT', `${fn}: diagram.bins[${i}] must be a bin object`);
    }
    checkUnit(fn, `diagram.bins[${i}].lower`, b.lower);
    checkUnit(fn, `diagram.bins[${i}].upper`, b.upper);
    if (typeof b.count !== 'number' || !(b.count >= 0)) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: diagram.bins[${i}].count is ${String(b.count)}; expected a count`,
      );
    }
    if (b.accuracy !== null) checkUnit(fn, `diagram.bins[${i}].accuracy`, b.accuracy);
    if (b.confidence !== null) checkUnit(fn, `diagram.bins[${i}].confidence`, b.confidence);
  });
  return bins as readonly ReliabilityBin[];
}

/**
 * A reliability diagram as a standalone SVG: one bar per non-empty bin up to its accuracy, the gap to
 * its mean confidence shaded, the diagonal of perfect calibration dashed, and ECE/MCE in the corner.
 * Bars carry `data-*` attributes (bin, count, accuracy, confidence) so that tests and scripts can read them.
 * @throws {MetricsError} `INVALID_INPUT` when the diagram's bins are missing or hold values outside
 *   [0, 1]; `INVALID_OPTION` for a size outside [100, 10000] pixels or an unknown option.
 * @example reliabilityDiagramSvg(reliabilityDiagram(yTrue, probs, { nBins: 10 }), { title: 'dev set' })
 */
export function reliabilityDiagramSvg(
  diagram: ReliabilityDiagram,
  options: ReliabilityDiagramSvgOptions = {},
): string {
  const fn = 'reliabilityDiagramSvg';
  checkOptionKeys(fn, options, ['title', 'width', 'height']);
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new MetricsError('INVALID_OPTION', `${fn}: title must be a string`);
  }
  const W = checkSize(fn, 'width', options.width, 480);
  const H = checkSize(fn, 'height', options.height, 480);
  const bins = checkBins(fn, diagram);
  const m = { l: 56, r: 16, t: 40, b: 48 };
  const x = (v: number): number => m.l + v * (W - m.l - m.r);
  const y = (v: number): number => H - m.b - v * (H - m.t - m.b);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${px(W / 2)}" y="22" text-anchor="middle" font-size="14">${escapeXml(options.title ?? 'Reliability diagram')}</text>`,
    `<line x1="${m.l}" y1="${px(y(0))}" x2="${px(x(1))}" y2="${px(y(0))}" stroke="black"/>`,
    `<line x1="${m.l}" y1="${px(y(0))}" x2="${m.l}" y2="${px(y(1))}" stroke="black"/>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    parts.push(
      `<text x="${px(x(v))}" y="${px(y(0) + 16)}" text-anchor="middle">${v.toFixed(1)}</text>`,
      `<text x="${m.l - 6}" y="${px(y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`,
    );
  }
  parts.push(
    `<text x="${px(x(0.5))}" y="${H - 10}" text-anchor="middle">confidence</text>`,
    `<text transform="translate(16 ${px(y(0.5))}) rotate(-90)" text-anchor="middle">accuracy</text>`,
  );
  bins.forEach((b, i) => {
    if (b.accuracy === null || b.confidence === null || b.count === 0) return;
    const left = px(x(b.lower) + 1);
    const width = px(Math.max(0, x(b.upper) - x(b.lower) - 2));
    const top = Math.max(b.accuracy, b.confidence);
    const bottom = Math.min(b.accuracy, b.confidence);
    parts.push(
      `<rect class="bar" data-bin="${i}" data-count="${b.count}" data-accuracy="${b.accuracy}" data-confidence="${b.confidence}" x="${left}" y="${px(y(b.accuracy))}" width="${width}" height="${px(y(0) - y(b.accuracy))}" fill="#3182bd"><title>(${b.lower.toFixed(3)}, ${b.upper.toFixed(3)}]: ${b.count} samples, accuracy ${b.accuracy.toFixed(3)}, confidence ${b.confidence.toFixed(3)}</title></rect>`,
      `<rect class="gap" data-bin="${i}" x="${left}" y="${px(y(top))}" width="${width}" height="${px(y(bottom) - y(top))}" fill="#e6550d" fill-opacity="0.35"/>`,
    );
  });
  parts.push(
    `<line class="diagonal" x1="${px(x(0))}" y1="${px(y(0))}" x2="${px(x(1))}" y2="${px(y(1))}" stroke="#555" stroke-dasharray="5 4"/>`,
  );
  const ece = diagram.expectedCalibrationError;
  const mce = diagram.maxCalibrationError;
  if (
    typeof ece === 'number' &&
    Number.isFinite(ece) &&
    typeof mce === 'number' &&
    Number.isFinite(mce)
  ) {
    parts.push(
      `<text x="${m.l + 8}" y="${m.t + 14}">ECE ${ece.toFixed(4)} · MCE ${mce.toFixed(4)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
