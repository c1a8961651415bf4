import { createSession } from '@nlpft/inference';
import { OnnxError, createGradientSession, graphToModel, writeModel } from '@nlpft/onnx';
import type { BatchTensor, Graph, TrainingRunner } from '@nlpft/onnx';
import { TrainingError } from './errors';
import type { GradientsTransfer } from './gradient-sums';
import type { LossAndGrads, Params, StepContext, Trainable } from './types';

/** Options of {@link OnnxTrainable.create}. */
export interface OnnxTrainableOptions<E> {
  /**
   * Turns a micro-batch of examples into the graph's batch inputs (input_ids, attention_mask, labels, …). Required.
   * During training it also gets the step's context, whose `rng` may be used for random masking (MLM) so that a
   * resumed run draws the same masks; at inference (`forward`, `snapshot`) the context is undefined.
   */
  collate: (examples: readonly E[], context?: StepContext) => Record<string, BatchTensor>;
  /**
   * Which float32 initializers are parameters the optimizer sees.
   * @defaultValue every float32 initializer
   */
  isParameter?: (name: string) => boolean;
  /**
   * Run the graph's Dropout nodes in training mode, masks seeded from the run's RNG.
   * @defaultValue true
   */
  dropout?: boolean;
  /**
   * Recompute each transformer layer's activations during backward instead of keeping them from the forward pass
   * (HF's `gradient_checkpointing`): less memory, about one more forward pass of time. Gradients equal the plain
   * ones to float rounding (see @nlpft/onnx's `createGradientSession`).
   * @defaultValue false
   */
  gradientCheckpointing?: boolean;
  /**
   * Threads onnxruntime uses inside one op.
   * @defaultValue onnxruntime's default
   */
  intraOpNumThreads?: number;
  /**
   * Where every session of this model runs, training and inference alike. `'cuda'` needs onnxruntime-node's CUDA
   * provider (install with `ONNXRUNTIME_NODE_INSTALL=cuda12`); without it the first step throws @nlpft/onnx's
   * `PROVIDER_UNAVAILABLE`. @defaultValue 'cpu'
   */
  device?: 'cpu' | 'cuda';
}

/** An inference session over a frozen copy of an {@link OnnxTrainable}'s parameters. */
export interface OnnxSnapshot<E> {
  /** Runs a batch; returns each requested output's data and dims. */
  run(
    examples: readonly E[],
  ): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>>;
  /** Releases the session. */
  dispose(): Promise<void>;
}

/**
 * Full and partial fine-tuning of an ONNX model through @nlpft/onnx's autodiff `TrainingRunner`: the graph
 * (with a scalar loss output) is differentiated for exactly the step's trainable set (one runner per distinct set,
 * created lazily with the frozen tensors' current values baked in), so frozen tensors get no gradient and cost no
 * backward work. Parameters live here, shared with every runner, so an optimizer updates them in place.
 * Dropout masks are seeded from the run's {@link SeededRng}.
 * @example
 * const model = await OnnxTrainable.create(graphWithLoss, { collate });
 * await new Trainer({ model, optimizer: new AdamW(model.params, { learningRate: 1e-3 }), train }).train();
 */
export class OnnxTrainable<E> implements Trainable<E> {
  readonly params: Params;
  private readonly runners = new Map<string, TrainingRunner>();

  private constructor(
    private readonly graph: Graph,
    params: Params,
    private readonly options: OnnxTrainableOptions<E>,
  ) {
    this.params = params;
  }

  /**
   * @throws {TrainingError} INVALID_OPTION when no float32 initializer is a parameter.
   */
  static create<E>(graph: Graph, options: OnnxTrainableOptions<E>): OnnxTrainable<E> {
    const params: Params = {};
    const own = graph.clone();
    for (const [name, t] of graph.initializers) {
      if (t.type === 'float32' && (options.isParameter?.(name) ?? true)) {
        const data = Float32Array.from(t.data as Float32Array);
        params[name] = data;
        // Our graph points at the live parameters, not at the caller's arrays: the weights are held once here,
        // and the caller's copy can be freed once the caller drops its graph.
        own.initializers.set(name, { ...t, data });
      }
    }
    if (Object.keys(params).length === 0)
      throw new TrainingError(
        'INVALID_OPTION',
        'OnnxTrainable: the graph has no float32 parameters',
      );
    return new OnnxTrainable(own, params, options);
  }

  /** Trainable sets seen so far (one onnxruntime session each). */
  get sessions(): number {
    return this.runners.size;
  }

  private async runner(trainable: readonly string[]): Promise<TrainingRunner> {
    const key = trainable.join('\u0000');
    const cached = this.runners.get(key);
    if (cached) return cached;
    const g = this.graph.clone();
    // Frozen parameters are baked into this runner's graph at their current values (a snapshot, as the session
    // holds them); trainable ones stay the live arrays, which the runner feeds every step without copying.
    const live = new Set(trainable);
    for (const [name, data] of Object.entries(this.params)) {
      if (live.has(name)) continue;
      const t = g.initializers.get(name)!;
      g.initializers.set(name, { ...t, data: data.slice() });
    }
    const runner = await createGradientSession(g, {
      trainable,
      dropout: this.options.dropout ?? true,
      gradientCheckpointing: this.options.gradientCheckpointing ?? false,
      intraOpNumThreads: this.options.intraOpNumThreads,
      executionProviders: [this.options.device ?? 'cpu'],
      shareParameters: true,
    });
    this.runners.set(key, runner);
    return runner;
  }

  /**
   * Forward + backward for the step's trainable parameters only. The gradient arrays are new on every call and
   * the caller's to keep and overwrite (`gradsTransferred`).
   * @throws {TrainingError} NON_FINITE_LOSS naming the step; UNKNOWN_PARAMETER for a trainable name that is not a
   *   parameter; INVALID_OPTION when nothing is trainable.
   */
  async computeGradients(
    examples: readonly E[],
    context: StepContext,
  ): Promise<LossAndGrads & GradientsTransfer> {
    const names = Object.keys(this.params).filter((n) => context.trainable.has(n));
    for (const n of context.trainable)
      if (!(n in this.params))
        throw new TrainingError(
          'UNKNOWN_PARAMETER',
          `trainable parameter '${n}' is not a float32 initializer of the graph`,
        );
    if (names.length === 0)
      throw new TrainingError('INVALID_OPTION', `step ${context.step}: no parameter is trainable`);
    const runner = await this.runner(names);
    try {
      const r = await runner.step(this.options.collate(examples, context), {
        dropoutSeed: context.rng.next(),
      });
      // onnxruntime-node copies each output into an ArrayBuffer of its own, made for this run, so the arrays are
      // handed over (`gradsTransferred`) and the Trainer sums into them instead of into a second set. Should two
      // ever share memory (a future binding returning views), the later one is copied to keep that promise.
      const grads: Record<string, Float32Array> = {};
      const seen = new Set<ArrayBufferLike>();
      for (const [n, g] of r.gradients) {
        const f = g instanceof Float32Array ? g : Float32Array.from(g);
        grads[n] = seen.has(f.buffer) ? f.slice() : f;
        seen.add(f.buffer);
      }
      return { loss: r.loss, grads, gradsTransferred: true };
    } catch (error) {
      if (error instanceof OnnxError && error.code === 'NON_FINITE_LOSS') {
        throw new TrainingError('NON_FINITE_LOSS', `step ${context.step}: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  /** A copy of the graph with the current parameter values written into its initializers (for export). */
  toGraph(): Graph {
    const g = this.graph.clone();
    for (const [name, data] of Object.entries(this.params))
      g.initializers.set(name, { ...g.initializers.get(name)!, data: data.slice() });
    return g;
  }

  /**
   * An inference-mode session (dropout off, no gradients) frozen at the current parameters, for evaluating many
   * batches with one session; `run` returns the requested graph outputs. Dispose it when done.
   * @throws {TrainingError} INVALID_OPTION when the graph lacks one of `outputs`.
   */
  async snapshot(outputs: readonly string[] = ['logits']): Promise<OnnxSnapshot<E>> {
    const g = this.toGraph();
    for (const output of outputs)
      if (!g.outputs.some((o) => o.name === output))
        throw new TrainingError('INVALID_OPTION', `the graph has no output '${output}'`);
    g.outputs = g.outputs.filter((o) => outputs.includes(o.name));
    const session = await createSession(writeModel(graphToModel(g)), {
      device: this.options.device ?? 'cpu',
    });
    const collate = this.options.collate;
    return {
      async run(examples) {
        const batch = collate(examples);
        const feeds = Object.fromEntries(
          session.inputs.map((i) => {
            const t = batch[i.name];
            if (t === undefined)
              throw new TrainingError('INVALID_OPTION', `collate() gave no '${i.name}'`);
            const type =
              t.data instanceof BigInt64Array
                ? 'int64'
                : t.data instanceof Int32Array
                  ? 'int32'
                  : 'float32';
            return [i.name, { type, data: t.data as Float32Array, dims: t.dims }] as const;
          }),
        );
        const result = await session.run(feeds);
        return Object.fromEntries(
          outputs.map((o) => [o, { data: result[o]!.data as Float32Array, dims: result[o]!.dims }]),
        );
      },
      dispose: () => session.dispose(),
    };
  }

  /**
   * Inference-mode forward pass (dropout off, no gradients) with the current parameters, through an
   * @nlpft/inference session; returns one graph output (default 'logits'). For many batches use {@link snapshot}.
   * @throws {TrainingError} INVALID_OPTION when the graph has no such output.
   */
  async forward(
    examples: readonly E[],
    output = 'logits',
  ): Promise<{ data: Float32Array; dims: readonly number[] }> {
    const snap = await this.snapshot([output]);
    try {
      return (await snap.run(examples))[output]!;
    } finally {
      await snap.dispose();
    }
  }

  /** Releases every onnxruntime session. */
  async dispose(): Promise<void> {
    for (const r of this.runners.values()) await r.dispose();
    this.runners.clear();
  }
}
