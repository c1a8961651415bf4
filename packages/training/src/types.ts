import type { SeededRng } from './seeded-rng';

/** Named parameter tensors, flattened row-major; optimizers update them in place. */
export type Params = Record<string, Float32Array>;
/** Named gradients; a missing name means "no gradient this step" (the parameter is skipped, as PyTorch skips `grad=None`). */
export type Grads = Readonly<Record<string, Float32Array>>;

/** A parameter group: its own learning rate and weight decay, as in `torch.optim` param groups. */
export interface ParamGroup {
  /** Parameter names in this group. */
  params: readonly string[];
  /** Base learning rate of the group. Default: the optimizer's `learningRate`. */
  learningRate?: number;
  /** Weight decay of the group. Default: the optimizer's `weightDecay`. */
  weightDecay?: number;
}

/** What a backend gets for one micro-batch. */
export interface StepContext {
  /** Optimizer step this micro-batch contributes to (0-based). */
  step: number;
  /** Names that need gradients at this step (from the freeze plan); others may be skipped. */
  trainable: ReadonlySet<string>;
  /** The run's single random source, for dropout masks. */
  rng: SeededRng;
}

/** Mean loss over a micro-batch and its gradients (only trainable names need to be present). */
export interface LossAndGrads {
  loss: number;
  grads: Grads;
}

/**
 * A model the {@link Trainer} can fine-tune: live parameter arrays plus forward + backward on a batch.
 * The new-head and ONNX-autodiff backends implement it.
 */
export interface Trainable<E> {
  /** Parameters by name; the optimizer updates these arrays in place. */
  readonly params: Params;
  /** Forward and backward on one micro-batch; `loss` is the mean over its examples. */
  computeGradients(
    examples: readonly E[],
    context: StepContext,
  ): LossAndGrads | Promise<LossAndGrads>;
}
