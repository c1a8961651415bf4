import type { RunRobustness } from '@nlpft/cli';
import { accuracyScore, reliabilityDiagram } from '@nlpft/metrics';

/**
 * Equal-width bins of every ECE and reliability diagram in the demo: 10, (i/10, (i+1)/10], over the top-label
 * confidence (Guo et al. 2017). The edges are those of scikit-learn's `calibration_curve(strategy='uniform')`
 * (a value on an edge joins the lower bin); what is binned is not: sklearn bins the positive-class probability.
 */
export const CALIBRATION_BINS = 10;

/** A test split and perturbed copies of it, item for item, as one list to score in one pass. */
export interface TestVariants<T> {
  clean: readonly T[];
  perturbed: readonly { name: string; items: readonly T[] }[];
}

/** The clean split followed by every perturbed copy: what a fine-tuning run scores. */
export function allItems<T>(v: TestVariants<T>): T[] {
  return [...v.clean, ...v.perturbed.flatMap((p) => p.items)];
}

/**
 * Splits per-item outputs of {@link allItems} back into the clean part and one part per perturbation.
 * @throws {Error} when the outputs do not cover every item once.
 */
export function splitOutputs<O>(v: TestVariants<unknown>, outputs: readonly O[]): O[][] {
  const n = v.clean.length;
  const expected = n * (1 + v.perturbed.length);
  if (outputs.length !== expected || v.perturbed.some((p) => p.items.length !== n))
    throw new Error(
      `splitOutputs: ${outputs.length} outputs for ${n} clean items and ${v.perturbed.length} copies of the same length (${expected} expected)`,
    );
  return Array.from({ length: 1 + v.perturbed.length }, (_, k) =>
    outputs.slice(k * n, (k + 1) * n),
  );
}

/**
 * Calibration (ECE and the reliability bins, on the clean split) and accuracy on each perturbed copy of one
 * fine-tuned model, from its predictions and class probabilities over {@link allItems}.
 */
export function runRobustness(
  v: TestVariants<unknown>,
  yTrue: readonly number[],
  predictions: readonly number[],
  probabilities: readonly (readonly number[])[],
): RunRobustness {
  const [cleanProbs] = splitOutputs(v, probabilities);
  const preds = splitOutputs(v, predictions);
  const diagram = reliabilityDiagram(yTrue, cleanProbs!, { nBins: CALIBRATION_BINS });
  return {
    ece: diagram.expectedCalibrationError,
    reliability: diagram.bins.map((b) => ({
      lower: b.lower,
      upper: b.upper,
      count: b.count,
      correct: (b.accuracy ?? 0) * b.count,
      confidenceSum: (b.confidence ?? 0) * b.count,
    })),
    perturbed: Object.fromEntries(
      v.perturbed.map((p, k) => [p.name, accuracyScore(yTrue, preds[k + 1]!)]),
    ),
  };
}
