import { TrainingError } from './errors';
import { Optimizer, assertNumber } from './optimizer';
import type { BaseOptimizerOptions, TensorUpdateArgs } from './optimizer';
import type { Params } from './types';
import { checkOptionsObject, show, isList } from './check-args';

/** Options of {@link Adafactor}; names follow `transformers.optimization.Adafactor`. */
export interface AdafactorOptions extends Omit<BaseOptimizerOptions, 'learningRate'> {
  /**
   * External learning rate. Needed with `relativeStep: false`, refused with `relativeStep: true` (as HF).
   * @defaultValue none
   */
  learningRate?: number;
  /** Regularisers of the squared gradient and of the parameter scale. @defaultValue [1e-30, 1e-3] */
  eps?: readonly [number, number];
  /** Largest RMS of the unscaled update; larger updates are scaled down to it. @defaultValue 1 */
  clipThreshold?: number;
  /** Second-moment decay: `β₂ₜ = 1 − t^decayRate`. @defaultValue -0.8 */
  decayRate?: number;
  /** First-moment coefficient; leave it out (HF's `beta1=None`) to keep no first moment. @defaultValue none */
  beta1?: number;
  /** Decoupled weight decay `p ← p − wd·lr·p`. @defaultValue 0 */
  weightDecay?: number;
  /** Scale the step by the parameter's RMS (at least `eps[1]`). @defaultValue true */
  scaleParameter?: boolean;
  /** Use the time-dependent step `min(1e-2, 1/√t)` instead of `learningRate`. @defaultValue true */
  relativeStep?: boolean;
  /** With `relativeStep`, warm up as `min(1e-6·t, 1/√t)`. @defaultValue false */
  warmupInit?: boolean;
  /**
   * Shape of each parameter (ours are flat). Parameters of rank ≥ 2 keep a factored second moment: row means over
   * the last axis, column means over the one before. @defaultValue every parameter 1-D (unfactored)
   */
  shapes?: Readonly<Record<string, readonly number[]>>;
}

interface Layout {
  /** Product of the leading axes (1 for a matrix), rows and columns of the last two. */
  batch: number;
  rows: number;
  cols: number;
}

/**
 * Adafactor (Shazeer & Stern 2018) with Hugging Face semantics (`transformers.optimization.Adafactor`): factored
 * second moment for parameters of rank ≥ 2, relative step and parameter-scale learning rate, update clipping by
 * RMS, optional first moment. With `relativeStep` (the default) the rate is computed per step and a schedule has
 * no effect, as in HF; pass `relativeStep: false, scaleParameter: false, learningRate` for an external schedule.
 * @throws {TrainingError} INVALID_OPTION on `learningRate` with `relativeStep`, none without it, `warmupInit`
 *   without `relativeStep`, or out-of-range options; SHAPE_MISMATCH when a shape does not match its parameter.
 * @example new Adafactor(params, { shapes: { 'dense.weight': [768, 768] } })
 * @see https://github.com/huggingface/transformers/blob/main/src/transformers/optimization.py
 * @see https://arxiv.org/abs/1804.04235
 */
export class Adafactor extends Optimizer {
  readonly kind = 'adafactor';
  private readonly eps1: number;
  private readonly eps2: number;
  private readonly clipThreshold: number;
  private readonly decayRate: number;
  private readonly beta1: number | undefined;
  private readonly scaleParameter: boolean;
  private readonly relativeStep: boolean;
  private readonly warmupInit: boolean;
  private readonly layouts = new Map<string, Layout>();

  constructor(params: Params, options: AdafactorOptions = {}) {
    checkOptionsObject('Adafactor', options);
    if (options.eps !== undefined && !(isList(options.eps) && options.eps.length === 2))
      throw new TrainingError(
        'INVALID_OPTION',
        `Adafactor: eps must be a pair [eps1, eps2], got ${show(options.eps)}`,
      );
    const relativeStep = options.relativeStep ?? true;
    if (relativeStep && options.learningRate !== undefined)
      throw new TrainingError(
        'INVALID_OPTION',
        'Adafactor: learningRate cannot be combined with relativeStep (HF refuses it too); pass relativeStep: false',
      );
    if (!relativeStep && options.learningRate === undefined)
      throw new TrainingError(
        'INVALID_OPTION',
        'Adafactor: relativeStep: false needs a learningRate',
      );
    if ((options.warmupInit ?? false) && !relativeStep)
      throw new TrainingError('INVALID_OPTION', 'Adafactor: warmupInit needs relativeStep: true');
    // With relativeStep the groups' rate is unused; 0 keeps schedules and logs from suggesting otherwise.
    super(params, { ...options, learningRate: options.learningRate ?? 0 }, 0);
    [this.eps1, this.eps2] = options.eps ?? [1e-30, 1e-3];
    assertNumber('eps[0]', this.eps1, 0);
    assertNumber('eps[1]', this.eps2, 0);
    this.clipThreshold = options.clipThreshold ?? 1;
    assertNumber('clipThreshold', this.clipThreshold, Number.MIN_VALUE);
    this.decayRate = options.decayRate ?? -0.8;
    assertNumber('decayRate', this.decayRate, -Infinity, 0);
    this.beta1 = options.beta1;
    if (this.beta1 !== undefined) assertNumber('beta1', this.beta1, 0, 0.999999999);
    this.scaleParameter = options.scaleParameter ?? true;
    this.relativeStep = relativeStep;
    this.warmupInit = options.warmupInit ?? false;
    for (const [name, dims] of Object.entries(options.shapes ?? {})) {
      const p = params[name];
      if (p === undefined)
        throw new TrainingError(
          'UNKNOWN_PARAMETER',
          `Adafactor: shapes names unknown parameter '${name}'`,
        );
      const size = dims.reduce((a, b) => a * b, 1);
      if (size !== p.length || dims.some((d) => !(Number.isInteger(d) && d > 0)))
        throw new TrainingError(
          'SHAPE_MISMATCH',
          `Adafactor: shape [${dims.join(', ')}] of '${name}' has ${size} values, the parameter has ${p.length}`,
        );
      if (dims.length >= 2)
        this.layouts.set(name, {
          batch: dims.slice(0, -2).reduce((a, b) => a * b, 1),
          rows: dims[dims.length - 2]!,
          cols: dims[dims.length - 1]!,
        });
    }
  }

  protected override bufferLength(name: string, key: string): number {
    const l = this.layouts.get(name);
    if (l !== undefined && key === 'expAvgSqRow') return l.batch * l.rows;
    if (l !== undefined && key === 'expAvgSqCol') return l.batch * l.cols;
    return super.bufferLength(name, key);
  }

  protected update(...[name, p, g, group, t]: TensorUpdateArgs): void {
    const n = p.length;
    const layout = this.layouts.get(name);
    let rmsP = 0;
    for (let i = 0; i < n; i++) rmsP += p[i]! * p[i]!;
    rmsP = Math.fround(Math.sqrt(rmsP) / Math.sqrt(n));
    // HF Adafactor._get_lr: relative step min(1e-2 or 1e-6·t, 1/√t), times max(eps[1], RMS(p)).
    const relStep = this.relativeStep
      ? Math.min(this.warmupInit ? 1e-6 * t : 1e-2, 1 / Math.sqrt(t))
      : group.learningRate;
    const lr = (this.scaleParameter ? Math.max(this.eps2, rmsP) : 1) * relStep;
    const beta2t = 1 - t ** this.decayRate;
    const update = new Float32Array(n);
    if (layout !== undefined) {
      const { batch, rows, cols } = layout;
      const row = this.buffer(name, 'expAvgSqRow', batch * rows);
      const col = this.buffer(name, 'expAvgSqCol', batch * cols);
      const sq = (i: number) => Math.fround(g[i]! * g[i]! + this.eps1);
      for (let b = 0; b < batch; b++) {
        const base = b * rows * cols;
        for (let r = 0; r < rows; r++) {
          let s = 0;
          for (let c = 0; c < cols; c++) s += sq(base + r * cols + c);
          const k = b * rows + r;
          row[k] = Math.fround(beta2t * row[k]! + (1 - beta2t) * Math.fround(s / cols));
        }
        for (let c = 0; c < cols; c++) {
          let s = 0;
          for (let r = 0; r < rows; r++) s += sq(base + r * cols + c);
          const k = b * cols + c;
          col[k] = Math.fround(beta2t * col[k]! + (1 - beta2t) * Math.fround(s / rows));
        }
        // v̂ = row·col / mean(row): the rank-1 approximation of the second moment (paper, Alg. 4).
        let rowMean = 0;
        for (let r = 0; r < rows; r++) rowMean += row[b * rows + r]!;
        rowMean = Math.fround(rowMean / rows);
        for (let r = 0; r < rows; r++) {
          const rf = Math.fround(1 / Math.sqrt(Math.fround(row[b * rows + r]! / rowMean)));
          for (let c = 0; c < cols; c++) {
            const cf = Math.fround(1 / Math.sqrt(col[b * cols + c]!));
            const i = base + r * cols + c;
            update[i] = Math.fround(rf * cf) * g[i]!;
          }
        }
      }
    } else {
      const v = this.buffer(name, 'expAvgSq', n);
      for (let i = 0; i < n; i++) {
        v[i] = Math.fround(beta2t * v[i]! + (1 - beta2t) * Math.fround(g[i]! * g[i]! + this.eps1));
        update[i] = Math.fround(1 / Math.sqrt(v[i]!)) * g[i]!;
      }
    }
    // Update clipping (paper, sec. 6): divide by max(1, RMS(update) / d).
    let rmsU = 0;
    for (let i = 0; i < n; i++) rmsU += update[i]! * update[i]!;
    const denom = Math.max(Math.sqrt(rmsU) / Math.sqrt(n) / this.clipThreshold, 1);
    for (let i = 0; i < n; i++) update[i] = Math.fround(update[i]! / denom) * lr;
    if (this.beta1 !== undefined) {
      const m = this.buffer(name, 'expAvg', n);
      for (let i = 0; i < n; i++)
        update[i] = m[i] = Math.fround(this.beta1 * m[i]! + (1 - this.beta1) * update[i]!);
    }
    const wd = group.weightDecay;
    for (let i = 0; i < n; i++) {
      let pi = p[i]!;
      if (wd !== 0) pi = Math.fround(pi - wd * lr * pi);
      p[i] = Math.fround(pi - update[i]!);
    }
  }
}
