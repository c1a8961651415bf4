import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { buildGradientGraph } from '../autodiff/build-gradient-graph';
import { seedDropout } from '../autodiff/seed-dropout';
import type { DataType } from '../data-type';
import { checkArg, checkOptions, show } from '../check-args';
import { OnnxError } from '../errors';
import { Graph, graphFromModel, graphToModel } from '../graph';
import type { ModelProto } from '../gen/onnx_pb';
import { elementCount } from '../tensor-data';
import { writeModel } from '../write-model';
import { SeededRandom } from '../builder/seeded-random';
import { loadOrt } from './load-ort';
import type { Ort } from './load-ort';

/**
 * A batch tensor: row-major values and dims; the element type follows the typed array (BigInt64Array → int64). A
 * `{ type, data, dims }` tensor (`TensorLike` of @nlpft/task-inputs and @nlpft/inference, a collated batch's
 * tensors) has this shape and passes as it is, for the element types listed here: only `data` and `dims` are read.
 */
export interface BatchTensor {
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;
  dims: readonly number[];
}

/** Execution providers this package can ask onnxruntime-node for. */
export type ExecutionProvider = 'cpu' | 'cuda';

/** Options of {@link createGradientSession}. */
export interface GradientSessionOptions {
  /** Initializers to train: names, or a predicate on initializer names (float initializers only). */
  trainable: readonly string[] | ((name: string) => boolean);
  /**
   * The scalar loss value.
   * @defaultValue 'loss' when the graph has such an output, else its only output
   */
  loss?: string;
  /**
   * Execution providers in order of preference.
   * @defaultValue ['cpu']
   */
  executionProviders?: readonly ExecutionProvider[];
  /**
   * Threads onnxruntime uses inside one op.
   * @defaultValue onnxruntime's default (one per core)
   */
  intraOpNumThreads?: number;
  /**
   * Forward values to return from each step besides the loss (logits, say).
   * @defaultValue []
   */
  keepOutputs?: readonly string[];
  /**
   * Apply the model's Dropout nodes (training mode), with masks drawn from a per-step seed (see `seedDropout`).
   * Switch off for deterministic, dropout-free gradients.
   * @defaultValue true
   */
  dropout?: boolean;
  /**
   * Seed of the per-step dropout seeds: step `k` of a runner uses the `k`-th draw of a generator seeded with it.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Use the model's trainable initializer arrays themselves as `runner.parameters` instead of copies: no second
   * copy of the weights, and an optimizer's in-place updates show in the graph's tensors. Leave off when the graph
   * must keep its values.
   * @defaultValue false
   */
  shareParameters?: boolean;
  /**
   * onnxruntime's memory-pattern planning. Off by default for training graphs: after the first run it allocates one
   * block for every intermediate of the planned pattern while the CPU arena keeps the chunks of that first run, so
   * the activations kept for backward are held twice (measured: +270 MB on a 4-layer, hidden-256 BERT step, no
   * speed-up).
   * @defaultValue false
   */
  memoryPattern?: boolean;
  /**
   * Gradient checkpointing: backward recomputes each transformer layer's activations from the layer's saved
   * input instead of keeping them from forward (see `recomputeSegments`), as Hugging Face's
   * `gradient_checkpointing` does. Lowers peak memory for about one more forward pass per step; gradients match
   * those without it to float rounding (identical dropout masks).
   * @defaultValue false
   */
  gradientCheckpointing?: boolean;
}

/** Options of {@link TrainingRunner.step}. */
export interface StepOptions {
  /** Dropout seed of this step in [0, 1), overriding the runner's sequence (replays a step's masks exactly). */
  dropoutSeed?: number;
}

/**
 * The dropout seed of step `step` under `seed`: the first uniform of a {@link SeededRandom} (mulberry32) seeded with
 * a hash of both, so each step's masks differ and replay exactly.
 */
export function stepSeed(seed: number, step: number): number {
  checkArg('stepSeed', 'seed', seed, 'finite');
  checkArg('stepSeed', 'step', step, 'nonNegativeInteger');
  return new SeededRandom((seed * 0x9e3779b9 + step * 0x85ebca6b) >>> 0).uniform();
}

/** What one training step computed. */
export interface StepResult {
  loss: number;
  /** Gradient of each trainable parameter, same order and shapes as `runner.parameters`. */
  gradients: Map<string, Float32Array | Float64Array>;
  /** The `keepOutputs` values. */
  outputs: Map<string, { data: ArrayLike<number | bigint>; dims: readonly number[] }>;
}

/** Rejects bad options before onnxruntime is loaded (a NaN thread count or an unknown provider string). */
function checkSessionOptions(options: GradientSessionOptions): void {
  const where = 'createGradientSession';
  checkOptions(
    where,
    options,
    {
      loss: 'string',
      intraOpNumThreads: 'nonNegativeInteger',
      keepOutputs: 'stringList',
      dropout: 'boolean',
      seed: 'finite',
      shareParameters: 'boolean',
      memoryPattern: 'boolean',
      gradientCheckpointing: 'boolean',
    },
    { required: ['trainable'] },
  );
  if (typeof options.trainable !== 'function')
    checkArg(where, 'options.trainable', options.trainable, 'stringList');
  const providers: unknown = options.executionProviders;
  if (providers !== undefined) {
    if (!Array.isArray(providers) || providers.length === 0)
      throw new OnnxError(
        'INVALID_OPTION',
        `${where}: options.executionProviders must be a non-empty array of 'cpu' | 'cuda', got ${show(providers)}`,
      );
    providers.forEach((p, i) =>
      checkArg(where, `options.executionProviders[${i}]`, p, ['cpu', 'cuda']),
    );
  }
}

/** The graph input that carries each step's dropout seed. */
const DROPOUT_SEED = 'nlpft.dropout_seed';

function batchType(t: BatchTensor): 'float32' | 'float64' | 'int64' | 'int32' | 'bool' {
  if (t.data instanceof Float32Array) return 'float32';
  if (t.data instanceof Float64Array) return 'float64';
  if (t.data instanceof BigInt64Array) return 'int64';
  if (t.data instanceof Int32Array) return 'int32';
  return 'bool';
}

/**
 * Runs forward and backward of a model in one onnxruntime session. Parameters live in JS typed arrays
 * (`runner.parameters`) and are fed as inputs every step, so an optimizer updates them in place and the same
 * session serves every step.
 */
export class TrainingRunner {
  /** Trainable parameters by initializer name; update them in place between steps. */
  readonly parameters: Map<string, Float32Array | Float64Array>;
  /** Dims of each parameter. */
  readonly parameterDims: Map<string, readonly number[]>;
  /** The graph the session runs: forward, loss and backward. */
  readonly graph: Graph;
  /** Non-parameter inputs a batch must provide. */
  readonly batchInputs: readonly { name: string; type: DataType }[];
  /** Dropout nodes running with per-step seeded masks (0 when dropout is off or the model has none). */
  readonly dropoutNodes: number;
  private session: InferenceSession | undefined;
  private steps = 0;
  /** Feed tensor of each parameter, remade only when `parameters` maps a name to another array. */
  private readonly parameterFeeds = new Map<
    string,
    { data: Float32Array | Float64Array; tensor: OrtTensor }
  >();

  /** @internal use {@link createGradientSession}. */
  constructor(
    private readonly ort: Ort,
    session: InferenceSession,
    graph: Graph,
    parameters: Map<string, Float32Array | Float64Array>,
    parameterDims: Map<string, readonly number[]>,
    private readonly lossName: string,
    private readonly gradientNames: Map<string, string>,
    private readonly keepOutputs: readonly string[],
    dropoutNodes: number,
    private readonly seed: number,
  ) {
    this.dropoutNodes = dropoutNodes;
    this.session = session;
    this.graph = graph;
    this.parameters = parameters;
    this.parameterDims = parameterDims;
    this.batchInputs = graph.inputs
      .filter((v) => !parameters.has(v.name) && v.name !== DROPOUT_SEED)
      .map((v) => ({ name: v.name, type: v.type }));
  }

  /**
   * One forward + backward pass on a batch.
   * @throws {OnnxError} `INVALID_BATCH` when an input is missing or mistyped; `NON_FINITE_LOSS` when the loss is
   *   NaN or infinite; `RUN_FAILED` when onnxruntime fails; `DISPOSED` after {@link dispose}.
   * @example const { loss, gradients } = await runner.step({ input_ids: { data: ids, dims: [2, 8] }, labels });
   */
  async step(
    batch: Readonly<Record<string, BatchTensor>>,
    options: StepOptions = {},
  ): Promise<StepResult> {
    const session = this.session;
    if (session === undefined)
      throw new OnnxError('DISPOSED', 'TrainingRunner.step: the runner was disposed');
    const feeds: Record<string, OrtTensor> = {};
    for (const { name, type } of this.batchInputs) {
      const t = batch[name];
      if (t === undefined) {
        throw new OnnxError(
          'INVALID_BATCH',
          `TrainingRunner.step: batch lacks input '${name}'; the model needs ${this.batchInputs.map((b) => b.name).join(', ')}`,
        );
      }
      const got = batchType(t);
      if (got !== type)
        throw new OnnxError(
          'INVALID_BATCH',
          `TrainingRunner.step: input '${name}' must be ${type}, got ${got}`,
        );
      if (elementCount(t.dims) !== t.data.length) {
        throw new OnnxError(
          'INVALID_BATCH',
          `TrainingRunner.step: input '${name}' has dims [${t.dims.join(', ')}] but ${t.data.length} values`,
        );
      }
      feeds[name] = new this.ort.Tensor(got, t.data, t.dims);
    }
    for (const [name, data] of this.parameters) {
      // A tensor only wraps the array (no copy), so one tensor per parameter serves every step while the
      // optimizer updates the array in place.
      let feed = this.parameterFeeds.get(name);
      if (feed?.data !== data) {
        const type = data instanceof Float64Array ? 'float64' : 'float32';
        feed = { data, tensor: new this.ort.Tensor(type, data, this.parameterDims.get(name)) };
        this.parameterFeeds.set(name, feed);
      }
      feeds[name] = feed.tensor;
    }
    if (this.dropoutNodes > 0) {
      const seed = options.dropoutSeed ?? stepSeed(this.seed, this.steps);
      feeds[DROPOUT_SEED] = new this.ort.Tensor('float64', Float64Array.from([seed]), []);
    }
    let out: InferenceSession.OnnxValueMapType;
    try {
      out = await session.run(feeds);
    } catch (cause) {
      throw new OnnxError(
        'RUN_FAILED',
        `TrainingRunner.step: onnxruntime failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    }
    const step = this.steps++;
    const lossValue = Number((out[this.lossName] as OrtTensor).data[0]);
    if (!Number.isFinite(lossValue)) {
      throw new OnnxError(
        'NON_FINITE_LOSS',
        `TrainingRunner.step: loss is ${lossValue} at step ${step}; lower the learning rate or check the labels (all ignored?)`,
      );
    }
    const gradients = new Map<string, Float32Array | Float64Array>();
    for (const [param, gname] of this.gradientNames)
      gradients.set(param, (out[gname] as OrtTensor).data as Float32Array | Float64Array);
    const outputs = new Map<
      string,
      { data: ArrayLike<number | bigint>; dims: readonly number[] }
    >();
    for (const name of this.keepOutputs) {
      const t = out[name] as OrtTensor;
      outputs.set(name, { data: t.data as ArrayLike<number | bigint>, dims: t.dims });
    }
    return { loss: lossValue, gradients, outputs };
  }

  /** Releases the onnxruntime session. Idempotent. */
  async dispose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.release();
  }
}

/**
 * Builds the gradient graph of a model (see `buildGradientGraph`) and opens one onnxruntime session for it.
 * The parameters start as copies of the model's initializers (or are those arrays, with `shareParameters`).
 * @throws {OnnxError} `PROVIDER_UNAVAILABLE` when an execution provider (CUDA) is not installed;
 *   `MODEL_LOAD_FAILED` when onnxruntime rejects the graph; the errors of `buildGradientGraph`.
 * @example
 * const runner = await createGradientSession(graph, { trainable: (n) => n.startsWith('encoder.layer.1.') });
 * const { loss, gradients } = await runner.step(batch);
 * await runner.dispose();
 */
export async function createGradientSession(
  model: Graph | ModelProto,
  options: GradientSessionOptions,
): Promise<TrainingRunner> {
  checkSessionOptions(options);
  const graph = model instanceof Graph ? model : graphFromModel(model);
  const providers = options.executionProviders ?? ['cpu'];
  const isTrainable =
    typeof options.trainable === 'function'
      ? options.trainable
      : (n: string) => (options.trainable as readonly string[]).includes(n);
  const trainable = [...graph.initializers.values()]
    .filter((t) => (t.type === 'float32' || t.type === 'float64') && isTrainable(t.name))
    .map((t) => t.name);
  if (Array.isArray(options.trainable)) {
    const missing = (options.trainable as readonly string[]).filter(
      (n) => !graph.initializers.has(n),
    );
    if (missing.length > 0)
      throw new OnnxError(
        'UNKNOWN_VALUE',
        `createGradientSession: trainable ${missing.map((m) => `'${m}'`).join(', ')} not among the initializers`,
      );
  }
  if (trainable.length === 0)
    throw new OnnxError(
      'INVALID_OPTION',
      'createGradientSession: trainable selects no float initializer',
    );
  const loss =
    options.loss ??
    (graph.outputs.some((o) => o.name === 'loss')
      ? 'loss'
      : graph.outputs.length === 1
        ? graph.outputs[0]!.name
        : undefined);
  if (loss === undefined) {
    throw new OnnxError(
      'INVALID_OPTION',
      `createGradientSession: name the loss; the graph has outputs ${graph.outputs.map((o) => o.name).join(', ')}`,
    );
  }
  const work = graph.clone();
  const dropoutNodes = (options.dropout ?? true) ? seedDropout(work, DROPOUT_SEED) : 0;
  const built = buildGradientGraph(work, {
    loss,
    trainable,
    keepOutputs: options.keepOutputs ?? [],
    gradientCheckpointing: options.gradientCheckpointing ?? false,
  });
  const parameters = new Map<string, Float32Array | Float64Array>();
  const dims = new Map<string, readonly number[]>();
  for (const name of trainable) {
    const t = graph.initializers.get(name)!;
    const data = t.data as Float32Array | Float64Array;
    parameters.set(
      name,
      options.shareParameters === true
        ? data
        : data instanceof Float64Array
          ? Float64Array.from(data)
          : Float32Array.from(data),
    );
    dims.set(name, [...t.dims]);
  }
  const ort = await loadOrt();
  // A provider this build of onnxruntime-node does not know at all (CUDA on macOS, say) fails here; one it knows
  // but whose libraries are not installed (CUDA without onnxruntime-node's install script) fails at session
  // creation below, and is mapped to the same code.
  const backends = ort.listSupportedBackends();
  for (const p of providers) {
    if (p !== 'cpu' && !backends.some((x) => x.name === p)) {
      throw new OnnxError(
        'PROVIDER_UNAVAILABLE',
        `createGradientSession: execution provider '${p}' is not supported by this onnxruntime-node build; use ['cpu']`,
      );
    }
  }
  let session: InferenceSession;
  try {
    const sessionOptions: InferenceSession.SessionOptions = {
      executionProviders: [...providers],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      enableMemPattern: options.memoryPattern ?? false,
    };
    if (options.intraOpNumThreads !== undefined)
      sessionOptions.intraOpNumThreads = options.intraOpNumThreads;
    session = await ort.InferenceSession.create(
      writeModel(graphToModel(built.graph)),
      sessionOptions,
    );
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (providers.some((p) => p !== 'cpu') && /cuda|provider|shared library/i.test(message)) {
      throw new OnnxError(
        'PROVIDER_UNAVAILABLE',
        `createGradientSession: onnxruntime-node could not load the ${providers.filter((p) => p !== 'cpu').join(', ')} execution provider (${message}); its libraries come from onnxruntime-node's install script (CUDA 12). Use ['cpu'] or install them`,
        { cause },
      );
    }
    throw new OnnxError(
      'MODEL_LOAD_FAILED',
      `createGradientSession: onnxruntime rejected the training graph: ${message}`,
      { cause },
    );
  }
  return new TrainingRunner(
    ort,
    session,
    built.graph,
    parameters,
    dims,
    built.loss,
    built.gradients,
    options.keepOutputs ?? [],
    dropoutNodes,
    options.seed ?? 0,
  );
}
