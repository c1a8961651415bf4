import { spreadSvg } from '@nlpft/training';
import { confusionMatrixSvg } from './confusion-matrix-svg';
import { dotChartSvg } from './dot-chart-svg';
import type { DotGroup, DotSeries } from './dot-chart-svg';
import { fixed, integer } from './format';
import { CHART_WIDTH, figureHtml, paragraph, sectionHtml } from './html-parts';
import { lineChartSvg } from './line-chart-svg';
import { paletteColor } from './palette';
import { STRATEGIES } from '@nlpft/training';
import type { Strategy } from '@nlpft/training';
import type { DemoResults, Init } from './report-types';
import type { CellSummary } from './summarize-cells';
import { INITS, bestAndWorst, cellName } from './summarize-cells';
import type { MarkerShape } from './svg-parts';

const INIT_COLOR: Record<Init, string> = { pretrained: '#0072B2', random: '#E69F00' };
const SHAPES: readonly MarkerShape[] = ['circle', 'square', 'diamond', 'triangle'];
/** Short strategy names for crowded axes (the captions spell them out). */
const SHORT: Record<Strategy, string> = {
  full: 'full',
  'head-only': 'head',
  'freeze-bottom': 'freeze',
  'gradual-unfreezing': 'gradual',
};
const SHORT_INIT: Record<Init, string> = { pretrained: 'pre', random: 'rand' };
const ABBREVIATIONS =
  'head = head-only, freeze = freeze-bottom, gradual = gradual-unfreezing; pre = pretrained, rand = random init.';

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** spreadSvg escapes `<&>` but not quotes, and puts labels in an attribute. */
const spreadLabel = (s: string) => s.replace(/"/g, '\u201d');

function accuracyChart(
  cells: readonly CellSummary[],
  sizes: readonly number[],
  baseline: number,
): string {
  const inits = INITS.filter((i) => cells.some((c) => c.init === i));
  const series: DotSeries[] = inits.flatMap((init) =>
    sizes.map((size, k) => ({
      key: `${init}-${size}`,
      label: `${init}, n = ${size}`,
      color: INIT_COLOR[init],
      shape: SHAPES[k % SHAPES.length],
    })),
  );
  const strategies = uniq(cells.map((c) => c.strategy));
  const groups: DotGroup[] = strategies.map((s) => ({
    label: s,
    points: cells
      .filter((c) => c.strategy === s)
      .map((c) => ({
        series: `${c.init}-${c.trainSize}`,
        value: c.accuracy.mean,
        interval: c.ci,
        range: [c.accuracy.min, c.accuracy.max] as const,
        note: `${c.runs.length} seeds`,
      })),
  }));
  const svg = dotChartSvg(groups, {
    series,
    title: 'Test accuracy by strategy, init and train size',
    yLabel: 'accuracy',
    baseline: { value: baseline, label: 'majority class' },
    intervalLabel: 'bootstrap 95% CI (mean of seeds)',
    rangeLabel: 'min–max over seeds',
    width: CHART_WIDTH,
    height: 380,
  });
  return figureHtml(
    'finetune-accuracy',
    svg,
    'Dots: mean accuracy over seeds. Thick bar: the bootstrap 95% CI of one run (bounds averaged over seeds). ' +
      'Thin bar: lowest to highest seed. Colour: init; shape: train size.',
  );
}

function spreadChart(cells: readonly CellSummary[], size: number, baseline: number): string {
  const groups = cells
    .filter((c) => c.trainSize === size)
    .map((c) => ({
      label: spreadLabel(`${SHORT[c.strategy] ?? c.strategy} · ${SHORT_INIT[c.init] ?? c.init}`),
      values: c.runs.map((r) => r.accuracy),
    }));
  const svg = spreadSvg(groups, {
    title: `Accuracy of every seed, n = ${size}`,
    yLabel: 'accuracy',
    baseline,
    width: CHART_WIDTH,
    height: 340,
  });
  return figureHtml(
    `finetune-spread-${size}`,
    svg,
    `Box: quartiles over seeds, whiskers min–max; dots: one seed each. Dashed: majority class. ${ABBREVIATIONS}`,
  );
}

function lossChart(cells: readonly CellSummary[], size: number): string {
  const strategies = uniq(cells.map((c) => c.strategy));
  const series = cells
    .filter((c) => c.trainSize === size && (c.runs[0]?.lossCurve.length ?? 0) > 0)
    .map((c) => ({
      label: `${c.strategy}, ${c.init}`,
      points: c.runs[0]!.lossCurve.map((p) => ({ x: p.step, y: p.loss })),
      color: paletteColor(strategies.indexOf(c.strategy)),
      dashed: c.init === 'random',
    }));
  if (series.length === 0) return paragraph(`No loss curves recorded for n = ${size}.`, 'muted');
  const seeds = uniq(cells.filter((c) => c.trainSize === size).map((c) => c.runs[0]!.seed));
  const svg = lineChartSvg(series, {
    title: `Fine-tuning loss, n = ${size}`,
    yLabel: 'training loss',
    width: CHART_WIDTH,
    height: 320,
  });
  return figureHtml(
    `finetune-loss-${size}`,
    svg,
    `One seed per cell (seed ${seeds.join(', ')}). Colour: strategy; solid: pretrained, dashed: random init.`,
  );
}

function confusionFigure(which: 'best' | 'worst', c: CellSummary): string {
  const svg = confusionMatrixSvg(c.confusion, {
    labels: ['ham', 'spam'],
    title: `${which === 'best' ? 'Best' : 'Worst'}: ${cellName(c)}`,
  });
  return figureHtml(
    `confusion-${which}`,
    svg,
    `Mean accuracy ${fixed(c.accuracy.mean)}; counts summed over ${c.runs.length} seeds.`,
  );
}

/** Fine-tuning: accuracy by cell, per-seed spread and loss curves per train size, best/worst confusion. */
export function finetuningHtml(results: DemoResults, cells: readonly CellSummary[]): string {
  if (cells.length === 0) {
    return sectionHtml('finetuning', 'Fine-tuning', [
      paragraph('This run has no fine-tuning results.'),
    ]);
  }
  const baseline = results.data.majorityBaseline;
  const sizes = uniq(cells.map((c) => c.trainSize)).sort((a, b) => a - b);
  const bw = bestAndWorst(cells)!;
  const known = STRATEGIES.filter((s) => cells.some((c) => c.strategy === s)).length;
  const seeds = uniq(cells.map((c) => c.runs.length)).join(' or ');
  return sectionHtml('finetuning', 'Fine-tuning', [
    paragraph(
      `Spam vs ham with ${known} strategies (full fine-tuning, training the head only, freezing the bottom ` +
        `layers, gradual unfreezing), from ${results.data.finetuneModel ?? 'the pre-trained encoder'} and from random weights, on ` +
        `${sizes.map(integer).join(' and ')} training messages, ${seeds} seeds each.`,
    ),
    accuracyChart(cells, sizes, baseline),
    `<h3>Seed spread</h3>`,
    ...sizes.map((s) => spreadChart(cells, s, baseline)),
    `<h3>Loss curves</h3>`,
    ...sizes.map((s) => lossChart(cells, s)),
    `<h3>Confusion matrices</h3>`,
    `<div class="figure-row">${confusionFigure('best', bw.best)}${bw.worst === bw.best ? '' : confusionFigure('worst', bw.worst)}</div>`,
  ]);
}
