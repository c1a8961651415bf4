import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { checkFeeds, checkRunOptions, invalidInput, optionsObject } from './argument-checks';
import { InferenceError } from './errors';
import { isProviderLoadFailure, loadOrt } from './load-ort';
import type { OrtModule } from './load-ort';
import { parseModelConfig, readModelConfig } from './model-config';
import { LoadedModel } from './loaded-model';
import { checkOptions, ortSessionOptions, sessionDevice } from './session-options';
import type {
  Device,
  ModelConfig,
  Provider,
  RunOptions,
  SessionOptions,
  TensorLike,
  TensorMap,
  ValueInfo,
} from './types';

/** How to install the CUDA build of onnxruntime-node; repeated in every CUDA error. */
export const CUDA_INSTALL_HINT =
  'install the CUDA build of onnxruntime-node with `ONNXRUNTIME_NODE_INSTALL=cuda12 npm install onnxruntime-node` ' +
  '(its install script downloads the CUDA 12 provider; CUDA 12 and cuDNN 9 libraries must be on the library path), ' +
  "or pass executionProviders: ['cuda', 'cpu'] to fall back to CPU";

const cudaFailures: { message?: string } = {};
const loggedFallback = new WeakSet<(message: string) => void>();

const defaultLog = (message: string): void => console.warn(message);

/** Says once per log sink which provider `'auto'` picked, so a server creating many sessions logs one line. */
export function logOnce(options: SessionOptions, message: string): void {
  const log = options.log ?? defaultLog;
  if (loggedFallback.has(log)) return;
  loggedFallback.add(log);
  log(message);
}

function valueInfos(
  names: readonly string[],
  metadata: readonly InferenceSession.ValueMetadata[] | undefined,
): ValueInfo[] {
  return names.map((name) => {
    const meta = metadata?.find((m) => m.name === name);
    if (meta?.isTensor) return { name, type: meta.type, shape: [...meta.shape] };
    return { name, type: 'unknown', shape: [] };
  });
}

/**
 * A loaded ONNX model on one execution provider: its inputs and outputs (mapped to Hugging Face roles in `io`), its
 * `config.json` and `run`. Release it with `dispose()`.
 */
export class InferenceModel extends LoadedModel {
  #session: InferenceSession | undefined;
  readonly #ort: OrtModule;
  readonly #inputNames: readonly string[];

  /** @internal Use {@link createSession}. */
  constructor(
    ort: OrtModule,
    session: InferenceSession,
    provider: Provider,
    config: ModelConfig | undefined,
  ) {
    super(
      {
        inputs: valueInfos(session.inputNames, session.inputMetadata),
        outputs: valueInfos(session.outputNames, session.outputMetadata),
      },
      provider,
      config,
    );
    this.#ort = ort;
    this.#session = session;
    this.#inputNames = [...session.inputNames];
  }

  /** Whether `dispose()` has run. */
  get disposed(): boolean {
    return this.#session === undefined;
  }

  /**
   * Runs the model on typed-array tensors keyed by input name and returns every output as a typed-array tensor.
   * Feeds the model does not declare are ignored, so callers may pass optional inputs unconditionally.
   * @throws {InferenceError} `MISSING_INPUT` naming the inputs the model needs and the feeds given; `INVALID_INPUT` for
   *   a feed that is not a well-formed tensor (type, typed array, dims matching its length); `DISPOSED` after
   *   `dispose()`; `RUN_FAILED` wrapping an onnxruntime error; `CANCELLED` when `signal` aborts.
   */
  override async run(feeds: TensorMap, options: RunOptions = {}): Promise<TensorMap> {
    const session = this.#session;
    if (!session)
      throw new InferenceError(
        'DISPOSED',
        'InferenceModel.run: the model was disposed; create a new session',
      );
    checkFeeds(feeds, this.#inputNames, 'InferenceModel.run');
    checkRunOptions(optionsObject(options, 'InferenceModel.run'), 'InferenceModel.run');
    // Feeds are read by the model's input names (listed once at load), so extra feeds cost nothing and the check
    // for missing ones is part of building onnxruntime's tensors.
    const ortFeeds: Record<string, Tensor> = {};
    let missing: string[] | undefined;
    for (const name of this.#inputNames) {
      const t = feeds[name];
      if (t === undefined) (missing ??= []).push(name);
      else ortFeeds[name] = new this.#ort.Tensor(t.type, t.data, t.dims);
    }
    if (missing !== undefined) {
      throw new InferenceError(
        'MISSING_INPUT',
        `InferenceModel.run: no tensor for model input(s) ${missing.join(', ')}; the model's inputs are ` +
          `${this.#inputNames.join(', ')} and the feeds were ${Object.keys(feeds).join(', ') || '(none)'}`,
      );
    }
    if (options.signal?.aborted)
      throw new InferenceError('CANCELLED', 'InferenceModel.run: aborted before running');
    let results: InferenceSession.OnnxValueMapType;
    try {
      results = await session.run(ortFeeds);
    } catch (error) {
      const shapes = Object.entries(feeds)
        .map(([n, t]) => `${n} [${t.dims.join(', ')}]`)
        .join(', ');
      throw new InferenceError(
        'RUN_FAILED',
        `InferenceModel.run: onnxruntime failed with inputs ${shapes}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (options.signal?.aborted)
      throw new InferenceError('CANCELLED', 'InferenceModel.run: aborted while running');
    // onnxruntime-node gives each run fresh output buffers, so they are handed on as they are, never copied.
    const out: TensorMap = {};
    for (const name of Object.keys(results)) {
      const t = results[name] as Tensor;
      out[name] = {
        type: t.type as TensorLike['type'],
        data: t.data as TensorLike['data'],
        dims: t.dims,
      };
    }
    return out;
  }

  /** Releases the native session now rather than at garbage collection. Calling it twice is harmless. */
  async dispose(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    if (session) await session.release();
  }
}

async function openSession(
  ort: OrtModule,
  model: string | Uint8Array,
  options: SessionOptions,
  provider: Provider,
  quiet: boolean,
): Promise<InferenceSession> {
  const sessionOptions = ortSessionOptions(options, provider, quiet);
  return typeof model === 'string'
    ? ort.InferenceSession.create(model, sessionOptions)
    : ort.InferenceSession.create(model, sessionOptions);
}

/** Which providers to try, in order, for a device; `'auto'` skips CUDA once it failed to load in this process. */
export function providerAttempts(device: Device): Provider[] {
  if (device === 'cuda') return ['cuda'];
  if (device === 'auto') return cudaFailures.message === undefined ? ['cuda', 'cpu'] : ['cpu'];
  return ['cpu'];
}

/** Remembers that the CUDA provider failed to load, so later `'auto'` sessions go straight to CPU. */
export function noteCudaFailure(message: string): void {
  cudaFailures.message = message;
}

/** The `PROVIDER_UNAVAILABLE` error for a CUDA load failure. */
export function cudaUnavailable(message: string, cause: unknown): InferenceError {
  return new InferenceError(
    'PROVIDER_UNAVAILABLE',
    `createSession: the CUDA execution provider is not available (${message}); ${CUDA_INSTALL_HINT}`,
    { cause },
  );
}

/** The one line `'auto'` logs when it runs on CPU. */
export function fallbackLine(): string {
  return (
    `@nlpft/inference: running on CPU; the CUDA execution provider did not load (${cudaFailures.message ?? 'unknown'}). ` +
    `To use the GPU, ${CUDA_INSTALL_HINT.replace(/, or pass.*$/, '')}.`
  );
}

/** The model argument of {@link createSession} and `createWorkerPool`: a path or ONNX bytes. */
export function checkModelSource(model: unknown, task: string): void {
  if (typeof model !== 'string' && !(model instanceof Uint8Array))
    throw invalidInput(task, 'model', 'a file path or a Uint8Array of ONNX bytes', model);
}

/**
 * A model path must name a file (bytes pass).
 * @throws {InferenceError} `MODEL_NOT_FOUND` naming `task` and the path.
 */
export function checkModelFile(model: string | Uint8Array, task: string): void {
  if (typeof model === 'string' && !existsSync(model))
    throw new InferenceError('MODEL_NOT_FOUND', `${task}: no model file at ${model}`);
}

/**
 * The `config.json` a session uses: `options.config` when given, none with `config: false`, else the file beside a
 * model path ({@link configBeside}; none for bytes).
 * @throws {InferenceError} `INVALID_CONFIG` for a malformed config.
 */
export async function sessionConfig(
  model: string | Uint8Array,
  options: SessionOptions,
): Promise<ModelConfig | undefined> {
  if (options.config !== undefined && options.config !== false)
    return parseModelConfig(options.config);
  if (options.config === undefined && typeof model === 'string') return configBeside(model);
  return undefined;
}

/**
 * Reads `config.json` beside a model file, or one folder up when the model sits in an `onnx/` folder (the layout of
 * Hugging Face repos exported for transformers.js: `config.json`, `onnx/model.onnx`).
 */
export async function configBeside(modelPath: string): Promise<ModelConfig | undefined> {
  const dir = dirname(modelPath);
  const beside = await readModelConfig(join(dir, 'config.json'));
  if (beside !== undefined || basename(dir) !== 'onnx') return beside;
  return readModelConfig(join(dirname(dir), 'config.json'));
}

/**
 * What a session or a worker pool loads, once its other arguments are checked: the model (a path must name a file),
 * its `config.json` ({@link sessionConfig}) and the device.
 * @throws {InferenceError} `MODEL_NOT_FOUND` naming `task`; `INVALID_CONFIG` for a malformed config.
 */
export async function sessionPlan(
  model: string | Uint8Array,
  options: SessionOptions,
  task: string,
): Promise<{ config: ModelConfig | undefined; device: Device }> {
  checkModelFile(model, task);
  const config = await sessionConfig(model, options);
  return { config, device: sessionDevice(options) };
}

/** The line `'auto'` logs (once per sink) about the provider it picked: the CUDA device, or why it fell back to CPU. */
export function logAutoProvider(options: SessionOptions, provider: Provider): void {
  logOnce(
    options,
    provider === 'cuda'
      ? `@nlpft/inference: running on CUDA device ${options.deviceId ?? 0}.`
      : fallbackLine(),
  );
}

/** `MODEL_LOAD_FAILED` for a model onnxruntime rejected. */
function loadFailed(where: string, error: unknown): InferenceError {
  return new InferenceError(
    'MODEL_LOAD_FAILED',
    `createSession: onnxruntime could not load ${where}: ${(error as Error).message}`,
    { cause: error },
  );
}

/**
 * Loads an ONNX model from a path or bytes. With a path, `config.json` beside the model (or above its `onnx/` folder)
 * is read when present (labels, pad/eos ids, positions). onnxruntime-node is loaded on the first call.
 * @throws {InferenceError} `MODEL_NOT_FOUND` for a missing file; `PROVIDER_UNAVAILABLE` for
 *   `executionProviders: ['cuda']` without the CUDA provider (the message says how to install it); `MODEL_LOAD_FAILED` for a file onnxruntime
 *   rejects; `INVALID_OPTION` naming a bad option (threads at most `MAX_THREADS`, 1024); `INVALID_INPUT` for a
 *   model that is neither a path nor bytes; `INVALID_CONFIG` for a malformed `config.json`.
 * @example
 * const model = await createSession('models/bert-sst2/model.onnx', { executionProviders: ['cuda', 'cpu'] });
 * model.provider // 'cpu' on a machine without CUDA
 * await model.dispose();
 */
export async function createSession(
  model: string | Uint8Array,
  options: SessionOptions = {},
): Promise<InferenceModel> {
  checkOptions(options);
  checkModelSource(model, 'createSession');
  const { config, device } = await sessionPlan(model, options, 'createSession');
  const ort = await loadOrt();
  const where = typeof model === 'string' ? model : `${model.byteLength} bytes`;
  if (device === 'cuda' || (device === 'auto' && cudaFailures.message === undefined)) {
    try {
      const session = await openSession(ort, model, options, 'cuda', true);
      if (device === 'auto') logAutoProvider(options, 'cuda');
      return new InferenceModel(ort, session, 'cuda', config);
    } catch (error) {
      if (!isProviderLoadFailure(error)) throw loadFailed(where, error);
      noteCudaFailure((error as Error).message);
      if (device === 'cuda') throw cudaUnavailable((error as Error).message, error);
    }
  }
  let session: InferenceSession;
  try {
    session = await openSession(ort, model, options, 'cpu', false);
  } catch (error) {
    throw loadFailed(where, error);
  }
  if (device === 'auto') logAutoProvider(options, 'cpu');
  return new InferenceModel(ort, session, 'cpu', config);
}
