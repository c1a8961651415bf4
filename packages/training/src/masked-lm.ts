import { TrainingError } from './errors';
import type { SeededRng } from './seeded-rng';

/** Options of {@link maskTokens}. */
export interface MaskTokensOptions {
  /** Id of `[MASK]`. Required. */
  maskTokenId: number;
  /** Random replacements are drawn uniformly from `[0, vocabSize)`. Required. */
  vocabSize: number;
  /** Ids never selected for prediction ([CLS], [SEP], [PAD], …). */
  specialIds?: Iterable<number>;
  /** Share of (non-special) tokens selected for prediction. @defaultValue 0.15 */
  probability?: number;
}

/** One masked sequence: what the model reads and what it must predict (-100 where nothing is predicted). */
export interface MaskedTokens {
  inputIds: number[];
  labels: number[];
}

/** The label value the loss skips (PyTorch's and Hugging Face's `ignore_index`). */
export const IGNORE_INDEX = -100;

/**
 * BERT's masked-LM corruption, as Hugging Face's `DataCollatorForLanguageModeling`: each non-special token is
 * selected with `probability`; a selected token is replaced by `[MASK]` with probability 0.8, else by a uniformly
 * random id with probability 0.5 (10% overall), else kept (10%); labels hold the original id at selected positions
 * and -100 elsewhere. Draws come from `rng`, so a resumed run masks the same way.
 * @throws {TrainingError} INVALID_OPTION on a probability outside [0, 1] or a non-positive vocabSize.
 * @example maskTokens([101, 7592, 2088, 102], rng, { maskTokenId: 103, vocabSize: 30522, specialIds: [101, 102] })
 */
export function maskTokens(
  ids: readonly number[],
  rng: SeededRng,
  options: MaskTokensOptions,
): MaskedTokens {
  const probability = options.probability ?? 0.15;
  if (!(probability >= 0 && probability <= 1))
    throw new TrainingError('INVALID_OPTION', `probability must be in [0, 1], got ${probability}`);
  if (!(Number.isInteger(options.vocabSize) && options.vocabSize > 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `vocabSize must be an integer > 0, got ${options.vocabSize}`,
    );
  const special = new Set(options.specialIds ?? []);
  const inputIds = ids.slice();
  const labels = ids.map(() => IGNORE_INDEX);
  for (let i = 0; i < ids.length; i++) {
    if (special.has(ids[i]!) || rng.next() >= probability) continue;
    labels[i] = ids[i]!;
    if (rng.next() < 0.8) inputIds[i] = options.maskTokenId;
    else if (rng.next() < 0.5) inputIds[i] = rng.int(options.vocabSize);
  }
  return { inputIds, labels };
}

/** Options of {@link packTokenBlocks}. */
export interface PackTokenBlocksOptions {
  /** Length of every block, including `prefix` and `suffix`. Required. */
  blockSize: number;
  /** Ids put before each block's tokens (e.g. `[CLS]`). */
  prefix?: readonly number[];
  /** Ids put after each block's tokens (e.g. `[SEP]`). */
  suffix?: readonly number[];
  /** Ids put between documents in the stream (e.g. `[SEP]` or GPT-2's `<|endoftext|>`). */
  separator?: readonly number[];
}

/**
 * Concatenates tokenized documents into one stream and cuts it into equal blocks, as Hugging Face's `group_texts`
 * in `run_mlm.py` / `run_clm.py`: no padding, and the tail shorter than a block is dropped.
 * @throws {TrainingError} INVALID_OPTION when the block has no room for tokens after prefix and suffix.
 * @example packTokenBlocks([[5, 6, 7], [8, 9]], { blockSize: 4, prefix: [1], suffix: [2] }) // [[1, 5, 6, 2], [1, 7, 8, 2]]
 */
export function packTokenBlocks(
  documents: Iterable<readonly number[]>,
  options: PackTokenBlocksOptions,
): number[][] {
  const prefix = options.prefix ?? [];
  const suffix = options.suffix ?? [];
  const room = options.blockSize - prefix.length - suffix.length;
  if (!(Number.isInteger(options.blockSize) && room > 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `blockSize ${options.blockSize} leaves no room after ${prefix.length} prefix and ${suffix.length} suffix ids`,
    );
  const blocks: number[][] = [];
  let current: number[] = [];
  const push = (id: number) => {
    current.push(id);
    if (current.length === room) {
      blocks.push([...prefix, ...current, ...suffix]);
      current = [];
    }
  };
  let first = true;
  for (const doc of documents) {
    if (!first) for (const id of options.separator ?? []) push(id);
    first = false;
    for (const id of doc) push(id);
  }
  return blocks;
}
