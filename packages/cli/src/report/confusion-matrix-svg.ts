import { escapeXml } from './escape-xml';
import { CliError } from '../cli/errors';
import { MUTED, px, svgOpen, textWidth, titleSvg } from './svg-parts';

/** Options of {@link confusionMatrixSvg}. */
export interface ConfusionMatrixOptions {
  /** Class names, in the order of the matrix rows and columns. */
  labels: readonly string[];
  /** @defaultValue '' */
  title?: string;
  /** Side of one cell in pixels. @defaultValue 84 */
  cellSize?: number;
}

// ColorBrewer "Blues" ends: a single-hue sequential scale reads the same for every kind of colour vision.
const LIGHT = [247, 251, 255];
const DARK = [8, 69, 148];

/** The colour at `t` ∈ [0, 1] between LIGHT and DARK (linear in sRGB, good enough for two ends of one hue). */
export function blues(t: number): string {
  const c = LIGHT.map((l, i) => Math.round(l + (DARK[i]! - l) * Math.min(1, Math.max(0, t))));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A confusion-matrix heatmap: rows are the true class, columns the predicted one (scikit-learn's layout).
 * Each cell shows its count and its share of the row (the per-class recall on the diagonal); the shade
 * follows that share, so a class with few examples is not washed out.
 * @throws {CliError} `INVALID_CHART_DATA` when the matrix is not square with one row per label, or a
 *   count is negative or not finite.
 * @example confusionMatrixSvg([[50, 3], [4, 43]], { labels: ['ham', 'spam'] })
 */
export function confusionMatrixSvg(
  matrix: readonly (readonly number[])[],
  options: ConfusionMatrixOptions,
): string {
  const { labels } = options;
  const n = labels.length;
  const where = `confusionMatrixSvg${options.title ? ` ('${options.title}')` : ''}`;
  if (n === 0 || matrix.length !== n || matrix.some((row) => row.length !== n)) {
    throw new CliError(
      'INVALID_CHART_DATA',
      `${where}: matrix is ${matrix.length}×${matrix[0]?.length ?? 0} but there are ${n} labels; pass an ${n}×${n} matrix`,
    );
  }
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isFinite(v) || v < 0) {
        throw new CliError(
          'INVALID_CHART_DATA',
          `${where}: matrix[${i}][${j}] is ${v}; counts must be finite and ≥ 0`,
        );
      }
    }),
  );
  const title = options.title ?? '';
  const cell = options.cellSize ?? 84;
  const labelW = Math.max(...labels.map((l) => textWidth(l))) + 10;
  const left = 28 + labelW;
  const top = (title ? 30 : 6) + 40;
  const width = Math.max(left + n * cell + 12, textWidth(title, 14) + 16);
  const height = top + n * cell + 12;

  const parts: string[] = [
    svgOpen('confusion', width, height, title || 'Confusion matrix'),
    titleSvg(title, width),
    `<text x="${px(left + (n * cell) / 2)}" y="${px(top - 26)}" text-anchor="middle" fill="${MUTED}">predicted</text>`,
    `<text x="12" y="${px(top + (n * cell) / 2)}" transform="rotate(-90 12 ${px(top + (n * cell) / 2)})" text-anchor="middle" dominant-baseline="middle" fill="${MUTED}">true</text>`,
  ];
  labels.forEach((l, k) => {
    parts.push(
      `<text x="${px(left + (k + 0.5) * cell)}" y="${px(top - 8)}" text-anchor="middle">${escapeXml(l)}</text>`,
      `<text x="${px(left - 8)}" y="${px(top + (k + 0.5) * cell + 4)}" text-anchor="end">${escapeXml(l)}</text>`,
    );
  });
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, j) => {
      const share = total > 0 ? count / total : 0;
      const x = left + j * cell;
      const y = top + i * cell;
      const ink = share > 0.5 ? '#fff' : '#1f2328';
      const tip = `true ${labels[i]!}, predicted ${labels[j]!}: ${count} (${(share * 100).toFixed(1)}% of true ${labels[i]!})`;
      parts.push(
        `<g class="cell" data-row="${i}" data-col="${j}" data-count="${count}"><title>${escapeXml(tip)}</title>` +
          `<rect x="${px(x)}" y="${px(y)}" width="${px(cell)}" height="${px(cell)}" fill="${blues(share)}" stroke="#fff" stroke-width="2"/>` +
          `<text x="${px(x + cell / 2)}" y="${px(y + cell / 2)}" text-anchor="middle" font-size="18" font-weight="600" fill="${ink}">${count}</text>` +
          `<text x="${px(x + cell / 2)}" y="${px(y + cell / 2 + 18)}" text-anchor="middle" font-size="11" fill="${ink}">${(share * 100).toFixed(1)}%</text></g>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
