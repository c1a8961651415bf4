import { readFileSync } from 'node:fs';
import { reviveNonFinite } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { accuracyScore } from './accuracy-score';
import { balancedAccuracyScore } from './balanced-accuracy-score';
import { classificationReport } from './classification-report';
import { cohenKappaScore } from './cohen-kappa-score';
import { confusionMatrix } from './confusion-matrix';
import { errorRate } from './error-rate';
import { containsNaN, expectClose, expectNaNRefused } from './expect-close.test-helper';
import { matthewsCorrcoef } from './matthews-corrcoef';
import { precisionRecallFscoreSupport } from './precision-recall-fscore-support';
import { topKAccuracyScore } from './top-k-accuracy-score';
import type { Label, MetricWarning } from './types';

interface RandomCase {
  id: number;
  metric: string;
  args: Record<string, unknown>;
  expected?: unknown;
  error?: string;
  warnings: MetricWarning[];
}

// Made by scripts/gen-random-cases.py (seed 7, 250 cases) with Debian's python3-sklearn 1.2.1.
const cases = JSON.parse(
  readFileSync(new URL('../fixtures/random-cases.json', import.meta.url), 'utf8'),
) as RandomCase[];

function run(c: RandomCase, onWarning: (w: MetricWarning) => void): unknown {
  // Values are checked by the metric functions themselves; `never` lets each argument take its option's type.
  const a = reviveNonFinite(c.args) as Record<string, unknown>;
  const yTrue = a['y_true'] as never as Label[];
  const yPred = a['y_pred'] as never as Label[];
  const sampleWeight = a['sample_weight'] as never as number[] | undefined;
  switch (c.metric) {
    case 'prfs': {
      const r = precisionRecallFscoreSupport(yTrue, yPred, {
        average: a['average'] as never,
        zeroDivision: a['zero_division'] as never,
        labels: a['labels'] as never,
        posLabel: a['pos_label'] as never,
        beta: a['beta'] as never,
        sampleWeight,
        onWarning,
      });
      return [r.precision, r.recall, r.fscore, r.support];
    }
    case 'confusion_matrix':
      return confusionMatrix(yTrue, yPred, {
        normalize: a['normalize'] as never,
        labels: a['labels'] as never,
        sampleWeight,
      }).matrix;
    case 'mcc':
      return matthewsCorrcoef(yTrue, yPred, { sampleWeight });
    case 'balanced_accuracy':
      return balancedAccuracyScore(yTrue, yPred, {
        adjusted: a['adjusted'] as never,
        sampleWeight,
        onWarning,
      });
    case 'cohen_kappa':
      return cohenKappaScore(a['y1'] as never, a['y2'] as never, {
        weights: a['weights'] as never,
        sampleWeight,
        onWarning,
      });
    case 'accuracy':
      return accuracyScore(yTrue, yPred, {
        normalize: a['normalize'] as never,
        sampleWeight,
        onWarning,
      });
    case 'error_rate':
      return errorRate(yTrue, yPred, {
        normalize: a['normalize'] as never,
        sampleWeight,
        onWarning,
      });
    case 'topk':
      return topKAccuracyScore(yTrue, a['y_score'] as never, {
        k: a['k'] as never,
        labels: a['labels'] as never,
        normalize: a['normalize'] as never,
        sampleWeight,
        onWarning,
      });
    case 'report': {
      const o = {
        digits: a['digits'] as never,
        zeroDivision: a['zero_division'] as never,
        labels: a['labels'] as never,
        sampleWeight,
      };
      const dict = classificationReport(yTrue, yPred, {
        ...o,
        outputDict: true,
        onWarning: () => undefined,
      });
      return { dict, text: classificationReport(yTrue, yPred, { ...o, onWarning }) };
    }
    default:
      throw new Error(`no runner for ${c.metric}`);
  }
}

describe('random scikit-learn 1.2.1 cases (scripts/gen-random-cases.py)', () => {
  it('has the 250 generated cases', () => expect(cases.length).toBe(250));
  const returnsNaN = (c: { expected?: unknown }): boolean =>
    containsNaN(reviveNonFinite(c.expected));
  it.each(
    cases
      .filter((c) => c.error === undefined && !returnsNaN(c))
      .map((c) => [`${c.id} ${c.metric}`, c] as const),
  )('case %s matches, warnings included', (_id, c) => {
    const warnings: MetricWarning[] = [];
    expectClose(
      run(c, (w) => warnings.push(w)),
      reviveNonFinite(c.expected),
    );
    expect(warnings).toEqual(c.warnings);
  });
  it.each(
    cases
      .filter((c) => c.error === undefined && returnsNaN(c))
      .map((c) => [`${c.id} ${c.metric}`, c] as const),
  )('case %s throws EMPTY_INPUT or UNDEFINED_RESULT where scikit-learn returns NaN', (_id, c) => {
    expectNaNRefused(() => run(c, () => undefined));
  });
  it.each(
    cases
      .filter((c) => c.error !== undefined)
      .map((c) => [`${c.id} ${c.metric}: ${c.error}`, c] as const),
  )('case %s throws', (_id, c) => {
    expect(() => run(c, () => undefined)).toThrow(
      expect.objectContaining({ name: 'MetricsError' }),
    );
  });
});
