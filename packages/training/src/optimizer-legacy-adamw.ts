import { TrainingError } from './errors';
import { Optimizer, assertNumber } from './optimizer';
import type { BaseOptimizerOptions, TensorUpdateArgs } from './optimizer';
import type { Params } from './types';
import { checkOptionsObject, show, isList } from './check-args';

/** Options of {@link TransformersAdamW}. */
export interface TransformersAdamWOptions extends Omit<BaseOptimizerOptions, 'learningRate'> {
  /** Learning rate. @defaultValue 1e-3 */
  learningRate?: number;
  /** Coefficients of the running averages. @defaultValue [0.9, 0.999] */
  betas?: readonly [number, number];
  /** Added to `√v` (not bias-corrected, unlike torch's AdamW). @defaultValue 1e-6 */
  eps?: number;
  /** Bias-correct the step size; `false` is BERT's Adam without correction. @defaultValue true */
  correctBias?: boolean;
}

/**
 * The legacy `transformers.AdamW` (transformers ≤ 4.x; older fine-tuning scripts and papers used it), which differs
 * from `torch.optim.AdamW`: eps 1e-6 on the uncorrected `√v`, the bias corrections folded into the step size
 * `lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`, weight decay 0 by default and applied after the Adam step to the updated weights
 * (`p ← p − lr·wd·p`, with the unscaled `lr`).
 * @throws {TrainingError} INVALID_OPTION on betas outside [0, 1), a negative eps or learning rate.
 * @example new TransformersAdamW(params, { learningRate: 2e-5, weightDecay: 0.01 })
 * @see https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/optimization.py
 */
export class TransformersAdamW extends Optimizer {
  readonly kind = 'transformers-adamw';
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly correctBias: boolean;

  constructor(params: Params, options: TransformersAdamWOptions = {}) {
    checkOptionsObject('TransformersAdamW', options);
    if (options.betas !== undefined && !(isList(options.betas) && options.betas.length === 2))
      throw new TrainingError(
        'INVALID_OPTION',
        `TransformersAdamW: betas must be a pair [beta1, beta2], got ${show(options.betas)}`,
      );
    super(params, { ...options, learningRate: options.learningRate ?? 1e-3 }, 0);
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    assertNumber('betas[0]', this.beta1, 0, 0.999999999);
    assertNumber('betas[1]', this.beta2, 0, 0.999999999);
    this.eps = options.eps ?? 1e-6;
    assertNumber('eps', this.eps, 0);
    this.correctBias = options.correctBias ?? true;
  }

  protected update(...[name, p, g, group, t]: TensorUpdateArgs): void {
    const { learningRate: lr, weightDecay: wd } = group;
    const { beta1: b1, beta2: b2, eps } = this;
    const m = this.buffer(name, 'expAvg', p.length);
    const v = this.buffer(name, 'expAvgSq', p.length);
    const stepSize = this.correctBias ? (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t) : lr;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const mi = (m[i] = Math.fround(b1 * m[i]! + (1 - b1) * gi));
      const vi = (v[i] = Math.fround(b2 * v[i]! + (1 - b2) * gi * gi));
      const denom = Math.fround(Math.sqrt(vi) + eps);
      let pi = Math.fround(p[i]! - stepSize * Math.fround(mi / denom));
      // Decay after the step, on the updated weight (the reference's "fixed version" at the end of step()).
      if (wd > 0) pi = Math.fround(pi - lr * wd * pi);
      p[i] = pi;
    }
  }
}
