import { escapeXml } from './escape-xml';
import { paletteColor } from './palette';
import { CliError } from '../cli/errors';
import { linearScale, logScale, logTicks, niceTicks, ticksWithin } from './scales';
import type { FrameOptions, LegendItem, Margin } from './svg-parts';
import {
  DASH,
  chartFrame,
  legendSvg,
  px,
  svgOpen,
  titleSvg,
  xAxisSvg,
  yAxisSvg,
} from './svg-parts';

/** One curve: its points in data coordinates, drawn in order. */
export interface LineSeries {
  label: string;
  points: readonly { x: number; y: number }[];
  /** @defaultValue the palette colour of the series' index */
  color?: string;
  /** Dashed instead of solid. @defaultValue false */
  dashed?: boolean;
}

/** Options of {@link lineChartSvg}. */
export interface LineChartOptions extends FrameOptions {
  /** @defaultValue '' (no title) */
  title?: string;
  /** @defaultValue 'step' */
  xLabel?: string;
  /** @defaultValue 'loss' */
  yLabel?: string;
  /** Logarithmic y axis (all y must be positive). @defaultValue false */
  logY?: boolean;
  /** @defaultValue 640 */
  width?: number;
  /** Height of the frame around the plot, without the legend (which is added below). @defaultValue 360 */
  height?: number;
  /** @defaultValue `{ top: 32 (12 without a title), right: 16, bottom: 44, left: 56 }` */
  margin?: Partial<Margin>;
  /** Fixed axis ranges. @defaultValue the data extent, rounded out to nice ticks (padded for log y) */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Draw a legend under the plot. @defaultValue true when there are two or more series */
  legend?: boolean;
}

function validate(series: readonly LineSeries[], logY: boolean, title: string): void {
  const where = `lineChartSvg${title ? ` ('${title}')` : ''}`;
  if (series.length === 0) {
    throw new CliError('INVALID_CHART_DATA', `${where}: no series; pass at least one curve`);
  }
  for (const s of series) {
    if (s.points.length === 0) {
      throw new CliError('INVALID_CHART_DATA', `${where}: series '${s.label}' has no points`);
    }
    s.points.forEach((p, i) => {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
        throw new CliError(
          'INVALID_CHART_DATA',
          `${where}: series '${s.label}' point ${i} is (${p.x}, ${p.y}); coordinates must be finite`,
        );
      }
      if (logY && p.y <= 0) {
        throw new CliError(
          'INVALID_CHART_DATA',
          `${where}: series '${s.label}' point ${i} has y = ${p.y}; a log axis needs y > 0, use logY: false`,
        );
      }
    });
  }
}

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * A line chart of one or more curves (loss against step), with a y grid, axis ticks, optional log y and a
 * legend under the plot. Pure: returns the `<svg>` markup; all text is escaped.
 *
 * Point (x, y) lands at `left + (x − x0) / (x1 − x0) · (width − left − right)` and
 * `top + (y1 − y) / (y1 − y0) · (height − top − bottom)` (in log10 space for `logY`).
 * @throws {CliError} `INVALID_CHART_DATA` for no series, an empty series, a non-finite point, or y ≤ 0 on a log axis.
 * @example lineChartSvg([{ label: 'full', points: [{ x: 0, y: 0.7 }, { x: 100, y: 0.2 }] }], { title: 'Loss' })
 */
export function lineChartSvg(
  series: readonly LineSeries[],
  options: LineChartOptions = {},
): string {
  const logY = options.logY ?? false;
  validate(series, logY, options.title ?? '');
  const { title, width, height, plot } = chartFrame(options, 44);

  const xs = extent(series.flatMap((s) => s.points.map((p) => p.x)));
  const ys = extent(series.flatMap((s) => s.points.map((p) => p.y)));
  const xTicks = options.xDomain ? ticksWithin(options.xDomain, false) : niceTicks(xs[0], xs[1]);
  const yTicks = options.yDomain
    ? ticksWithin(options.yDomain, logY)
    : logY
      ? logTicks(ys[0], ys[1])
      : niceTicks(ys[0], ys[1]);
  const x = linearScale(xTicks.domain, [plot.left, plot.right]);
  const y = (logY ? logScale : linearScale)(yTicks.domain, [plot.bottom, plot.top]);

  const lines = series.map((s, i) => {
    const color = s.color ?? paletteColor(i);
    const dash = s.dashed ? ` stroke-dasharray="${DASH}"` : '';
    const pts = s.points.map((p) => `${px(x(p.x))},${px(y(p.y))}`).join(' ');
    const last = s.points[s.points.length - 1];
    const tip = last ? ` (last: ${last.y.toPrecision(4)} at ${last.x})` : '';
    return (
      `<g class="series" data-series="${escapeXml(s.label)}"><title>${escapeXml(s.label + tip)}</title>` +
      `<polyline fill="none" stroke="${color}" stroke-width="1.75" stroke-linejoin="round"${dash} points="${pts}"/></g>`
    );
  });

  const showLegend = options.legend ?? series.length > 1;
  const items: LegendItem[] = series.map((s, i) => ({
    label: s.label,
    color: s.color ?? paletteColor(i),
    line: { dashed: s.dashed ?? false },
  }));
  const legend = showLegend
    ? legendSvg(items, plot.left, height - 2, width - plot.left - 8)
    : { svg: '', height: 0 };
  const total = height + (legend.height ? legend.height + 6 : 0);
  const label = title || `Line chart of ${series.map((s) => s.label).join(', ')}`;

  return [
    svgOpen('line', width, total, label),
    titleSvg(title, width),
    yAxisSvg(yTicks, y, plot, options.yLabel ?? 'loss'),
    xAxisSvg(xTicks, x, plot, options.xLabel ?? 'step'),
    `<g class="plot">${lines.join('')}</g>`,
    legend.svg,
    '</svg>',
  ].join('');
}
