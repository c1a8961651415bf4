import { readFileSync } from 'node:fs';
import { isRecord, show } from './check-args';
import { TrainingError } from './errors';
import type { OptimizerState } from './optimizer';
import type { RngState } from './seeded-rng';
import type { Params } from './types';
import { writeFileAtomic } from './write-file-atomic';

/** Everything a run needs to continue exactly where it stopped. */
export interface Checkpoint {
  /** Optimizer steps done. */
  step: number;
  epoch: number;
  /** Example order of the current epoch (`null` between epochs) and the next micro-batch index in it. */
  order: number[] | null;
  batchIndex: number;
  rng: RngState;
  params: Params;
  optimizer: OptimizerState;
  /** Early-stopping / best-model bookkeeping. */
  best: { step: number; value: number; metrics: Record<string, number> } | null;
  badEvals: number;
  /** Training loss accumulated since the last log line (and how many micro-batches). */
  pending: { lossSum: number; count: number };
  /** State of a stateful schedule (`reduceLrOnPlateau`), when the run has one. */
  schedule?: unknown;
}

const MAGIC = 'nlpft-training-checkpoint/1';

function encode(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
function decode(s: string, where: string): Float32Array {
  const b = Buffer.from(s, 'base64');
  if (b.byteLength % 4 !== 0)
    throw new TrainingError(
      'CHECKPOINT_CORRUPT',
      `${where}: ${b.byteLength} bytes is not a float32 array`,
    );
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}
const mapValues = <A, B>(o: Record<string, A>, f: (v: A, k: string) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v, k)]));

const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const isStringMap = (v: unknown): boolean =>
  isRecord(v) && Object.values(v).every((s) => typeof s === 'string');

/**
 * Every field's type, so a corrupt file fails here by JSON path instead of loading partly (or as NaN) later.
 * @throws {TrainingError} CHECKPOINT_CORRUPT naming the first bad field.
 */
function checkShapes(raw: Record<string, unknown>): void {
  const bad = (path: string, want: string, got: unknown): never => {
    throw new TrainingError('CHECKPOINT_CORRUPT', `$.${path} must be ${want}, got ${show(got)}`);
  };
  for (const key of ['step', 'epoch', 'batchIndex', 'badEvals'] as const)
    if (!isCount(raw[key])) bad(key, 'an integer >= 0', raw[key]);
  if (raw.order !== null && !(Array.isArray(raw.order) && raw.order.every(isCount)))
    bad('order', 'null or an array of indices', raw.order);
  if (
    !Array.isArray(raw.rng) ||
    raw.rng.length !== 4 ||
    !raw.rng.every((w) => Number.isSafeInteger(w))
  )
    bad('rng', 'four integer words', raw.rng);
  if (!isStringMap(raw.params)) bad('params', 'an object of base64 strings', raw.params);
  const pending = raw.pending;
  if (!isRecord(pending) || !Number.isFinite(pending.lossSum) || !isCount(pending.count))
    bad('pending', '{ lossSum: number, count: integer }', pending);
  const best = raw.best;
  if (
    best !== null &&
    best !== undefined &&
    !(
      isRecord(best) &&
      isCount(best.step) &&
      typeof best.value === 'number' &&
      isRecord(best.metrics)
    )
  )
    bad('best', 'null or { step, value, metrics }', best);
  const opt = raw.optimizer;
  if (!isRecord(opt)) return bad('optimizer', 'an object', opt);
  if (typeof opt.kind !== 'string') bad('optimizer.kind', 'a string', opt.kind);
  if (
    !Array.isArray(opt.groups) ||
    !opt.groups.every(
      (g) => isRecord(g) && Number.isFinite(g.learningRate) && Number.isFinite(g.baseLearningRate),
    )
  )
    bad('optimizer.groups', 'an array of { learningRate, baseLearningRate }', opt.groups);
  if (!isRecord(opt.steps) || !Object.values(opt.steps).every(isCount))
    bad('optimizer.steps', 'an object of integer step counts', opt.steps);
  if (!isRecord(opt.buffers) || !Object.values(opt.buffers).every(isStringMap))
    bad('optimizer.buffers', 'an object of objects of base64 strings', opt.buffers);
}

/** Serialises a checkpoint to JSON with float32 arrays as base64 bytes (bit-exact). */
export function serializeCheckpoint(c: Checkpoint): string {
  if (
    !isRecord(c) ||
    !isRecord(c.params) ||
    !isRecord(c.optimizer) ||
    !isRecord(c.optimizer.buffers)
  )
    throw new TrainingError(
      'INVALID_OPTION',
      `serializeCheckpoint: c must be a Checkpoint with params and optimizer state, got ${show(c)}`,
    );
  return JSON.stringify({
    format: MAGIC,
    ...c,
    params: mapValues(c.params, encode),
    optimizer: {
      ...c.optimizer,
      buffers: mapValues(c.optimizer.buffers, (b) => mapValues(b, encode)),
    },
  });
}

/**
 * Parses {@link serializeCheckpoint} output.
 * @throws {TrainingError} CHECKPOINT_CORRUPT on bad JSON, a wrong format tag or a missing field (named by path).
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string')
    throw new TrainingError(
      'CHECKPOINT_CORRUPT',
      `checkpoint text must be a string, got ${typeof text}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new TrainingError('CHECKPOINT_CORRUPT', 'checkpoint is not valid JSON', { cause });
  }
  if (!isRecord(parsed))
    throw new TrainingError('CHECKPOINT_CORRUPT', `$ must be an object, got ${show(parsed)}`);
  const raw = parsed;
  if (raw.format !== MAGIC)
    throw new TrainingError(
      'CHECKPOINT_CORRUPT',
      `$.format must be '${MAGIC}', got ${JSON.stringify(raw.format)}`,
    );
  for (const key of [
    'step',
    'epoch',
    'batchIndex',
    'rng',
    'params',
    'optimizer',
    'pending',
    'badEvals',
  ] as const) {
    if (raw[key] === undefined)
      throw new TrainingError('CHECKPOINT_CORRUPT', `$.${key} is missing`);
  }
  checkShapes(raw);
  const opt = raw.optimizer as OptimizerState & { buffers: Record<string, Record<string, string>> };
  const rest = { ...raw };
  delete rest.format;
  return {
    ...(rest as unknown as Checkpoint),
    params: mapValues(raw.params as Record<string, string>, (v, k) => decode(v, `$.params.${k}`)),
    optimizer: {
      ...opt,
      buffers: mapValues(opt.buffers, (b, n) =>
        mapValues(b, (v, k) => decode(v, `$.optimizer.buffers.${n}.${k}`)),
      ),
    },
  };
}

/** Writes a checkpoint atomically (temp file + rename). */
export function saveCheckpoint(path: string, c: Checkpoint): void {
  writeFileAtomic(path, serializeCheckpoint(c));
}

/**
 * Reads a checkpoint file.
 * @throws {TrainingError} CHECKPOINT_CORRUPT when it cannot be read or parsed.
 */
export function loadCheckpoint(path: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TrainingError('CHECKPOINT_CORRUPT', `cannot read checkpoint ${path}`, { cause });
  }
  return parseCheckpoint(text);
}
