import { escapeHtml } from './escape-html';
import { formatRate } from './format-rate';

const BAR_HEIGHT = 18;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 300;

/** Internal: one bar of `barChartSvg`; `value` is a rate in [0, 1], `null` for no bar and "n/a". */
export interface Bar {
  label: string;
  value: number | null;
  /** Tooltip text (unescaped). */
  title: string;
}

/** Internal: horizontal bars, width ∝ value, as an inline SVG; every text is escaped. */
export function barChartSvg(bars: readonly Bar[], ariaLabel: string, fill: string): string {
  const height = bars.length * (BAR_HEIGHT + 6) + 6;
  const width = LABEL_WIDTH + BAR_WIDTH + 60;
  const rows = bars.map((b, i) => {
    const y = 6 + i * (BAR_HEIGHT + 6);
    const w = b.value === null ? 0 : Math.round(b.value * BAR_WIDTH * 10) / 10;
    return (
      `<g><title>${escapeHtml(b.title)}</title>` +
      `<text x="${LABEL_WIDTH - 6}" y="${y + 13}" text-anchor="end" font-size="12">${escapeHtml(b.label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="#eee"/>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR_HEIGHT}" fill="${fill}"/>` +
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 6}" y="${y + 13}" font-size="12">${formatRate(b.value)}</text></g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(ariaLabel)}" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
    `${rows.join('')}</svg>`
  );
}
