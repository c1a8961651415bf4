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
