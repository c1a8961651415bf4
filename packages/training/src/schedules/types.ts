/**
 * A learning-rate schedule: a pure function from the optimizer step (0-based, the number of updates already made)
 * to a factor of each parameter group's base learning rate, as `torch.optim.lr_scheduler.LambdaLR` applies it.
 */
export type Schedule = (step: number) => number;

/** Options shared by the Hugging Face schedules. */
export interface WarmupOptions {
  /**
   * Linear warm-up steps from 0 to the base rate.
   * @defaultValue 0
   */
  warmupSteps?: number;
}

/** Options of the schedules that decay over a known number of steps. */
export interface DecayOptions extends WarmupOptions {
  /** Total number of optimizer steps. Required. */
  totalSteps: number;
}
