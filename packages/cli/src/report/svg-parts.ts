import { escapeXml } from './escape-xml';
import { CliError } from '../cli/errors';
import type { Ticks } from './scales';

/** Space around a chart's plot area, in pixels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The plot area's edges in pixels. */
export interface PlotBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Marker shapes, so series stay apart without colour. */
export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle';

/** One legend entry: a line swatch (optionally dashed), a marker, or both. */
export interface LegendItem {
  label: string;
  color: string;
  /** `dash` (an SVG dash array) wins over `dashed` (the {@link DASH} pattern). */
  line?: { dashed?: boolean; dash?: string; width?: number };
  marker?: MarkerShape;
}

export const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
export const INK = '#1f2328';
export const MUTED = '#57606a';
export const GRID = '#e5e7eb';
/** Dash pattern of baselines and of the second line style. */
export const DASH = '6 4';

/** Size options every chart with axes shares. */
export interface FrameOptions {
  title?: string;
  width?: number;
  height?: number;
  margin?: Partial<Margin>;
}

/**
 * Resolves a chart's title, size and plot area: 640 × 360 unless given, margins `{ top: 32 (12 without a
 * title), right: 16, bottom, left: 56 }` overridden by `options.margin`.
 */
export function chartFrame(
  options: FrameOptions,
  bottom: number,
): { title: string; width: number; height: number; plot: PlotBox } {
  const title = options.title ?? '';
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const m: Margin = { top: title ? 32 : 12, right: 16, bottom, left: 56, ...options.margin };
  return {
    title,
    width,
    height,
    plot: { left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom },
  };
}

/** Rounds a coordinate to 0.1 px: enough for the screen, short in the file. */
export const px = (v: number): string => String(Math.round(v * 10) / 10);

/** Width of `text` at 12 px in a system sans-serif, estimated generously (no font metrics in Node). */
export const textWidth = (text: string, fontSize = 12): number => text.length * fontSize * 0.58;

/** Opens a chart: the root `<svg>` scaled by CSS, a `<title>` for screen readers, a white background. */
export function svgOpen(kind: string, width: number, height: number, label: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${kind}" width="${px(width)}" ` +
    `height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" role="img" ` +
    `aria-label="${escapeXml(label)}" font-family="${FONT_FAMILY}" font-size="12" fill="${INK}">` +
    `<title>${escapeXml(label)}</title><rect width="${px(width)}" height="${px(height)}" fill="#fff"/>`
  );
}

/** The chart title, centred on top. */
export function titleSvg(title: string, width: number): string {
  return title
    ? `<text class="chart-title" x="${px(width / 2)}" y="20" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(title)}</text>`
    : '';
}

/** Horizontal grid lines with tick labels on the left, and the rotated y-axis label. */
export function yAxisSvg(
  ticks: Ticks,
  y: (v: number) => number,
  plot: PlotBox,
  label: string,
): string {
  const parts = ticks.ticks.map(
    (t, i) =>
      `<line x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="${GRID}"/>` +
      `<text x="${px(plot.left - 6)}" y="${px(y(t) + 4)}" text-anchor="end" fill="${MUTED}">${escapeXml(ticks.labels[i] ?? '')}</text>`,
  );
  parts.push(
    `<line x1="${px(plot.left)}" x2="${px(plot.left)}" y1="${px(plot.top)}" y2="${px(plot.bottom)}" stroke="${MUTED}"/>`,
  );
  if (label) {
    const cy = (plot.top + plot.bottom) / 2;
    parts.push(
      `<text x="14" y="${px(cy)}" transform="rotate(-90 14 ${px(cy)})" text-anchor="middle" dominant-baseline="middle">${escapeXml(label)}</text>`,
    );
  }
  return `<g class="axis axis-y">${parts.join('')}</g>`;
}

/** The x axis line with tick marks and labels under it, and the axis label. */
export function xAxisSvg(
  ticks: Ticks,
  x: (v: number) => number,
  plot: PlotBox,
  label: string,
): string {
  const parts = [
    `<line x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(plot.bottom)}" y2="${px(plot.bottom)}" stroke="${MUTED}"/>`,
  ];
  ticks.ticks.forEach((t, i) => {
    parts.push(
      `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(plot.bottom)}" y2="${px(plot.bottom + 4)}" stroke="${MUTED}"/>` +
        `<text x="${px(x(t))}" y="${px(plot.bottom + 17)}" text-anchor="middle" fill="${MUTED}">${escapeXml(ticks.labels[i] ?? '')}</text>`,
    );
  });
  if (label) {
    parts.push(
      `<text x="${px((plot.left + plot.right) / 2)}" y="${px(plot.bottom + 34)}" text-anchor="middle">${escapeXml(label)}</text>`,
    );
  }
  return `<g class="axis axis-x">${parts.join('')}</g>`;
}

/** A marker of `shape` with area close to a circle of radius `r`. */
export function markerSvg(
  shape: MarkerShape,
  cx: number,
  cy: number,
  r: number,
  color: string,
): string {
  const fill = `fill="${color}" stroke="#fff" stroke-width="1"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(r)}" ${fill}/>`;
    case 'square': {
      const h = r * 0.89; // same area as the circle: side² = πr²
      return `<rect x="${px(cx - h)}" y="${px(cy - h)}" width="${px(2 * h)}" height="${px(2 * h)}" ${fill}/>`;
    }
    case 'diamond': {
      const h = r * 1.25;
      return `<path d="M${px(cx)} ${px(cy - h)}L${px(cx + h)} ${px(cy)}L${px(cx)} ${px(cy + h)}L${px(cx - h)} ${px(cy)}Z" ${fill}/>`;
    }
    case 'triangle': {
      const h = r * 1.35;
      return `<path d="M${px(cx)} ${px(cy - h)}L${px(cx + h)} ${px(cy + h * 0.75)}L${px(cx - h)} ${px(cy + h * 0.75)}Z" ${fill}/>`;
    }
    default: {
      const never: never = shape;
      throw new CliError(
        'INVALID_CHART_DATA',
        `markerSvg: unknown shape ${String(never)}; use circle, square, diamond or triangle`,
      );
    }
  }
}

const ROW_HEIGHT = 20;

/**
 * A legend laid out in rows that wrap at `maxWidth`, starting at (`x`, `y`) (top left).
 * @returns the markup and its height, so the caller can size the `<svg>`.
 */
export function legendSvg(
  items: readonly LegendItem[],
  x: number,
  y: number,
  maxWidth: number,
): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  const parts: string[] = [];
  let cx = x;
  let cy = y + ROW_HEIGHT / 2;
  for (const item of items) {
    const w = 30 + textWidth(item.label) + 18;
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += ROW_HEIGHT;
    }
    let swatch = '';
    if (item.line) {
      const pattern = item.line.dash ?? (item.line.dashed ? DASH : undefined);
      const dash = pattern ? ` stroke-dasharray="${pattern}"` : '';
      swatch += `<line x1="${px(cx)}" x2="${px(cx + 24)}" y1="${px(cy)}" y2="${px(cy)}" stroke="${item.color}" stroke-width="${item.line.width ?? 2}"${dash}/>`;
    }
    if (item.marker) swatch += markerSvg(item.marker, cx + 12, cy, 4.5, item.color);
    parts.push(
      `<g class="legend-item">${swatch}<text x="${px(cx + 30)}" y="${px(cy + 4)}">${escapeXml(item.label)}</text></g>`,
    );
    cx += w;
  }
  return {
    svg: `<g class="legend">${parts.join('')}</g>`,
    height: cy + ROW_HEIGHT / 2 - y,
  };
}
