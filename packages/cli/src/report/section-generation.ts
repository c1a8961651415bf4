import { wilsonInterval } from '@nlpft/metrics';
import { escapeXml } from './escape-xml';
import { dotChartSvg } from './dot-chart-svg';
import { fixed, integer, range } from './format';
import { htmlTable } from './html-table';
import { figureHtml, paragraph, sectionHtml } from './html-parts';
import type { DemoResults } from './report-types';

/** Generation: multiple-choice accuracy against chance, BLEU/ROUGE of continuations, and samples. */
export function generationHtml(results: DemoResults): string {
  const { multipleChoice: mc, bleu, rouge, samples } = results.generation;
  const ci = wilsonInterval(mc.accuracy, mc.n);
  const above = ci[0] > mc.chance;
  const verdict = above
    ? `above chance: the 95% interval (${range(ci[0], ci[1])}) lies above ${fixed(mc.chance)}`
    : `not clearly above chance: the 95% interval (${range(ci[0], ci[1])}) includes or lies below ${fixed(mc.chance)}`;
  const parts = [
    paragraph(
      `The pre-trained GPT-2 picks which of ${mc.choices} continuations follows a context by its likelihood ` +
        `(${integer(mc.n)} questions), and continues held-out prompts, scored against the real ` +
        `continuation with BLEU and ROUGE. Multiple-choice accuracy ${fixed(mc.accuracy)} is ${verdict}.`,
    ),
  ];
  if (mc.n > 0 && Number.isFinite(mc.accuracy)) {
    const svg = dotChartSvg(
      [
        {
          label: `multiple choice (${mc.choices} options, n = ${integer(mc.n)})`,
          points: [{ series: 'acc', value: mc.accuracy, interval: ci }],
        },
      ],
      {
        series: [{ key: 'acc', label: 'GPT-2 accuracy', color: '#0072B2' }],
        title: 'Multiple-choice accuracy vs chance',
        yLabel: 'accuracy',
        yDomain: [0, 1],
        baseline: { value: mc.chance, label: 'chance' },
        intervalLabel: 'Wilson 95% CI',
        width: 560,
        height: 260,
      },
    );
    parts.push(
      figureHtml(
        'generation-mc',
        svg,
        'Dot: accuracy; bar: Wilson 95% interval over the questions; dashed: chance (1 / choices).',
      ),
    );
  }
  parts.push(
    htmlTable(
      [{ header: 'metric' }, { header: 'score', numeric: true }, { header: 'details', wrap: true }],
      [
        [
          'multiple-choice accuracy',
          fixed(mc.accuracy),
          `Wilson 95% CI ${range(ci[0], ci[1])}; chance ${fixed(mc.chance)}; n = ${integer(mc.n)}`,
        ],
        ['BLEU', fixed(bleu.score, 2), { html: `<code>${escapeXml(bleu.signature)}</code>` }],
        ['ROUGE-1 F', fixed(rouge.rouge1), 'unigram overlap'],
        ['ROUGE-2 F', fixed(rouge.rouge2), 'bigram overlap'],
        ['ROUGE-L F', fixed(rouge.rougeL), 'longest common subsequence'],
      ],
      { id: 'table-generation-scores' },
    ),
    samples.length
      ? htmlTable(
          [
            { header: '#', numeric: true },
            { header: 'prompt', wrap: true },
            { header: 'generated', wrap: true },
            { header: 'reference', wrap: true },
          ],
          samples.map((s, i) => [String(i + 1), s.prompt, s.generated, s.reference]),
          {
            id: 'table-samples',
            className: 'samples',
            caption: "Sample continuations: the prompt, the model's continuation and the real one",
          },
        )
      : paragraph('No samples recorded.', 'muted'),
  );
  return sectionHtml('generation', 'Generation', parts);
}
