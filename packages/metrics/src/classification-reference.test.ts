import { readReference, reviveNonFinite, type ReferenceCase } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { accuracyScore } from './accuracy-score';
import { balancedAccuracyScore } from './balanced-accuracy-score';
import { classificationReport } from './classification-report';
import { cohenKappaScore } from './cohen-kappa-score';
import { confusionMatrix } from './confusion-matrix';
import { errorRate } from './error-rate';
import { containsNaN, expectClose, expectNaNRefused } from './expect-close.test-helper';
import { f1Score } from './f1-score';
import { fbetaScore } from './fbeta-score';
import { matthewsCorrcoef } from './matthews-corrcoef';
import { precisionRecallFscoreSupport } from './precision-recall-fscore-support';
import { precisionScore } from './precision-score';
import { recallScore } from './recall-score';
import type { Label, MetricWarning } from './types';

type Args = Record<string, unknown>;
// Labels can be the string "NaN", so only numeric arguments and expected values are revived.
const { cases } = readReference<Args>('metrics/classification.json', { revive: false });
const NUMERIC_ARGS = ['beta', 'sample_weight'];

function reviveArgs(args: Args): Args {
  const out: Args = { ...args };
  for (const key of NUMERIC_ARGS) if (key in out) out[key] = reviveNonFinite(out[key]);
  return out;
}

function run(c: ReferenceCase<Args>, onWarning: (w: MetricWarning) => void): unknown {
  const a = reviveArgs(c.args);
  const yTrue = a['y_true'] as Label[];
  const yPred = a['y_pred'] as Label[];
  const sampleWeight = a['sample_weight'] as number[] | undefined;
  const prf = {
    labels: a['labels'] as Label[] | undefined,
    posLabel: a['pos_label'] as Label | undefined,
    sampleWeight,
    zeroDivision: a['zero_division'] as 'warn' | 0 | 1 | undefined,
    onWarning,
    ...('average' in a ? { average: a['average'] as 'macro' } : {}),
  };
  switch (c.metric) {
    case 'accuracy':
      return accuracyScore(yTrue, yPred, {
        normalize: a['normalize'] as boolean | undefined,
        sampleWeight,
        onWarning,
      });
    case 'error_rate':
      return errorRate(yTrue, yPred, {
        normalize: a['normalize'] as boolean | undefined,
        sampleWeight,
        onWarning,
      });
    case 'precision':
      return precisionScore(yTrue, yPred, prf);
    case 'recall':
      return recallScore(yTrue, yPred, prf);
    case 'f1':
      return f1Score(yTrue, yPred, prf);
    case 'fbeta':
      return fbetaScore(yTrue, yPred, { ...prf, beta: a['beta'] as number });
    case 'precision_recall_fscore_support':
      return precisionRecallFscoreSupport(yTrue, yPred, {
        ...prf,
        beta: a['beta'] as number | undefined,
      });
    case 'confusion_matrix':
      return confusionMatrix(yTrue, yPred, {
        labels: a['labels'] as Label[] | undefined,
        sampleWeight,
        normalize: a['normalize'] as 'true' | undefined,
      });
    case 'mcc':
      return matthewsCorrcoef(yTrue, yPred, { sampleWeight });
    case 'balanced_accuracy':
      return balancedAccuracyScore(yTrue, yPred, {
        sampleWeight,
        adjusted: a['adjusted'] as boolean | undefined,
        onWarning,
      });
    case 'cohen_kappa':
      return cohenKappaScore(a['y1'] as Label[], a['y2'] as Label[], {
        labels: a['labels'] as Label[] | undefined,
        weights: a['weights'] as 'linear' | undefined,
        sampleWeight,
        onWarning,
      });
    case 'classification_report': {
      const opts = {
        labels: a['labels'] as Label[] | undefined,
        targetNames: a['target_names'] as string[] | undefined,
        sampleWeight,
        digits: a['digits'] as number | undefined,
        zeroDivision: a['zero_division'] as 0 | undefined,
        onWarning,
      };
      const text = classificationReport(yTrue, yPred, opts);
      const dict = classificationReport(yTrue, yPred, {
        ...opts,
        outputDict: true,
        onWarning: () => undefined,
      });
      return { dict, text };
    }
    default:
      throw new Error(`no runner for ${c.metric}`);
  }
}

/** The MetricsError code for each kind of scikit-learn error in the vectors. */
function expectedCode(message: string): string {
  if (message.startsWith('Found input variables with inconsistent numbers of samples'))
    return 'LENGTH_MISMATCH';
  if (message.startsWith('Mix of label input types')) return 'INVALID_INPUT';
  if (message === 'max() arg is an empty sequence') return 'EMPTY_INPUT';
  // pos_label, average='binary' on multiclass, samplewise average, beta < 0, labels not in y_true,
  // sample weights summing to zero: all about an option.
  return 'INVALID_OPTION';
}

describe('classification reference vectors (scikit-learn 1.2.1)', () => {
  it('covers every case of the file', () => {
    expect(cases.length).toBe(159);
  });

  const returnsNaN = (c: ReferenceCase<Args>): boolean => containsNaN(reviveNonFinite(c.expected));
  it.each(
    cases.filter((c) => c.error === undefined && !returnsNaN(c)).map((c) => [c.id, c] as const),
  )('%s matches scikit-learn', (_id, c) => {
    const warnings: MetricWarning[] = [];
    const actual = run(c, (w) => warnings.push(w));
    expectClose(actual, reviveNonFinite(c.expected));
    // Same warnings, same categories, same messages (each once, as Python's default filter shows them).
    expect(warnings).toEqual(c.warnings.map((w) => ({ category: w.category, message: w.message })));
  });

  it.each(
    cases.filter((c) => c.error === undefined && returnsNaN(c)).map((c) => [c.id, c] as const),
  )('%s throws EMPTY_INPUT or UNDEFINED_RESULT where scikit-learn returns NaN', (_id, c) => {
    expectNaNRefused(() => run(c, () => undefined));
  });

  it.each(cases.filter((c) => c.error !== undefined).map((c) => [c.id, c] as const))(
    '%s throws a MetricsError where scikit-learn raises',
    (_id, c) => {
      expect(() => run(c, () => undefined)).toThrow(
        expect.objectContaining({
          name: 'MetricsError',
          code: expectedCode(c.error?.message ?? ''),
        }),
      );
    },
  );
});
