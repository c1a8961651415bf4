import { escapeXml } from './escape-xml';
import { paletteColor } from './palette';
import { CliError } from '../cli/errors';
import { linearScale, niceTicks, ticksWithin } from './scales';
import type { FrameOptions, LegendItem, Margin, MarkerShape } from './svg-parts';
import {
  DASH,
  chartFrame,
  GRID,
  INK,
  MUTED,
  legendSvg,
  markerSvg,
  px,
  svgOpen,
  textWidth,
  titleSvg,
  yAxisSvg,
} from './svg-parts';

/** A series of the dot chart: one dot per group, told apart by colour and shape. */
export interface DotSeries {
  key: string;
  label: string;
  /** @defaultValue the palette colour of the series' index */
  color?: string;
  /** @defaultValue 'circle' */
  shape?: MarkerShape;
}

/** One dot: a value with an optional interval (thick whisker) and range (thin whisker). */
export interface DotPoint {
  /** The `key` of its series. */
  series: string;
  value: number;
  /** e.g. a 95% confidence interval. */
  interval?: readonly [number, number];
  /** e.g. min–max over seeds. */
  range?: readonly [number, number];
  /** Extra tooltip text. */
  note?: string;
  /** Horizontal shift in px from the series' position, to set apart several points of one series (seeds). @defaultValue 0 */
  dx?: number;
}

/** A horizontal reference line across the plot (a zero-shot score, a baseline), labelled at its right end. */
export interface ReferenceLine {
  value: number;
  label: string;
  /** SVG dash array; give each line its own so they read apart without colour. @defaultValue DASH */
  dash?: string;
  /** @defaultValue INK */
  color?: string;
}

/** One category on the x axis (a strategy) with a dot per series. */
export interface DotGroup {
  label: string;
  points: readonly DotPoint[];
}

/** Options of {@link dotChartSvg}. */
export interface DotChartOptions extends FrameOptions {
  series: readonly DotSeries[];
  /** @defaultValue '' */
  title?: string;
  /** @defaultValue 'accuracy' */
  yLabel?: string;
  /** A dashed horizontal reference line (the majority-class accuracy, chance). @defaultValue none */
  baseline?: { value: number; label: string };
  /** More reference lines, drawn and labelled like the baseline. @defaultValue none */
  references?: readonly ReferenceLine[];
  /** @defaultValue the extent of values, intervals, ranges and baseline, rounded out to nice ticks */
  yDomain?: readonly [number, number];
  /** Legend text of the thick whisker. @defaultValue '95% CI' */
  intervalLabel?: string;
  /** Legend text of the thin whisker. @defaultValue 'min–max' */
  rangeLabel?: string;
  /** @defaultValue 640 */
  width?: number;
  /** Height of the frame around the plot, without the legend. @defaultValue 360 */
  height?: number;
  /** @defaultValue `{ top: 32 (12 without a title), right: 16, bottom: 36, left: 56 }` */
  margin?: Partial<Margin>;
}

function validate(groups: readonly DotGroup[], options: DotChartOptions): void {
  const where = `dotChartSvg${options.title ? ` ('${options.title}')` : ''}`;
  const fail = (msg: string) => {
    throw new CliError('INVALID_CHART_DATA', `${where}: ${msg}`);
  };
  if (groups.length === 0) fail('no groups; pass at least one');
  for (const r of options.references ?? []) {
    if (!Number.isFinite(r.value))
      fail(`reference line '${r.label}' has a non-finite value (${r.value})`);
  }
  const keys = new Set(options.series.map((s) => s.key));
  for (const g of groups) {
    for (const p of g.points) {
      if (!keys.has(p.series)) {
        fail(
          `group '${g.label}' has a point of series '${p.series}'; options.series has ${[...keys].join(', ') || 'none'}`,
        );
      }
      const nums = [p.value, p.dx ?? 0, ...(p.interval ?? []), ...(p.range ?? [])];
      if (nums.some((v) => !Number.isFinite(v))) {
        fail(
          `group '${g.label}' series '${p.series}' has a non-finite number (${nums.join(', ')})`,
        );
      }
    }
  }
}

/**
 * A dot chart with whiskers: groups along x (strategies), a dot per series inside each group (init × train
 * size), a thick whisker for an interval (CI) and, just right of it, a thin one for a range (min–max over
 * seeds), and optional dashed reference lines (a baseline, zero-shot scores). Colour and marker shape both encode the series, so it reads in greyscale too.
 *
 * Series `j` of `S` in group `g` of `G` sits at `left + (g + 0.15 + 0.7 · (j + 0.5) / S) · plotWidth / G`.
 * @throws {CliError} `INVALID_CHART_DATA` for no groups, a point of an unknown series, or a non-finite number.
 * @example dotChartSvg([{ label: 'full', points: [{ series: 'p', value: 0.9, interval: [0.87, 0.93] }] }],
 *   { series: [{ key: 'p', label: 'pretrained' }] })
 */
export function dotChartSvg(groups: readonly DotGroup[], options: DotChartOptions): string {
  validate(groups, options);
  const { title, width, height, plot } = chartFrame(options, 36);
  const all = groups.flatMap((g) =>
    g.points.flatMap((p) => [p.value, ...(p.interval ?? []), ...(p.range ?? [])]),
  );
  if (options.baseline) all.push(options.baseline.value);
  for (const r of options.references ?? []) all.push(r.value);
  const ticks = options.yDomain
    ? ticksWithin(options.yDomain)
    : niceTicks(Math.min(...all), Math.max(...all));
  const y = linearScale(ticks.domain, [plot.bottom, plot.top]);
  const slot = (plot.right - plot.left) / groups.length;
  const S = options.series.length;
  const seriesIndex = new Map(options.series.map((s, j) => [s.key, j]));
  const colorOf = (j: number) => options.series[j]?.color ?? paletteColor(j);

  const parts: string[] = [];
  groups.forEach((g, gi) => {
    const x0 = plot.left + gi * slot;
    if (gi > 0) {
      parts.push(
        `<line x1="${px(x0)}" x2="${px(x0)}" y1="${px(plot.top)}" y2="${px(plot.bottom)}" stroke="${GRID}"/>`,
      );
    }
    parts.push(
      `<text class="group-label" x="${px(x0 + slot / 2)}" y="${px(plot.bottom + 20)}" text-anchor="middle">${escapeXml(g.label)}</text>`,
    );
    for (const p of g.points) {
      const j = seriesIndex.get(p.series) ?? 0;
      const s = options.series[j];
      const cx = x0 + (0.15 + (0.7 * (j + 0.5)) / S) * slot + (p.dx ?? 0);
      const color = colorOf(j);
      const tip = [
        `${g.label}, ${s?.label ?? p.series}: ${p.value.toFixed(3)}`,
        p.interval
          ? `${options.intervalLabel ?? '95% CI'} ${p.interval[0].toFixed(3)}–${p.interval[1].toFixed(3)}`
          : '',
        p.range
          ? `${options.rangeLabel ?? 'min–max'} ${p.range[0].toFixed(3)}–${p.range[1].toFixed(3)}`
          : '',
        p.note ?? '',
      ]
        .filter(Boolean)
        .join('; ');
      let g2 = `<g class="dot" data-group="${escapeXml(g.label)}" data-series="${escapeXml(p.series)}"><title>${escapeXml(tip)}</title>`;
      if (p.interval) {
        g2 += `<line class="interval" x1="${px(cx)}" x2="${px(cx)}" y1="${px(y(p.interval[0]))}" y2="${px(y(p.interval[1]))}" stroke="${color}" stroke-width="5" stroke-opacity="0.45"/>`;
      }
      if (p.range) {
        // Beside the interval, not on it: a seed range narrower than the CI would vanish behind it.
        const rx = p.interval ? cx + 7 : cx;
        const [lo, hi] = p.range;
        g2 +=
          `<line class="range" x1="${px(rx)}" x2="${px(rx)}" y1="${px(y(lo))}" y2="${px(y(hi))}" stroke="${color}" stroke-width="1.25"/>` +
          `<line x1="${px(rx - 3)}" x2="${px(rx + 3)}" y1="${px(y(lo))}" y2="${px(y(lo))}" stroke="${color}" stroke-width="1.25"/>` +
          `<line x1="${px(rx - 3)}" x2="${px(rx + 3)}" y1="${px(y(hi))}" y2="${px(y(hi))}" stroke="${color}" stroke-width="1.25"/>`;
      }
      g2 += `${markerSvg(s?.shape ?? 'circle', cx, y(p.value), 5, color)}</g>`;
      parts.push(g2);
    }
  });

  const items: LegendItem[] = options.series.map((s, j) => ({
    label: s.label,
    color: colorOf(j),
    marker: s.shape ?? 'circle',
  }));
  const hasInterval = groups.some((g) => g.points.some((p) => p.interval));
  const hasRange = groups.some((g) => g.points.some((p) => p.range));
  if (hasInterval)
    items.push({ label: options.intervalLabel ?? '95% CI', color: MUTED, line: { width: 5 } });
  if (hasRange)
    items.push({ label: options.rangeLabel ?? 'min–max', color: MUTED, line: { width: 1.25 } });
  const lines: (ReferenceLine & { cls: string })[] = [
    ...(options.baseline ? [{ ...options.baseline, cls: 'baseline' }] : []),
    ...(options.references ?? []).map((r) => ({ ...r, cls: 'reference' })),
  ];
  // Labels sit just above their line; close values would print one label over another, so each label
  // keeps at least 12 px below the one above it (top to bottom).
  const labelY = lines.map((l) => y(l.value) - 5);
  const order = labelY.map((_, i) => i).sort((a, b) => labelY[a]! - labelY[b]!);
  order.forEach((i, k) => {
    if (k > 0) labelY[i] = Math.max(labelY[i]!, labelY[order[k - 1]!]! + 12);
  });
  const referenceSvg = lines.map((l, i) => {
    const ly = y(l.value);
    const color = l.color ?? INK;
    const dash = l.dash ?? DASH;
    const text = `${l.label} ${l.value.toFixed(3)}`;
    items.push({ label: l.label, color, line: { dash, width: 1 } });
    return (
      `<g class="${l.cls}"><line x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(ly)}" y2="${px(ly)}" stroke="${color}" stroke-dasharray="${dash}"/>` +
      `<text x="${px(plot.right - 4)}" y="${px(labelY[i]!)}" text-anchor="end" fill="${color}" font-size="11">${escapeXml(text)}</text></g>`
    );
  });
  const legend = legendSvg(items, plot.left, height - 4, width - plot.left - 8);
  const label = title || `Dot chart of ${groups.map((g) => g.label).join(', ')}`;
  // Group labels wider than their slot would overlap; the caller should shorten them.
  const widest = Math.max(...groups.map((g) => textWidth(g.label)));
  const small = widest > slot - 8 ? ' font-size="10"' : '';
  return [
    svgOpen('dot', width, height + legend.height + 6, label),
    titleSvg(title, width),
    yAxisSvg(ticks, y, plot, options.yLabel ?? 'accuracy'),
    `<line x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(plot.bottom)}" y2="${px(plot.bottom)}" stroke="${MUTED}"/>`,
    referenceSvg.join(''),
    `<g class="plot"${small}>${parts.join('')}</g>`,
    legend.svg,
    '</svg>',
  ].join('');
}
