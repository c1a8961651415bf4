import { TrainingError } from './errors';
import type { SeededRng } from './seeded-rng';
import type { LossAndGrads, Params, StepContext, Trainable } from './types';

/** One example for a head over fixed features. */
export interface FeatureExample {
  features: Float32Array;
  label: number;
}

/** Options of {@link ClassificationHead}. */
export interface ClassificationHeadOptions {
  /**
   * Width of the hidden layer; 0 gives a linear head.
   * @defaultValue 0
   */
  hiddenSize?: number;
  /**
   * Dropout on the features and on the hidden layer during training.
   * @defaultValue 0.1
   */
  dropout?: number;
  /**
   * Hidden activation.
   * @defaultValue 'tanh' (as BERT's pooler and RoBERTa's classification head)
   */
  activation?: 'tanh' | 'relu';
  /**
   * Standardise inputs as `(x - mean) / std` before the head (fixed, not trained; exported as Sub/Div).
   * Build it with {@link ClassificationHead.standardizer} from the training features. Default: none.
   */
  inputScale?: { mean: Float32Array; std: Float32Array };
}

/**
 * A new classification head trained in TypeScript over frozen features: `dropout → dense → tanh → dropout →
 * out_proj` (MLP) or `dropout → out_proj` (linear), softmax cross-entropy. Weights are PyTorch-`nn.Linear` shaped
 * `[out, in]` and initialised like it (U(±1/√fan_in)) from the run's {@link SeededRng}.
 * @throws {TrainingError} INVALID_OPTION on bad sizes.
 * @example const head = new ClassificationHead(768, 2, rng, { hiddenSize: 128 });
 */
export class ClassificationHead implements Trainable<FeatureExample> {
  readonly params: Params;
  readonly inputSize: number;
  readonly numLabels: number;
  readonly hiddenSize: number;
  readonly dropout: number;
  readonly activation: 'tanh' | 'relu';
  readonly inputScale: { mean: Float32Array; std: Float32Array } | undefined;

  /** Per-dimension mean and standard deviation (floored at 1e-6) of training features, for `inputScale`. */
  static standardizer(features: readonly Float32Array[]): {
    mean: Float32Array;
    std: Float32Array;
  } {
    const d = features[0]?.length ?? 0;
    const mean = new Float64Array(d);
    const sq = new Float64Array(d);
    for (const x of features)
      for (let i = 0; i < d; i++) mean[i] = mean[i]! + x[i]! / features.length;
    for (const x of features)
      for (let i = 0; i < d; i++) sq[i] = sq[i]! + (x[i]! - mean[i]!) ** 2 / features.length;
    return {
      mean: Float32Array.from(mean),
      std: Float32Array.from(sq, (v) => Math.max(Math.sqrt(v), 1e-6)),
    };
  }

  constructor(
    inputSize: number,
    numLabels: number,
    rng: SeededRng,
    options: ClassificationHeadOptions = {},
  ) {
    const h = options.hiddenSize ?? 0;
    for (const [n, v, min] of [
      ['inputSize', inputSize, 1],
      ['numLabels', numLabels, 2],
      ['hiddenSize', h, 0],
    ] as const) {
      if (!(Number.isInteger(v) && v >= min))
        throw new TrainingError('INVALID_OPTION', `${n} must be an integer >= ${min}, got ${v}`);
    }
    this.inputSize = inputSize;
    this.numLabels = numLabels;
    this.hiddenSize = h;
    this.dropout = options.dropout ?? 0.1;
    if (!(this.dropout >= 0 && this.dropout < 1))
      throw new TrainingError('INVALID_OPTION', `dropout must be in [0, 1), got ${this.dropout}`);
    this.activation = options.activation ?? 'tanh';
    this.inputScale = options.inputScale;
    if (
      this.inputScale &&
      (this.inputScale.mean.length !== inputSize || this.inputScale.std.length !== inputSize)
    ) {
      throw new TrainingError('SHAPE_MISMATCH', `inputScale must have ${inputSize} means and stds`);
    }
    const uniform = (size: number, fanIn: number) => {
      const bound = 1 / Math.sqrt(fanIn);
      const a = new Float32Array(size);
      for (let i = 0; i < size; i++) a[i] = (rng.next() * 2 - 1) * bound;
      return a;
    };
    const lastIn = h > 0 ? h : inputSize;
    this.params = {};
    if (h > 0) {
      this.params['head.dense.weight'] = uniform(h * inputSize, inputSize);
      this.params['head.dense.bias'] = uniform(h, inputSize);
    }
    this.params['head.out_proj.weight'] = uniform(numLabels * lastIn, lastIn);
    this.params['head.out_proj.bias'] = uniform(numLabels, lastIn);
  }

  private check(x: Float32Array, i: number): void {
    if (x.length !== this.inputSize)
      throw new TrainingError(
        'SHAPE_MISMATCH',
        `example ${i}: features have ${x.length} values, head expects ${this.inputSize}`,
      );
  }

  /** Logits without dropout (evaluation), one Float32Array per example. */
  logits(features: readonly Float32Array[]): Float32Array[] {
    return features.map((x, i) => {
      this.check(x, i);
      return this.forward(x, null, null).logits;
    });
  }

  /** Arg-max label per example. */
  predict(features: readonly Float32Array[]): number[] {
    return this.logits(features).map((l) => {
      let best = 0;
      for (let c = 1; c < l.length; c++) if (l[c]! > l[best]!) best = c;
      return best;
    });
  }

  private forward(
    x: Float32Array,
    m0: Float32Array | null,
    m1: Float32Array | null,
  ): { x0: Float32Array; h: Float32Array | null; logits: Float32Array } {
    const { inputSize: d, hiddenSize: hs, numLabels: c } = this;
    const sc = this.inputScale;
    const xs = sc ? x.map((v, i) => Math.fround(Math.fround(v - sc.mean[i]!) / sc.std[i]!)) : x;
    const x0 = m0 ? xs.map((v, i) => v * m0[i]!) : xs;
    let top = x0;
    let h: Float32Array | null = null;
    if (hs > 0) {
      const w = this.params['head.dense.weight']!;
      const b = this.params['head.dense.bias']!;
      h = new Float32Array(hs);
      for (let j = 0; j < hs; j++) {
        let s = b[j]!;
        for (let i = 0; i < d; i++) s += w[j * d + i]! * x0[i]!;
        h[j] = this.activation === 'tanh' ? Math.tanh(s) : Math.max(0, s);
      }
      top = m1 ? h.map((v, j) => v * m1[j]!) : h;
    }
    const w = this.params['head.out_proj.weight']!;
    const b = this.params['head.out_proj.bias']!;
    const n = top.length;
    const logits = new Float32Array(c);
    for (let k = 0; k < c; k++) {
      let s = b[k]!;
      for (let i = 0; i < n; i++) s += w[k * n + i]! * top[i]!;
      logits[k] = s;
    }
    return { x0, h, logits };
  }

  /**
   * Mean softmax cross-entropy over the batch and its gradients; dropout masks come from `context.rng`.
   * @throws {TrainingError} SHAPE_MISMATCH on a wrong feature size; INVALID_OPTION on a label out of range.
   */
  computeGradients(examples: readonly FeatureExample[], context: StepContext): LossAndGrads {
    const { inputSize: d, hiddenSize: hs, numLabels: c } = this;
    const grads: Record<string, Float32Array> = {};
    for (const [k, v] of Object.entries(this.params)) grads[k] = new Float32Array(v.length);
    const gW2 = grads['head.out_proj.weight']!;
    const gB2 = grads['head.out_proj.bias']!;
    const w2 = this.params['head.out_proj.weight']!;
    const n = examples.length;
    let loss = 0;
    examples.forEach((ex, idx) => {
      this.check(ex.features, idx);
      if (!(Number.isInteger(ex.label) && ex.label >= 0 && ex.label < c)) {
        throw new TrainingError(
          'INVALID_OPTION',
          `example ${idx}: label ${ex.label} is outside 0..${c - 1}`,
        );
      }
      const train = this.dropout > 0;
      const m0 = train ? context.rng.dropoutMask(d, this.dropout) : null;
      const m1 = train && hs > 0 ? context.rng.dropoutMask(hs, this.dropout) : null;
      const { x0, h, logits } = this.forward(ex.features, m0, m1);
      let max = -Infinity;
      for (const l of logits) max = Math.max(max, l);
      let z = 0;
      for (const l of logits) z += Math.exp(l - max);
      loss += -(logits[ex.label]! - max - Math.log(z)) / n;
      const top = hs > 0 ? (m1 ? h!.map((v, j) => v * m1[j]!) : h!) : x0;
      const width = top.length;
      const dTop = new Float64Array(width);
      for (let k = 0; k < c; k++) {
        const dl = (Math.exp(logits[k]! - max) / z - (k === ex.label ? 1 : 0)) / n;
        gB2[k] = gB2[k]! + dl;
        for (let i = 0; i < width; i++) {
          gW2[k * width + i] = gW2[k * width + i]! + dl * top[i]!;
          dTop[i] = dTop[i]! + dl * w2[k * width + i]!;
        }
      }
      if (hs > 0) {
        const gW1 = grads['head.dense.weight']!;
        const gB1 = grads['head.dense.bias']!;
        for (let j = 0; j < hs; j++) {
          const hj = h![j]!;
          const dAct = this.activation === 'tanh' ? 1 - hj * hj : hj > 0 ? 1 : 0;
          const ds = dTop[j]! * (m1 ? m1[j]! : 1) * dAct;
          if (ds === 0) continue;
          gB1[j] = gB1[j]! + ds;
          for (let i = 0; i < d; i++) gW1[j * d + i] = gW1[j * d + i]! + ds * x0[i]!;
        }
      }
    });
    for (const k of Object.keys(grads)) if (!context.trainable.has(k)) delete grads[k];
    return { loss, grads };
  }
}
