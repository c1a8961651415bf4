import { escapeXml } from './escape-xml';
import { duration, fixed, integer } from './format';
import { htmlTable } from './html-table';
import { CHART_WIDTH, figureHtml, paragraph, sectionHtml, slug } from './html-parts';
import { lineChartSvg } from './line-chart-svg';
import type { DemoResults, PretrainSection } from './report-types';

const OBJECTIVE: Record<string, string> = {
  'bert-mlm': 'masked-token loss',
  'gpt2-clm': 'next-token loss',
};

function lossChart(p: PretrainSection): string {
  const what = OBJECTIVE[p.model] ?? 'training loss';
  if (p.lossCurve.length === 0) {
    return paragraph(
      `${p.model}: no loss curve recorded${p.cached ? ' (checkpoint loaded from the cache)' : ''}.`,
      'muted',
    );
  }
  const svg = lineChartSvg(
    [{ label: p.model, points: p.lossCurve.map((c) => ({ x: c.step, y: c.loss })) }],
    {
      title: `${p.model}: ${what}`,
      yLabel: 'loss (nats, log scale)',
      logY: p.lossCurve.every((c) => c.loss > 0),
      width: CHART_WIDTH,
      height: 320,
    },
  );
  const cached = p.cached
    ? ' The checkpoint came from the cache; the curve is from the run that made it.'
    : '';
  return figureHtml(
    `pretrain-loss-${slug(p.model)}`,
    svg,
    `${p.description}. ${integer(p.steps)} steps in ${duration(p.seconds)}.${cached}`,
  );
}

/** Pre-training: a loss curve per model and held-out perplexity before and after. */
export function pretrainingHtml(results: DemoResults): string {
  const { pretraining, data } = results;
  if (pretraining.length === 0) {
    return sectionHtml('pretraining', 'Pre-training', [
      paragraph('This run pre-trained no model.'),
    ]);
  }
  const rows = pretraining.map((p) => [
    {
      html: `<strong>${escapeXml(p.model)}</strong>${p.cached ? ' <span class="muted">(cached)</span>' : ''}`,
    },
    integer(p.parameters),
    integer(p.steps),
    integer(p.heldOut.tokens),
    fixed(p.heldOutAtInit.loss, 3),
    fixed(p.heldOut.loss, 3),
    fixed(p.heldOutAtInit.perplexity, 1),
    fixed(p.heldOut.perplexity, 1),
    `${fixed(p.heldOutAtInit.perplexity / p.heldOut.perplexity, 1)}×`,
  ]);
  return sectionHtml('pretraining', 'Pre-training', [
    paragraph(
      `A tiny BERT (masked language modelling) and a tiny GPT-2 (next-token prediction) trained from scratch ` +
        `on ${integer(data.pretrainTexts)} texts (${integer(data.pretrainTokens)} tokens), scored on ` +
        `${integer(data.heldOutTexts)} held-out texts before (random weights) and after training.`,
    ),
    ...pretraining.map(lossChart),
    htmlTable(
      [
        { header: 'model' },
        { header: 'parameters', numeric: true },
        { header: 'steps', numeric: true },
        { header: 'held-out tokens', numeric: true },
        { header: 'loss at init', numeric: true, title: 'Mean token cross-entropy in nats' },
        { header: 'loss trained', numeric: true, title: 'Mean token cross-entropy in nats' },
        { header: 'ppl at init', numeric: true, title: 'Perplexity = exp(loss)' },
        { header: 'ppl trained', numeric: true, title: 'Perplexity = exp(loss)' },
        { header: 'ppl drop', numeric: true, title: 'Perplexity at init / trained' },
      ],
      rows,
      { id: 'table-perplexity', caption: 'Held-out language-modelling loss and perplexity' },
    ),
  ]);
}
