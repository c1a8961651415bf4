import { readFileSync } from 'node:fs';
import { reviveNonFinite, type ReferenceCase } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { balancedAccuracyScore } from './balanced-accuracy-score';
import { classificationReport } from './classification-report';
import { cohenKappaScore } from './cohen-kappa-score';
import { confusionMatrix } from './confusion-matrix';
import { expectClose } from './expect-close.test-helper';
import { fleissKappa } from './fleiss-kappa';
import { precisionRecallFscoreSupport } from './precision-recall-fscore-support';
import { topKAccuracyScore } from './top-k-accuracy-score';
import type { Label, MetricWarning } from './types';

type Args = Record<string, unknown>;
// Made by scripts/gen-extra-cases.py with Debian's python3-sklearn 1.2.1 (header there says how to rerun).
const { cases } = JSON.parse(
  readFileSync(new URL('../fixtures/extra-cases.json', import.meta.url), 'utf8'),
) as { cases: ReferenceCase<Args>[] };

function run(c: ReferenceCase<Args>, onWarning: (w: MetricWarning) => void): unknown {
  const a = c.args;
  const yTrue = a['y_true'] as Label[];
  const yPred = a['y_pred'] as Label[];
  const sampleWeight = a['sample_weight'] as number[] | undefined;
  const labels = a['labels'] as Label[] | undefined;
  switch (c.metric) {
    case 'top_k_accuracy':
      return topKAccuracyScore(yTrue, a['y_score'] as number[][], {
        k: a['k'] as number,
        labels,
        sampleWeight,
        normalize: a['normalize'] as boolean | undefined,
        onWarning,
      });
    case 'cohen_kappa':
      return cohenKappaScore(a['y1'] as Label[], a['y2'] as Label[], {
        labels,
        weights: a['weights'] as 'linear' | null,
        sampleWeight,
        onWarning,
      });
    case 'precision_recall_fscore_support': {
      // scikit-learn returns the tuple (precision, recall, fscore, support).
      const r = precisionRecallFscoreSupport(yTrue, yPred, {
        labels,
        sampleWeight,
        beta: a['beta'] as number | undefined,
        posLabel: a['pos_label'] as Label | undefined,
        zeroDivision: a['zero_division'] as 0 | undefined,
        average: (a['average'] ?? null) as 'macro' | null,
        onWarning,
      });
      return [r.precision, r.recall, r.fscore, r.support];
    }
    case 'confusion_matrix':
      return confusionMatrix(yTrue, yPred, {
        labels,
        sampleWeight,
        normalize: a['normalize'] as 'true' | null,
      }).matrix;
    case 'balanced_accuracy':
      return balancedAccuracyScore(yTrue, yPred, { adjusted: a['adjusted'] as boolean, onWarning });
    case 'classification_report': {
      const opts = {
        labels,
        sampleWeight,
        targetNames: a['target_names'] as string[] | undefined,
        digits: a['digits'] as number | undefined,
        zeroDivision: a['zero_division'] as 1 | undefined,
      };
      const text = classificationReport(yTrue, yPred, { ...opts, onWarning });
      const dict = classificationReport(yTrue, yPred, {
        ...opts,
        outputDict: true,
        onWarning: () => undefined,
      });
      return { dict, text };
    }
    case 'fleiss_kappa':
      return fleissKappa(a['table'] as number[][], { onWarning });
    default:
      throw new Error(`no runner for ${c.metric}`);
  }
}

describe('extra scikit-learn 1.2.1 cases (scripts/gen-extra-cases.py)', () => {
  it.each(cases.filter((c) => !c.error).map((c) => [`${c.id} ${c.metric}`, c] as const))(
    '%s',
    (_id, c) => {
      const warnings: MetricWarning[] = [];
      expectClose(
        run(c, (w) => warnings.push(w)),
        reviveNonFinite(c.expected),
      );
      expect(warnings).toEqual(c.warnings.map(({ category, message }) => ({ category, message })));
    },
  );
  it.each(cases.filter((c) => c.error).map((c) => [`${c.id} ${c.metric}`, c] as const))(
    '%s throws',
    (_id, c) => {
      expect(() => run(c, () => undefined)).toThrow(
        expect.objectContaining({ name: 'MetricsError' }),
      );
    },
  );
  it("reproduces Fleiss (1971)'s worked example, kappa 0.210", () => {
    const table = (cases.find((c) => c.metric === 'fleiss_kappa')?.args['table'] ??
      []) as number[][];
    expect(fleissKappa(table)).toBeCloseTo(0.21, 3);
  });
});
