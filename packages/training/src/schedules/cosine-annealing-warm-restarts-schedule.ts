import type { EtaMinOptions } from './cosine-annealing-schedule';
import { etaMinRatio } from './cosine-annealing-schedule';
import type { Schedule } from './types';
import { checkNumber } from './validate';

/** Options of {@link cosineAnnealingWarmRestartsSchedule} (PyTorch `CosineAnnealingWarmRestarts`, SGDR). */
export interface CosineAnnealingWarmRestartsOptions extends EtaMinOptions {
  /** Steps of the first cycle. Required. */
  t0: number;
  /**
   * Each cycle is `tMult` times longer than the one before.
   * @defaultValue 1
   */
  tMult?: number;
}

/**
 * SGDR (Loshchilov & Hutter 2017) as PyTorch `CosineAnnealingWarmRestarts` steps it once per optimizer step: cosine
 * from the base rate towards `etaMin` over a cycle of `T_i` steps, then a restart with `T_i · tMult`.
 * @throws {TrainingError} `INVALID_OPTION` when `t0` or `tMult` is not a positive integer, or on a bad `etaMin`.
 * @example cosineAnnealingWarmRestartsSchedule({ t0: 4 })(4) // 1 (restart)
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html
 */
export function cosineAnnealingWarmRestartsSchedule(
  options: CosineAnnealingWarmRestartsOptions,
): Schedule {
  const fn = 'cosineAnnealingWarmRestartsSchedule';
  const t0 = options.t0;
  const tMult = options.tMult ?? 1;
  checkNumber(fn, 't0', t0, { min: 1 });
  checkNumber(fn, 'tMult', tMult, { min: 1 });
  const r = etaMinRatio(fn, options);
  return (step) => {
    // Integer walk over the cycles, like PyTorch's step() (T_cur += 1; restart when T_cur >= T_i), rather than its
    // log-based jump for an explicit epoch, which can land one cycle off through rounding.
    let tCur = tMult === 1 ? step % t0 : step;
    let tI = t0;
    while (tCur >= tI) {
      tCur -= tI;
      tI *= tMult;
    }
    return r + ((1 - r) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2;
  };
}
