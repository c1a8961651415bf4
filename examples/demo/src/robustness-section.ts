import type {
  ChoiceRun,
  DemoResults,
  FinetuneRun,
  RobustnessSection,
  RobustnessSituation,
} from '@nlpft/cli';
import { CALIBRATION_BINS } from './run-robustness';
import type { TaskTexts } from './perturbation-info';
import { perturbationInfo } from './perturbation-info';
import type { Tokenizer } from '@nlpft/tokenizers';

type Measured = Pick<DemoResults, 'similar' | 'finetuning' | 'situations' | 'data'>;
type Run = FinetuneRun | ChoiceRun;

/**
 * For each situation of the lecture's map: its best pre-trained strategy's runs and their random-init twins (same
 * strategy, size and seed), with the calibration and perturbed accuracies each run measured. Nothing is trained
 * here; runs without robustness numbers are left out.
 */
export function robustnessSituations(r: Measured): RobustnessSituation[] {
  return r.situations.map((s) => {
    const runs: readonly Run[] = s.similarity === 'similar' ? r.similar.runs : r.finetuning;
    const own = runs.filter((x) => x.trainSize === s.trainSize && x.strategy === s.measuredBest);
    return {
      similarity: s.similarity,
      size: s.size,
      trainSize: s.trainSize,
      task: s.task,
      strategy: s.measuredBest,
      baseline: s.similarity === 'similar' ? r.similar.chance : r.data.majorityBaseline,
      runs: own.flatMap((x) =>
        x.robustness === undefined
          ? []
          : [{ init: x.init, seed: x.seed, accuracy: x.accuracy, ...x.robustness }],
      ),
    };
  });
}

/** The robustness section: the binning, the perturbations and what they change, and the per-situation runs. */
export function robustnessSection(
  r: Measured,
  tokenizer: Tokenizer,
  texts: TaskTexts,
): RobustnessSection {
  return {
    nBins: CALIBRATION_BINS,
    binning:
      `top-label confidence in ${CALIBRATION_BINS} equal-width bins (i/${CALIBRATION_BINS}, (i+1)/${CALIBRATION_BINS}] ` +
      `(Guo et al. 2017); scikit-learn's calibration_curve(strategy='uniform') cuts the same edges but bins the ` +
      `positive-class probability instead`,
    ...perturbationInfo(tokenizer, texts),
    situations: robustnessSituations(r),
  };
}
