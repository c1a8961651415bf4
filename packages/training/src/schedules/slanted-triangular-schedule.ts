import { checkOptionsObject } from '../check-args';
import { TrainingError } from '../errors';
import type { Schedule } from './types';
import { checkNumber, checkRange } from './validate';

/** Options of {@link slantedTriangularSchedule} (Howard & Ruder 2018, eq. 3). */
export interface SlantedTriangularOptions {
  /** Total steps T. Required. */
  totalSteps: number;
  /**
   * Fraction of steps spent increasing the rate; the rise lasts `floor(T · cutFrac)` steps.
   * @defaultValue 0.1
   */
  cutFrac?: number;
  /**
   * How much smaller the lowest rate is than the peak.
   * @defaultValue 32
   */
  ratio?: number;
}

/**
 * ULMFiT slanted triangular rates, as AllenNLP's `SlantedTriangular` computes them: `cut = floor(T·cutFrac)` steps
 * of linear rise from 1/ratio to 1, then a linear fall over the remaining `T − cut` steps, reaching 1/ratio at step
 * T and staying there. The factor is in [1/ratio, 1] for every step.
 * @throws {TrainingError} `INVALID_OPTION` when `cutFrac` is outside (0, 1), `ratio` < 1 or T·cutFrac < 1.
 * @example slantedTriangularSchedule({ totalSteps: 25 })(3) // 705 / 736 ≈ 0.9579
 * @see https://docs.allennlp.org/main/api/training/learning_rate_schedulers/slanted_triangular/
 */
export function slantedTriangularSchedule(options: SlantedTriangularOptions): Schedule {
  checkOptionsObject('slantedTriangularSchedule', options);
  const fn = 'slantedTriangularSchedule';
  const t = options.totalSteps;
  const cf = options.cutFrac ?? 0.1;
  const ratio = options.ratio ?? 32;
  checkNumber(fn, 'totalSteps', t, { min: 1, required: true });
  checkRange(fn, 'cutFrac', cf, 0, 1, true);
  checkNumber(fn, 'ratio', ratio, { min: 1, integer: false });
  const cut = Math.floor(t * cf);
  // AllenNLP would run without a rise (cut = 0); a zero-length warm-up is almost always a mis-set totalSteps.
  if (cut < 1)
    throw new TrainingError(
      'INVALID_OPTION',
      `${fn}: totalSteps * cutFrac must be >= 1, got ${t} * ${cf} = ${t * cf}`,
    );
  return (step) => {
    // The paper's eq. 3 divides the fall by cut·(1/cutFrac − 1), which equals T − cut only when T·cutFrac is an
    // integer; otherwise the factor overshoots below 1/ratio (even below 0). T − cut is exact for every T.
    const s = Math.min(step, t);
    const p = s < cut ? s / cut : 1 - (s - cut) / (t - cut);
    return (1 + p * (ratio - 1)) / ratio;
  };
}
