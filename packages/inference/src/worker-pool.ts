import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import {
  checkFeeds,
  checkRunOptions,
  integerOption,
  invalidOption,
  optionsObject,
} from './argument-checks';
import {
  checkModelSource,
  cudaUnavailable,
  logAutoProvider,
  noteCudaFailure,
  providerAttempts,
  sessionPlan,
} from './create-session';
import { InferenceError } from './errors';
import { PROVIDER_LOAD_FAILURE, resolveOrtPath } from './load-ort';
import { LoadedModel } from './loaded-model';
import { checkOptions, ortSessionOptions } from './session-options';
import type {
  ModelConfig,
  Provider,
  RunOptions,
  SessionOptions,
  TensorMap,
  ValueInfo,
} from './types';
import { WORKER_SOURCE } from './worker-source';

/** Most worker threads one pool may start: each holds a session, so more would only exhaust memory and threads. */
export const MAX_POOL_SIZE = 256;

/** Options of {@link createWorkerPool}: session options for every worker, plus the pool's size and queue. */
export interface WorkerPoolOptions extends SessionOptions {
  /** Worker threads, each with its own session, 1..256 ({@link MAX_POOL_SIZE}). @defaultValue `1` */
  readonly size?: number;
  /** Runs waiting for a free worker, a non-negative integer; one more is refused with `QUEUE_FULL`. @defaultValue `64` */
  readonly maxQueue?: number;
  /**
   * V8 heap limits of each worker thread (`worker_threads` `resourceLimits`); a worker over them dies and its run
   * rejects with `WORKER_FAILED`. onnxruntime's native memory is not counted. @defaultValue Node's defaults
   */
  readonly resourceLimits?: ResourceLimits;
}

interface Job {
  readonly id: number;
  readonly feeds: TensorMap;
  readonly resolve: (out: TensorMap) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort?: () => void;
  settled: boolean;
}

interface Slot {
  readonly worker: Worker;
  job: Job | undefined;
  alive: boolean;
}

type ReadyMessage = {
  type: 'ready';
  provider: Provider;
  cudaFailure?: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
};
type InitFailedMessage = {
  type: 'init-failed';
  message: string;
  provider: Provider;
  cudaFailure?: string;
};
type WorkerMessage =
  | ReadyMessage
  | InitFailedMessage
  | { type: 'result'; id: number; outputs: TensorMap }
  | { type: 'failed'; id: number; message: string }
  | { type: 'disposed' };

/**
 * A pool of worker threads, one onnxruntime session each, behind the same {@link ModelRunner} interface as
 * {@link InferenceModel}: every task class runs on it unchanged, and `session.run` no longer blocks the event loop.
 * Runs queue (bounded) for a free worker; an `AbortSignal` cancels a queued run or discards a running one's result.
 */
export class WorkerPool extends LoadedModel {
  readonly #slots: Slot[];
  readonly #queue: Job[] = [];
  readonly #maxQueue: number;
  #nextId = 0;
  #disposed = false;

  /** @internal Use {@link createWorkerPool}. */
  constructor(
    slots: Slot[],
    ready: ReadyMessage,
    config: ModelConfig | undefined,
    maxQueue: number,
  ) {
    super(ready, ready.provider, config);
    this.#slots = slots;
    this.#maxQueue = maxQueue;
    for (const slot of slots) this.#listen(slot);
  }

  /** Runs waiting for a worker. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Runs in progress. */
  get running(): number {
    return this.#slots.filter((s) => s.job).length;
  }

  /**
   * Runs the model in a worker; resolves with its outputs.
   * @throws {InferenceError} `QUEUE_FULL` when `maxQueue` runs are already waiting; `CANCELLED` when `signal` aborts;
   *   `DISPOSED`; `MISSING_INPUT`; `INVALID_INPUT` for a feed that is not a well-formed tensor; `INVALID_OPTION`
   *   for a `signal` that is not an `AbortSignal`; `RUN_FAILED`; `WORKER_FAILED` when the worker thread died.
   */
  override run(feeds: TensorMap, options: RunOptions = {}): Promise<TensorMap> {
    if (this.#disposed)
      return Promise.reject(
        new InferenceError('DISPOSED', 'WorkerPool.run: the pool was disposed'),
      );
    try {
      checkFeeds(
        feeds,
        this.inputs.map((i) => i.name),
        'WorkerPool.run',
      );
      checkRunOptions(optionsObject(options, 'WorkerPool.run'), 'WorkerPool.run');
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const missing = this.inputs.filter((i) => feeds[i.name] === undefined).map((i) => i.name);
    if (missing.length > 0) {
      return Promise.reject(
        new InferenceError(
          'MISSING_INPUT',
          `WorkerPool.run: no tensor for model input(s) ${missing.join(', ')}; the model's inputs are ${this.inputs.map((i) => i.name).join(', ')} and the feeds were ${Object.keys(feeds).join(', ') || '(none)'}`,
        ),
      );
    }
    if (options.signal?.aborted)
      return Promise.reject(
        new InferenceError('CANCELLED', 'WorkerPool.run: aborted before running'),
      );
    if (!this.#slots.some((s) => s.alive)) {
      return Promise.reject(
        new InferenceError(
          'WORKER_FAILED',
          'WorkerPool.run: every worker thread has died; create a new pool',
        ),
      );
    }
    const idle = this.#slots.find((s) => s.alive && !s.job);
    if (!idle && this.#queue.length >= this.#maxQueue) {
      return Promise.reject(
        new InferenceError(
          'QUEUE_FULL',
          `WorkerPool.run: ${this.#queue.length} runs are already queued (maxQueue ${this.#maxQueue}); retry later or raise maxQueue`,
        ),
      );
    }
    return new Promise<TensorMap>((resolve, reject) => {
      // Only the model's inputs go to the worker: other feeds are never read, and need not survive structured clone.
      const modelFeeds: TensorMap = {};
      for (const { name } of this.inputs) modelFeeds[name] = feeds[name] as TensorMap[string];
      const job: Job = {
        id: this.#nextId++,
        feeds: modelFeeds,
        resolve,
        reject,
        signal: options.signal,
        settled: false,
      };
      if (job.signal) {
        job.onAbort = () => {
          const at = this.#queue.indexOf(job);
          if (at >= 0) this.#queue.splice(at, 1);
          this.#settle(
            job,
            new InferenceError(
              'CANCELLED',
              at >= 0
                ? 'WorkerPool.run: aborted while queued'
                : 'WorkerPool.run: aborted while running; its result is discarded',
            ),
          );
        };
        job.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      if (idle) this.#start(idle, job);
      else this.#queue.push(job);
    });
  }

  #settle(job: Job, error: unknown, out?: TensorMap): void {
    if (job.settled) return;
    job.settled = true;
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (error === undefined) job.resolve(out as TensorMap);
    else job.reject(error);
  }

  #start(slot: Slot, job: Job): void {
    slot.job = job;
    try {
      slot.worker.postMessage({ type: 'run', id: job.id, feeds: job.feeds });
    } catch (error) {
      // A tensor that cannot be cloned to the worker: fail this run, keep the worker for the next.
      this.#settle(
        job,
        new InferenceError(
          'RUN_FAILED',
          `WorkerPool.run: cannot send the feeds to the worker: ${(error as Error).message}`,
          {
            cause: error,
          },
        ),
      );
      this.#next(slot);
    }
  }

  #next(slot: Slot): void {
    slot.job = undefined;
    const job = this.#queue.shift();
    if (job && slot.alive) this.#start(slot, job);
  }

  #listen(slot: Slot): void {
    slot.worker.on('message', (msg: WorkerMessage) => {
      const job = slot.job;
      if (msg.type === 'result' && job?.id === msg.id) {
        this.#settle(job, undefined, msg.outputs);
        this.#next(slot);
      } else if (msg.type === 'failed' && job?.id === msg.id) {
        this.#settle(
          job,
          new InferenceError('RUN_FAILED', `WorkerPool.run: onnxruntime failed: ${msg.message}`),
        );
        this.#next(slot);
      }
    });
    const die = (error: unknown): void => {
      if (!slot.alive) return;
      slot.alive = false;
      if (slot.job)
        this.#settle(
          slot.job,
          new InferenceError(
            'WORKER_FAILED',
            'WorkerPool.run: the worker thread died during the run',
            { cause: error },
          ),
        );
      slot.job = undefined;
      if (!this.#slots.some((s) => s.alive)) {
        for (const job of this.#queue.splice(0))
          this.#settle(
            job,
            new InferenceError('WORKER_FAILED', 'WorkerPool.run: every worker thread has died'),
          );
      }
    };
    slot.worker.on('error', die);
    slot.worker.on('exit', (code) => die(new Error(`worker exited with code ${code}`)));
  }

  /**
   * Releases every worker's session and stops the threads; queued and running runs reject with `DISPOSED`. Calling it
   * twice is harmless.
   */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const job of this.#queue.splice(0))
      this.#settle(job, new InferenceError('DISPOSED', 'WorkerPool.run: the pool was disposed'));
    await Promise.all(
      this.#slots.map(async (slot) => {
        if (slot.job)
          this.#settle(
            slot.job,
            new InferenceError('DISPOSED', 'WorkerPool.run: the pool was disposed during the run'),
          );
        if (slot.alive) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 2000);
            slot.worker.on('message', (m: WorkerMessage) => {
              if (m.type === 'disposed') {
                clearTimeout(timer);
                resolve();
              }
            });
            slot.worker.postMessage({ type: 'dispose' });
          });
        }
        slot.alive = false;
        await slot.worker.terminate();
      }),
    );
  }
}

/** `resourceLimits`: an object of positive finite megabyte counts, as `worker_threads` takes them. */
function checkResourceLimits(limits: unknown, task: string): void {
  if (limits === undefined) return;
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits))
    throw invalidOption(task, 'resourceLimits', 'an object of sizes in MB', limits);
  for (const [key, v] of Object.entries(limits)) {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v))
      throw invalidOption(task, `resourceLimits.${key}`, 'a positive number of MB', v);
  }
}

/**
 * Starts `size` worker threads, each loading the model into its own session, and resolves when all are ready.
 * @throws {InferenceError} like {@link createSession}: `MODEL_NOT_FOUND`, `PROVIDER_UNAVAILABLE`, `MODEL_LOAD_FAILED`,
 *   `INVALID_OPTION` (also for `size` outside 1..256, a negative `maxQueue` or `resourceLimits` that are not positive
 *   numbers), `INVALID_INPUT`; `WORKER_FAILED` when a thread cannot start.
 * @example
 * const pool = await createWorkerPool('sst2/model.onnx', { size: 2 });
 * const clf = new SequenceClassifier(pool, tokenizer); // same task API, event loop stays free
 * await pool.dispose();
 */
export async function createWorkerPool(
  model: string | Uint8Array,
  options: WorkerPoolOptions = {},
): Promise<WorkerPool> {
  const task = 'createWorkerPool';
  checkOptions(options, task);
  checkModelSource(model, task);
  const size = integerOption(task, 'size', options.size, 1, MAX_POOL_SIZE) ?? 1;
  const maxQueue = integerOption(task, 'maxQueue', options.maxQueue, 0) ?? 64;
  checkResourceLimits(options.resourceLimits, task);
  const { config, device } = await sessionPlan(model, options, task);
  const attempts = providerAttempts(device).map((provider) => ({
    provider,
    options: ortSessionOptions(options, provider, provider === 'cuda'),
  }));
  const ortPath = resolveOrtPath();
  const slots: Slot[] = [];
  const readies = await Promise.allSettled(
    Array.from({ length: size }, () => {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: {
            ortPath,
            model,
            attempts,
            providerLoadFailure: PROVIDER_LOAD_FAILURE.source,
          },
          ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
        });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const slot: Slot = { worker, job: undefined, alive: true };
      slots.push(slot);
      return new Promise<ReadyMessage>((resolve, reject) => {
        worker.once('message', (m: ReadyMessage | InitFailedMessage) => {
          if (m.type === 'ready') resolve(m);
          else reject(Object.assign(new Error(m.message), { failure: m }));
        });
        worker.once('error', reject);
      });
    }),
  );
  const failed = readies.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(slots.map((s) => s.worker.terminate()));
    const error = failed.reason as Error & { failure?: InitFailedMessage };
    const reason = error.failure;
    if (!reason)
      throw new InferenceError(
        'WORKER_FAILED',
        `createWorkerPool: a worker thread failed to start: ${error.message}`,
        { cause: error },
      );
    if (reason.cudaFailure !== undefined) noteCudaFailure(reason.cudaFailure);
    if (reason.provider === 'cuda') throw cudaUnavailable(reason.message, error);
    throw new InferenceError(
      'MODEL_LOAD_FAILED',
      `createWorkerPool: onnxruntime could not load the model: ${reason.message}`,
      { cause: error },
    );
  }
  const ready = (readies[0] as PromiseFulfilledResult<ReadyMessage>).value;
  if (ready.cudaFailure !== undefined) noteCudaFailure(ready.cudaFailure);
  if (device === 'auto') logAutoProvider(options, ready.provider);
  return new WorkerPool(slots, ready, config, maxQueue);
}
