import { reliabilityDiagramSvg } from '@nlpft/metrics';
import { fixed, meanStd } from './format';
import { figureHtml, paragraph, sectionHtml } from './html-parts';
import { htmlTable } from './html-table';
import { mean, sampleStd } from './seed-stats';
import type { DemoResults, Init, PooledReliabilityBin, RobustnessSituation } from './report-types';

/** The reliability bins of several runs pooled: counts and sums add up, ECE/MCE recomputed from them. */
function pooledDiagram(runs: readonly { reliability: PooledReliabilityBin[] }[]) {
  const bins = runs[0]!.reliability.map((b, i) => {
    const count = runs.reduce((a, r) => a + r.reliability[i]!.count, 0);
    const correct = runs.reduce((a, r) => a + r.reliability[i]!.correct, 0);
    const conf = runs.reduce((a, r) => a + r.reliability[i]!.confidenceSum, 0);
    return {
      lower: b.lower,
      upper: b.upper,
      count,
      accuracy: count > 0 ? Math.min(1, correct / count) : null,
      confidence: count > 0 ? Math.min(1, conf / count) : null,
    };
  });
  const n = bins.reduce((a, b) => a + b.count, 0);
  const gaps = bins.flatMap((b) =>
    b.accuracy === null || b.confidence === null
      ? []
      : [[b.count, Math.abs(b.accuracy - b.confidence)]],
  );
  return {
    bins,
    count: n,
    expectedCalibrationError: gaps.reduce((a, [c, g]) => a + (c! / n) * g!, 0),
    maxCalibrationError: Math.max(0, ...gaps.map(([, g]) => g!)),
  };
}

const key = (s: RobustnessSituation) => `${s.similarity}-${s.size}`;

/**
 * Calibration and robustness: per situation, the best pre-trained strategy and its random-init twin, ECE and
 * accuracy on clean and perturbed test copies (mean ± std over seeds), and pooled reliability diagrams.
 */
export function robustnessHtml(results: DemoResults): string {
  const r = results.robustness;
  if (r === undefined || r.situations.every((s) => s.runs.length === 0))
    return sectionHtml('robustness', 'Calibration and robustness', [
      paragraph('This run has no calibration or robustness study.'),
    ]);
  const names = r.perturbations.map((p) => p.name);
  const rows = r.situations.flatMap((s) =>
    (['pretrained', 'random'] as Init[]).flatMap((init) => {
      const own = s.runs.filter((x) => x.init === init);
      if (own.length === 0) return [];
      const cell = (xs: number[]) => meanStd(mean(xs), sampleStd(xs));
      return [
        [
          `${s.task}`,
          s.strategy,
          init,
          String(own.length),
          cell(own.map((x) => x.ece)),
          cell(own.map((x) => x.accuracy)),
          ...names.map((n) => cell(own.map((x) => x.perturbed[n] ?? Number.NaN))),
        ],
      ];
    }),
  );
  const charts = r.situations.flatMap((s) =>
    (['pretrained', 'random'] as Init[]).flatMap((init) => {
      const own = s.runs.filter((x) => x.init === init);
      if (own.length === 0) return [];
      const svg = reliabilityDiagramSvg(pooledDiagram(own), {
        title: `${init}, ${s.strategy}`,
        width: 420,
        height: 360,
      });
      return [
        figureHtml(
          `reliability-${key(s)}-${init}`,
          svg,
          `${s.task}: reliability diagram of the clean test split, every seed's predictions pooled (${own.length} seeds) (the pooled ECE differs from the mean of per-seed ECEs in the table). Baseline accuracy ${fixed(s.baseline)}.`,
        ),
      ];
    }),
  );
  return sectionHtml('robustness', 'Calibration and robustness', [
    paragraph(
      `The lecture's second effect of pre-training: better calibrated, more robust models. The fine-tuned models of ` +
        `the grid are scored again (nothing is trained for this): the best pre-trained strategy of each situation ` +
        `and its random-init twin, per seed. ECE: ${r.binning}. Perturbations (both sentences of a similar-task ` +
        `question change the same way, so the answer stays): ${r.perturbations.map((p) => `${p.name}: ${p.description} (changes ${fixed(100 * p.changed.similar, 0)}% of similar-task and ${fixed(100 * p.changed.dissimilar, 0)}% of spam test items)`).join('; ')}. ` +
        `Case changes are not measured: upper-casing changes the token ids of ${fixed(100 * r.caseVisible.similar, 0)}% ` +
        `of similar-task and ${fixed(100 * r.caseVisible.dissimilar, 0)}% of spam test items (the WordPiece tokenizer lowercases). ` +
        `A model near chance has little accuracy to lose, so compare the drop with the clean accuracy.`,
    ),
    htmlTable(
      [
        { header: 'situation', wrap: true },
        { header: 'strategy' },
        { header: 'init' },
        { header: 'seeds', numeric: true },
        { header: 'ECE', numeric: true },
        { header: 'clean accuracy', numeric: true },
        ...names.map((n) => ({ header: n, numeric: true })),
      ],
      rows,
      {
        id: 'table-robustness',
        caption: 'Mean ± std over seeds; the verdicts and p-values are in Findings.',
      },
    ),
    ...charts,
  ]);
}
