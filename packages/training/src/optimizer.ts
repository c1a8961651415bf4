import { adamDecoupledLoop } from './adam-decoupled-loop';
import type { AdamDecoupledArgs } from './adam-decoupled-loop';
import { adamDecoupledSimd } from './adam-decoupled-simd';
import { totalNorm } from './clip-grad';
import { TrainingError } from './errors';
import type { Grads, ParamGroup, Params } from './types';
import { checkNames, checkOptionsObject, checkTensors, isRecord, show, isList } from './check-args';

/** A resolved parameter group. `learningRate` is the current rate; `baseLearningRate` is what schedules scale. */
export interface ResolvedGroup {
  params: string[];
  baseLearningRate: number;
  learningRate: number;
  weightDecay: number;
}

/**
 * What an optimizer's `update` of one tensor takes: the parameter's name, values (updated in place) and gradient,
 * its group (current learning rate, weight decay) and its 1-based step count.
 */
export type TensorUpdateArgs = [
  name: string,
  p: Float32Array,
  g: Float32Array,
  group: ResolvedGroup,
  t: number,
];

/** Everything needed to continue an optimizer exactly: per-parameter step counts and buffers, group rates. */
export interface OptimizerState {
  kind: string;
  groups: Array<{ learningRate: number; baseLearningRate: number }>;
  steps: Record<string, number>;
  buffers: Record<string, Record<string, Float32Array>>;
}

/** Options every optimizer takes. */
export interface BaseOptimizerOptions {
  /** Learning rate. Required. */
  learningRate: number;
  /**
   * Weight decay.
   * @defaultValue 0 (AdamW: 0.01, like PyTorch)
   */
  weightDecay?: number;
  /**
   * Parameter groups. Names not listed are not optimized.
   * @defaultValue one group with every parameter
   */
  groups?: readonly ParamGroup[];
}

/** @internal Range check shared by the optimizers. */
export function assertNumber(name: string, v: number, min: number, max = Infinity): void {
  if (!(Number.isFinite(v) && v >= min && v <= max)) {
    throw new TrainingError(
      'INVALID_OPTION',
      `${name} must be in [${min}, ${max}], got ${String(v)}`,
    );
  }
}

/**
 * Shared machinery of the optimizers: named parameters, groups, lazy per-parameter state, save/restore.
 * Subclasses implement `update` for one tensor.
 */
export abstract class Optimizer {
  readonly params: Params;
  readonly groups: ResolvedGroup[];
  protected steps: Record<string, number> = {};
  protected buffers: Record<string, Record<string, Float32Array>> = {};
  abstract readonly kind: string;

  constructor(params: Params, options: BaseOptimizerOptions, defaultWeightDecay = 0) {
    checkTensors('Optimizer', params, 'params');
    checkOptionsObject('Optimizer', options);
    if (options.groups !== undefined && !isList(options.groups))
      throw new TrainingError(
        'INVALID_OPTION',
        `groups must be an array of parameter groups, got ${show(options.groups)}`,
      );
    options.groups?.forEach((g: unknown, i) => {
      checkOptionsObject('Optimizer', g, { label: `groups[${i}]` });
      checkNames('Optimizer', (g as ParamGroup).params, `groups[${i}].params`);
    });
    assertNumber('learningRate', options.learningRate, 0);
    this.params = params;
    const wd = options.weightDecay ?? defaultWeightDecay;
    assertNumber('weightDecay', wd, 0);
    const specs = options.groups ?? [{ params: Object.keys(params) }];
    const seen = new Set<string>();
    this.groups = specs.map((g, i) => {
      for (const name of g.params) {
        if (!(name in params))
          throw new TrainingError(
            'UNKNOWN_PARAMETER',
            `groups[${i}] names unknown parameter '${name}'`,
          );
        if (seen.has(name))
          throw new TrainingError(
            'INVALID_OPTION',
            `parameter '${name}' is in more than one group`,
          );
        seen.add(name);
      }
      const lr = g.learningRate ?? options.learningRate;
      assertNumber(`groups[${i}].learningRate`, lr, 0);
      const gwd = g.weightDecay ?? wd;
      assertNumber(`groups[${i}].weightDecay`, gwd, 0);
      return { params: [...g.params], baseLearningRate: lr, learningRate: lr, weightDecay: gwd };
    });
  }

  /** Sets every group's rate to its base rate times `factor` (what a {@link Schedule} returns). */
  setLearningRateFactor(factor: number): void {
    if (!(typeof factor === 'number' && Number.isFinite(factor) && factor >= 0))
      throw new TrainingError(
        'INVALID_OPTION',
        `setLearningRateFactor: factor must be a finite number >= 0, got ${show(factor)}`,
      );
    for (const g of this.groups) g.learningRate = g.baseLearningRate * factor;
  }

  /**
   * Sets the momentum a one-cycle policy cycles (torch `OneCycleLR(cycle_momentum=True)`): SGD's `momentum`,
   * Adam's β₁ (its bias correction then uses the new β₁, as torch's does).
   * @throws {TrainingError} `INVALID_OPTION` for an optimizer without momentum or a value outside [0, 1).
   */
  setMomentum(value: number): void {
    throw new TrainingError('INVALID_OPTION', `${this.kind} has no momentum to set (got ${value})`);
  }

  /**
   * One update of every parameter that has a gradient in `grads`.
   * @throws {TrainingError} SHAPE_MISMATCH when a gradient's length differs from its parameter's.
   */
  step(grads: Grads): void {
    checkTensors(`${this.kind}.step`, grads, 'grads');
    for (const g of this.groups) {
      for (const name of g.params) {
        const grad = grads[name];
        if (grad === undefined) continue;
        const p = this.params[name]!;
        if (grad.length !== p.length) {
          throw new TrainingError(
            'SHAPE_MISMATCH',
            `gradient '${name}' has ${grad.length} values, parameter has ${p.length}`,
          );
        }
        const t = (this.steps[name] ?? 0) + 1;
        this.steps[name] = t;
        this.update(name, p, grad, g, t);
      }
    }
  }

  protected buffer(name: string, key: string, size: number): Float32Array {
    const b = (this.buffers[name] ??= {});
    return (b[key] ??= new Float32Array(size));
  }

  protected hasBuffer(name: string, key: string): boolean {
    return this.buffers[name]?.[key] !== undefined;
  }

  /** Length a saved buffer must have; factored optimizers (Adafactor) keep smaller ones. */
  protected bufferLength(name: string, key: string): number {
    void key; // every buffer of SGD and the Adams is parameter-sized
    return this.params[name]!.length;
  }

  protected abstract update(...args: TensorUpdateArgs): void;

  /** A deep copy of the state (step counts, moment buffers, group rates). */
  stateDict(): OptimizerState {
    const buffers: OptimizerState['buffers'] = {};
    for (const [n, b] of Object.entries(this.buffers)) {
      buffers[n] = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.slice()]));
    }
    return {
      kind: this.kind,
      groups: this.groups.map((g) => ({
        learningRate: g.learningRate,
        baseLearningRate: g.baseLearningRate,
      })),
      steps: { ...this.steps },
      buffers,
    };
  }

  /**
   * Restores a state from {@link stateDict}; the next step continues bit-identically.
   * @throws {TrainingError} CHECKPOINT_CORRUPT when kind, groups or buffer sizes do not match.
   */
  loadStateDict(state: OptimizerState): void {
    const ok =
      isRecord(state) &&
      isList(state.groups) &&
      state.groups.every(
        (g) =>
          isRecord(g) && Number.isFinite(g.learningRate) && Number.isFinite(g.baseLearningRate),
      ) &&
      isRecord(state.steps) &&
      Object.values(state.steps).every((t) => Number.isSafeInteger(t) && t >= 0) &&
      isRecord(state.buffers) &&
      Object.values(state.buffers).every(
        (b) => isRecord(b) && Object.values(b).every((v) => v instanceof Float32Array),
      );
    if (!ok)
      throw new TrainingError(
        'CHECKPOINT_CORRUPT',
        `optimizer state must have groups (finite rates), integer steps and Float32Array buffers, got ${show(state)}`,
      );
    if (state.kind !== this.kind || state.groups.length !== this.groups.length) {
      throw new TrainingError(
        'CHECKPOINT_CORRUPT',
        `optimizer state is for ${state.kind} with ${state.groups.length} groups, this is ${this.kind} with ${this.groups.length}`,
      );
    }
    for (const [n, b] of Object.entries(state.buffers)) {
      const p = this.params[n];
      if (p === undefined)
        throw new TrainingError(
          'CHECKPOINT_CORRUPT',
          `optimizer state names unknown parameter '${n}'`,
        );
      for (const [k, v] of Object.entries(b)) {
        const want = this.bufferLength(n, k);
        if (v.length !== want)
          throw new TrainingError(
            'CHECKPOINT_CORRUPT',
            `optimizer buffer ${n}.${k} has ${v.length} values, expected ${want}`,
          );
      }
    }
    state.groups.forEach((g, i) => {
      this.groups[i]!.learningRate = g.learningRate;
      this.groups[i]!.baseLearningRate = g.baseLearningRate;
    });
    this.steps = { ...state.steps };
    this.buffers = {};
    for (const [n, b] of Object.entries(state.buffers)) {
      this.buffers[n] = Object.fromEntries(
        Object.entries(b).map(([k, v]) => [k, Float32Array.from(v)]),
      );
    }
  }
}

/** Options of {@link Sgd} (PyTorch `torch.optim.SGD`). */
export interface SgdOptions extends BaseOptimizerOptions {
  /**
   * Momentum factor.
   * @defaultValue 0
   */
  momentum?: number;
  /**
   * Dampening of the momentum.
   * @defaultValue 0
   */
  dampening?: number;
  /**
   * Nesterov momentum (needs momentum > 0 and dampening 0).
   * @defaultValue false
   */
  nesterov?: boolean;
  /** Maximize the objective: step along the gradient (torch's `maximize`). @defaultValue false */
  maximize?: boolean;
}

/**
 * Stochastic gradient descent with PyTorch semantics: L2 weight decay added to the gradient, momentum buffer
 * initialised to the first gradient, optional dampening and Nesterov.
 * @throws {TrainingError} INVALID_OPTION on out-of-range options or Nesterov without momentum / with dampening.
 * @example new Sgd(params, { learningRate: 0.1, momentum: 0.9 }).step(grads)
 * @see https://pytorch.org/docs/stable/generated/torch.optim.SGD.html
 */
export class Sgd extends Optimizer {
  readonly kind = 'sgd';
  private momentum: number;
  private readonly dampening: number;
  private readonly nesterov: boolean;
  private readonly maximize: boolean;

  constructor(params: Params, options: SgdOptions) {
    checkOptionsObject('Sgd', options);
    super(params, options);
    this.maximize = options.maximize ?? false;
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? false;
    assertNumber('momentum', this.momentum, 0);
    assertNumber('dampening', this.dampening, 0);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new TrainingError('INVALID_OPTION', 'nesterov needs momentum > 0 and dampening 0');
    }
  }

  override setMomentum(value: number): void {
    assertNumber('momentum', value, 0, 0.999999999);
    this.momentum = value;
  }

  protected update(name: string, p: Float32Array, g: Float32Array, group: ResolvedGroup): void {
    const { learningRate: lr, weightDecay: wd } = group;
    const mu = this.momentum;
    const first = !this.hasBuffer(name, 'momentum');
    const buf = mu !== 0 ? this.buffer(name, 'momentum', p.length) : undefined;
    const sign = this.maximize ? -1 : 1;
    for (let i = 0; i < p.length; i++) {
      // torch negates the gradient first, before weight decay and momentum.
      const gi = sign * g[i]!;
      let d = wd !== 0 ? Math.fround(gi + wd * p[i]!) : gi;
      if (buf !== undefined) {
        const b = first ? d : Math.fround(Math.fround(mu * buf[i]!) + (1 - this.dampening) * d);
        buf[i] = b;
        d = this.nesterov ? Math.fround(d + mu * b) : b;
      }
      p[i] = p[i]! - lr * d;
    }
  }
}

/** Options of {@link Adam} and {@link AdamW}. */
export interface AdamOptions extends BaseOptimizerOptions {
  /**
   * Coefficients of the running averages.
   * @defaultValue [0.9, 0.999]
   */
  betas?: readonly [number, number];
  /**
   * Added to the denominator.
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * Keep the maximum of the second moment (Reddi et al. 2018).
   * @defaultValue false
   */
  amsgrad?: boolean;
  /**
   * Bias-correct the moments. `false` gives the original BERTAdam, which the fine-tuning-instability papers blame.
   * @defaultValue true
   */
  biasCorrection?: boolean;
  /**
   * Decoupled weight decay (`p *= 1 - lr·wd` before the update) instead of L2 added to the gradient.
   * @defaultValue false (AdamW: true)
   */
  decoupledWeightDecay?: boolean;
  /** Maximize the objective: the gradient is negated before anything else (torch's `maximize`). @defaultValue false */
  maximize?: boolean;
  /**
   * How the AdamW update (decoupled decay, no AMSGrad, minimizing) runs: `'simd'`, a WebAssembly SIMD kernel two
   * float64 lanes at a time (about 1.6× faster, falls back to `'scalar'` where the runtime lacks WebAssembly SIMD),
   * or `'scalar'`, one JavaScript loop. Both give the same bits. Other configurations always use the general loop.
   * @defaultValue 'simd'
   */
  updateKernel?: AdamUpdateKernel;
}

/** The kernels {@link AdamOptions.updateKernel} chooses from. */
export type AdamUpdateKernel = 'simd' | 'scalar';

const UPDATE_KERNELS: readonly AdamUpdateKernel[] = ['simd', 'scalar'];

/**
 * Adam with PyTorch semantics (`torch.optim.Adam`, `foreach=False`); with `decoupledWeightDecay` it is AdamW,
 * with `biasCorrection: false` it is BERTAdam (`m / (sqrt(v) + eps)`, as pytorch-pretrained-bert's BertAdam).
 * @throws {TrainingError} INVALID_OPTION on betas outside [0, 1), a negative eps or an unknown updateKernel.
 * @example new Adam(params, { learningRate: 1e-3 }).step(grads)
 * @see https://pytorch.org/docs/stable/generated/torch.optim.Adam.html
 */
export class Adam extends Optimizer {
  readonly kind: string = 'adam';
  private beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly amsgrad: boolean;
  private readonly biasCorrection: boolean;
  private readonly decoupled: boolean;
  private readonly maximize: boolean;
  private readonly decoupledUpdate: (...args: AdamDecoupledArgs) => void;

  constructor(params: Params, options: AdamOptions, defaultWeightDecay = 0) {
    checkOptionsObject('Adam', options);
    if (options.betas !== undefined && !(isList(options.betas) && options.betas.length === 2))
      throw new TrainingError(
        'INVALID_OPTION',
        `Adam: betas must be a pair [beta1, beta2], got ${show(options.betas)}`,
      );
    super(params, options, defaultWeightDecay);
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    assertNumber('betas[0]', this.beta1, 0, 0.999999999);
    assertNumber('betas[1]', this.beta2, 0, 0.999999999);
    this.eps = options.eps ?? 1e-8;
    assertNumber('eps', this.eps, 0);
    this.amsgrad = options.amsgrad ?? false;
    this.biasCorrection = options.biasCorrection ?? true;
    this.decoupled = options.decoupledWeightDecay ?? false;
    this.maximize = options.maximize ?? false;
    const kernel = options.updateKernel ?? 'simd';
    if (!UPDATE_KERNELS.includes(kernel))
      throw new TrainingError(
        'INVALID_OPTION',
        `Adam: updateKernel must be one of ${UPDATE_KERNELS.map((k) => `'${k}'`).join(', ')}, got ${show(kernel)}`,
      );
    this.decoupledUpdate = kernel === 'simd' ? adamDecoupledSimd : adamDecoupledLoop;
  }

  override setMomentum(value: number): void {
    assertNumber('betas[0]', value, 0, 0.999999999);
    this.beta1 = value;
  }

  protected update(...[name, p, g, group, t]: TensorUpdateArgs): void {
    const { learningRate: lr, weightDecay: wd } = group;
    const { beta1: b1, beta2: b2, eps } = this;
    const m = this.buffer(name, 'expAvg', p.length);
    const v = this.buffer(name, 'expAvgSq', p.length);
    const vmax = this.amsgrad ? this.buffer(name, 'maxExpAvgSq', p.length) : undefined;
    const stepSize = this.biasCorrection ? lr / (1 - b1 ** t) : lr;
    const bc2Sqrt = this.biasCorrection ? Math.sqrt(1 - b2 ** t) : 1;
    const decay = this.decoupled && wd !== 0 ? 1 - lr * wd : 1;
    const sign = this.maximize ? -1 : 1;
    if (this.decoupled && vmax === undefined && !this.maximize) {
      this.decoupledUpdate(p, g, m, v, { b1, b2, eps, decay, stepSize, bc2Sqrt });
      return;
    }
    for (let i = 0; i < p.length; i++) {
      let pi = p[i]!;
      let gi = sign * g[i]!;
      if (wd !== 0) {
        if (this.decoupled) pi = Math.fround(pi * decay);
        else gi = Math.fround(gi + wd * pi);
      }
      const mi = (m[i] = Math.fround(b1 * m[i]! + (1 - b1) * gi));
      let vi = (v[i] = Math.fround(b2 * v[i]! + (1 - b2) * gi * gi));
      if (vmax !== undefined) vi = vmax[i] = Math.max(vmax[i]!, vi);
      const denom = Math.fround(Math.sqrt(vi) / bc2Sqrt + eps);
      p[i] = pi - stepSize * (mi / denom);
    }
  }
}

/**
 * AdamW (`torch.optim.AdamW`): Adam with decoupled weight decay, default weight decay 0.01.
 * @throws {TrainingError} INVALID_OPTION as {@link Adam}.
 * @example new AdamW(params, { learningRate: 2e-5, weightDecay: 0.01 })
 * @see https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html
 */
export class AdamW extends Adam {
  override readonly kind: string = 'adamw';
  constructor(params: Params, options: AdamOptions) {
    checkOptionsObject('AdamW', options);
    super(params, { ...options, decoupledWeightDecay: options.decoupledWeightDecay ?? true }, 0.01);
  }
}

/** Options of {@link BertAdam}: {@link AdamOptions} plus per-parameter clipping. */
export interface BertAdamOptions extends AdamOptions {
  /**
   * Clip each parameter's gradient to this L2 norm before the update (`clip_grad_norm_(p, max_grad_norm)`, one
   * tensor at a time, as pytorch-pretrained-bert does). `0` turns clipping off (the reference's `max_grad_norm ≤ 0`).
   * The {@link Trainer}'s `maxGradNorm` clips the global norm before this runs.
   * @defaultValue 1
   */
  maxGradNorm?: number;
}

/**
 * pytorch-pretrained-bert's `BertAdam` (the BERT paper's optimizer): no bias correction, eps 1e-6, decoupled weight
 * decay `update = m / (√v + eps) + wd·p`, default weight decay 0.01, and each parameter's gradient clipped to norm 1
 * before the moments. Pass `weightDecay: 0, maxGradNorm: 0` for the plain update.
 * @throws {TrainingError} INVALID_OPTION as {@link Adam}, or a negative maxGradNorm.
 * @example new BertAdam(params, { learningRate: 2e-5 }) // wd 0.01, per-parameter clip 1.0
 * @see https://github.com/huggingface/transformers/blob/v0.6.2/pytorch_pretrained_bert/optimization.py
 */
export class BertAdam extends Adam {
  override readonly kind: string = 'bertadam';
  private readonly maxGradNorm: number;
  private scratch = new Float32Array(0);

  constructor(params: Params, options: BertAdamOptions) {
    checkOptionsObject('BertAdam', options);
    // `??` rather than a spread default, so an explicit `eps: undefined` still gets 1e-6.
    super(
      params,
      { ...options, eps: options.eps ?? 1e-6, biasCorrection: false, decoupledWeightDecay: true },
      0.01,
    );
    this.maxGradNorm = options.maxGradNorm ?? 1;
    assertNumber('maxGradNorm', this.maxGradNorm, 0);
  }

  protected override update(...[name, p, g, group, t]: TensorUpdateArgs): void {
    // clipGradNorm([copy], maxGradNorm)'s coefficient, from the same norm code, without making the copy first.
    const coef =
      this.maxGradNorm > 0 ? Math.min(this.maxGradNorm / (totalNorm([g], 2) + 1e-6), 1) : 1;
    if (coef === 1) {
      super.update(name, p, g, group, t);
      return;
    }
    // Clip a copy (the caller's gradients are not ours to change), in one scratch array kept for every tensor and
    // step rather than a new parameter-sized one each time; the products are clipGradNorm's, bit for bit.
    if (this.scratch.length < g.length) this.scratch = new Float32Array(g.length);
    const clipped = this.scratch.subarray(0, g.length);
    for (let i = 0; i < g.length; i++) clipped[i] = g[i]! * coef;
    super.update(name, p, clipped, group, t);
  }
}
