import {
  arrayOf,
  checkBatchOptions,
  checkString,
  checkValueInfos,
  invalidInput,
  optionsObject,
  shown,
} from './argument-checks';
import type { ArrayCheck } from './argument-checks';
import { InferenceError } from './errors';
import type { BatchOptions, ValueInfo } from './types';

/**
 * Groups inputs into batches of similar length to cut padding: indices sorted by length (longest first, ties in input
 * order), a batch closed when it reaches `batchSize` or when one more sequence would push batch × longest length over
 * `maxTokens`. Callers put results back in input order with the returned indices.
 * @throws {InferenceError} `INVALID_OPTION` for a size that is not a positive integer; `INVALID_INPUT` for lengths
 *   that are not non-negative integers; `BATCH_TOO_LARGE` when one sequence alone is over `maxTokens`.
 * @example planBatches([3, 10, 4, 9], { batchSize: 2 }) // [[1, 3], [2, 0]]
 */
export function planBatches(lengths: readonly number[], options: BatchOptions = {}): number[][] {
  checkBatchOptions(optionsObject(options, 'planBatches'), 'planBatches');
  checkLengths(lengths, 'lengths', 'planBatches');
  const { batchSize = 32, maxTokens } = options;
  const order = lengths
    .map((_, i) => i)
    .sort((a, b) => (lengths[b] as number) - (lengths[a] as number) || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const i of order) {
    const len = lengths[i] as number;
    if (maxTokens !== undefined && len > maxTokens) {
      throw new InferenceError(
        'BATCH_TOO_LARGE',
        `planBatches: input ${i} is ${len} tokens, more than maxTokens ${maxTokens} on its own; raise maxTokens or shorten the input`,
      );
    }
    const width = Math.max(longest, len);
    if (
      current.length > 0 &&
      (current.length >= batchSize ||
        (maxTokens !== undefined && (current.length + 1) * width > maxTokens))
    ) {
      batches.push(current);
      current = [];
    }
    if (current.length === 0) longest = len;
    current.push(i);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Sequence lengths: an array of non-negative integers. */
const checkLengths: ArrayCheck<number> = arrayOf((n, name, task) => {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw invalidInput(task, name, 'a non-negative integer', n);
});

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

const BYTES: Record<string, number> = {
  float32: 4,
  float16: 2,
  int64: 8,
  int32: 4,
  bool: 1,
  float64: 8,
};

/**
 * Refuses a batch whose largest output would exceed `maxBatchBytes`, before running it. Symbolic dimensions are read
 * as the batch size (`batch…`) or the sequence length (any other name).
 * @throws {InferenceError} `BATCH_TOO_LARGE` with the output's name, shape and size in words; `INVALID_INPUT` for
 *   outputs that are not value infos, sizes that are not non-negative integers or a `maxBatchBytes` that is not a
 *   positive number.
 */
export function checkBatchBytes(
  outputs: readonly ValueInfo[],
  batch: number,
  seqLen: number,
  maxBatchBytes: number,
  task: string,
  extraDims: Readonly<Record<string, number>> = {},
): void {
  const where = 'checkBatchBytes';
  checkValueInfos(outputs, 'outputs', where);
  for (const [name, n] of [
    ['batch', batch],
    ['seqLen', seqLen],
  ] as const)
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
      throw invalidInput(where, name, 'a non-negative integer', n);
  if (typeof maxBatchBytes !== 'number' || !(maxBatchBytes > 0))
    throw invalidInput(where, 'maxBatchBytes', 'a positive number of bytes', maxBatchBytes);
  checkString(task, 'task', where);
  if (typeof extraDims !== 'object' || extraDims === null)
    throw invalidInput(where, 'extraDims', 'an object of dimension sizes', extraDims);
  checkLengths(Object.values(extraDims), 'extraDims', where);
  for (const out of outputs) {
    // A shape entry that is neither a size nor a name (a hand-made value info) counts as the sequence length.
    const shape: readonly unknown[] = Array.isArray(out.shape) ? out.shape : [];
    const dims = shape.map((d) =>
      typeof d === 'number'
        ? d
        : typeof d === 'string'
          ? (extraDims[d] ?? (/batch/i.test(d) ? batch : seqLen))
          : seqLen,
    );
    const type = typeof out.type === 'string' ? out.type.replace(/^tensor\(|\)$/g, '') : '';
    const bytes = dims.reduce((a, d) => a * d, 1) * (BYTES[type] ?? 4);
    if (bytes > maxBatchBytes) {
      throw new InferenceError(
        'BATCH_TOO_LARGE',
        `${task}: a batch of ${batch} sequences × ${seqLen} tokens would make output ${out.name} [${dims.join(', ')}] ` +
          `${typeof out.type === 'string' ? out.type : shown(out.type)} = ${formatBytes(bytes)}, above maxBatchBytes ${formatBytes(maxBatchBytes)}; lower batchSize or ` +
          'set maxTokens (or raise maxBatchBytes)',
      );
    }
  }
}

/**
 * Runs `fn` over length-sorted batches (see {@link planBatches}) one after another and returns its results in input
 * order, so memory stays bounded by one batch.
 */
export async function mapInBatches<T>(
  lengths: readonly number[],
  options: BatchOptions,
  fn: (indices: readonly number[]) => Promise<readonly T[]>,
): Promise<T[]> {
  if (typeof fn !== 'function') throw invalidInput('mapInBatches', 'fn', 'a function', fn);
  const out = new Array<T>(lengths.length);
  for (const batch of planBatches(lengths, options)) {
    const results = await fn(batch);
    if (!Array.isArray(results) || results.length !== batch.length)
      throw invalidInput(
        'mapInBatches',
        'fn',
        `a function resolving to one result per index (${batch.length})`,
        results,
      );
    batch.forEach((index, k) => {
      out[index] = results[k] as T;
    });
  }
  return out;
}
