import { fixed, integer, meanStd } from './format';
import { CHART_WIDTH, figureHtml, paragraph, sectionHtml } from './html-parts';
import { htmlTable } from './html-table';
import { mean, sampleStd } from './seed-stats';
import { lineChartSvg } from './line-chart-svg';
import type { DemoResults } from './report-types';

/**
 * Continued pre-training on unlabelled mails before fine-tuning vs fine-tuning the general model: its loss curve,
 * held-out mail perplexity, and accuracy per size with the lecture's strategy (twins paired by seed).
 */
export function continuedPretrainingHtml(results: DemoResults): string {
  const c = results.continuedPretraining;
  if (c === undefined)
    return sectionHtml('continued-pretraining', 'Continued pre-training', [
      paragraph('This run has no continued pre-training.'),
    ]);
  const rows = c.strategies.map(({ trainSize, strategy }) => {
    const adapted = c.runs.filter((r) => r.trainSize === trainSize && r.strategy === strategy);
    const general = results.finetuning.filter(
      (g) =>
        g.init === 'pretrained' &&
        g.trainSize === trainSize &&
        g.strategy === strategy &&
        adapted.some((a) => a.seed === g.seed),
    );
    const a = adapted.map((r) => r.accuracy);
    const g = general.map((r) => r.accuracy);
    return [
      integer(trainSize),
      strategy,
      String(a.length),
      meanStd(mean(g), sampleStd(g)),
      meanStd(mean(a), sampleStd(a)),
      fixed(mean(a) - mean(g)),
    ];
  });
  const curve =
    c.lossCurve.length > 1
      ? [
          figureHtml(
            'continued-pretraining-loss',
            lineChartSvg(
              [
                {
                  label: 'next-token loss on mails',
                  points: c.lossCurve.map((p) => ({ x: p.step, y: p.loss })),
                },
              ],
              {
                title: 'Continued pre-training on unlabelled mails',
                width: CHART_WIDTH,
                height: 300,
              },
            ),
            'Training loss (nats per token) of the pre-trained GPT-2 on mail text.',
          ),
        ]
      : [];
  return sectionHtml('continued-pretraining', 'Continued pre-training', [
    paragraph(
      `${c.description} Held-out mail perplexity ${fixed(c.heldOutAtStart.perplexity, 1)} → ${fixed(c.heldOut.perplexity, 1)} ` +
        `(${integer(c.heldOut.tokens)} tokens of mails in no other split).`,
    ),
    ...curve,
    htmlTable(
      [
        { header: 'mails', numeric: true },
        { header: 'strategy' },
        { header: 'seeds', numeric: true },
        { header: 'without (mean ± std)', numeric: true },
        { header: 'after continued pre-training', numeric: true },
        { header: 'difference', numeric: true },
      ],
      rows,
      {
        id: 'table-continued-pretraining',
        caption: 'Test accuracy; the paired t-test is in Findings.',
      },
    ),
  ]);
}
