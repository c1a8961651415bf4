import { spreadSvg } from '@nlpft/training';
import { fixed, meanStd } from './format';
import { htmlTable } from './html-table';
import { CHART_WIDTH, figureHtml, paragraph, sectionHtml } from './html-parts';
import type { DemoResults } from './report-types';

/** Instability: the seed spread of each optimizer recipe, as a box-and-strip plot and a table. */
export function instabilityHtml(results: DemoResults): string {
  const recipes = results.instability.filter((r) => r.accuracies.length > 0);
  const baseline = results.data.majorityBaseline;
  if (recipes.length === 0) {
    return sectionHtml('instability', 'Instability', [
      paragraph('This run has no instability study.'),
    ]);
  }
  const svg = spreadSvg(
    // spreadSvg escapes `<&>` but not quotes, and puts labels in an attribute.
    recipes.map((r) => ({ label: r.recipe.replace(/"/g, '\u201d'), values: r.accuracies })),
    {
      title: 'Accuracy over seeds by optimizer recipe',
      yLabel: 'accuracy',
      baseline,
      width: CHART_WIDTH,
      height: 340,
    },
  );
  const rows = recipes.map((r) => [
    r.recipe,
    String(r.accuracies.length),
    meanStd(r.mean, r.std),
    fixed(r.min),
    fixed(r.max),
    `${r.failed} of ${r.accuracies.length}`,
  ]);
  return sectionHtml('instability', 'Instability', [
    paragraph(
      `The same fine-tuning run repeated with different seeds. BERTAdam leaves out Adam's bias correction; ` +
        `Mosbach et al. (2021) tie failed runs to that and to skipping warmup. A seed fails when it is no ` +
        `better than the majority class (${fixed(baseline)}).`,
    ),
    figureHtml(
      'instability-spread',
      svg,
      'Box: quartiles over seeds, whiskers min–max; dots: one seed each. Dashed: majority class.',
    ),
    htmlTable(
      [
        { header: 'recipe' },
        { header: 'seeds', numeric: true },
        { header: 'accuracy (mean ± std)', numeric: true },
        { header: 'min', numeric: true },
        { header: 'max', numeric: true },
        { header: 'failed', numeric: true, title: 'Seeds no better than the majority class' },
      ],
      rows,
      { id: 'table-instability' },
    ),
  ]);
}
