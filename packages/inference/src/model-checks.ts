import { booleanOption, integerOption, shown } from './argument-checks';
import { InferenceError } from './errors';
import { tokenizerVocabSize } from './tokenizer-vocab-size';
import type { ModelIo, ModelRunner, TokenizerLike } from './types';

/**
 * The name of the model input or output playing `role`.
 * @throws {InferenceError} `MISSING_INPUT` / `MISSING_OUTPUT` naming the role and listing what the model has.
 */
export function requireIo(
  model: ModelRunner,
  role: Exclude<keyof ModelIo, 'pastKeyValues' | 'presents'>,
  task: string,
): string {
  const name = model.io[role];
  if (name !== undefined) return name;
  const isInput = [
    'inputIds',
    'attentionMask',
    'tokenTypeIds',
    'positionIds',
    'mcTokenIds',
  ].includes(role);
  const hf: Record<string, string> = {
    inputIds: 'input_ids',
    attentionMask: 'attention_mask',
    tokenTypeIds: 'token_type_ids',
    positionIds: 'position_ids',
    mcTokenIds: 'mc_token_ids',
    logits: 'logits',
    lastHiddenState: 'last_hidden_state',
    startLogits: 'start_logits',
    endLogits: 'end_logits',
    mcLogits: 'mc_logits',
  };
  const has = (isInput ? model.inputs : model.outputs).map((v) => v.name).join(', ');
  throw new InferenceError(
    isInput ? 'MISSING_INPUT' : 'MISSING_OUTPUT',
    `${task}: the model has no ${isInput ? 'input' : 'output'} ${hf[role] ?? role}, which this task needs; its ` +
      `${isInput ? 'inputs' : 'outputs'} are ${has || '(none)'}`,
  );
}

/**
 * The model's embedding-table size as far as we can tell: `vocab_size` of config.json, else the last dimension of a
 * `logits` output over the vocabulary.
 */
export function embeddingRows(model: ModelRunner): number | undefined {
  return model.config?.vocabSize;
}

/**
 * Checks that every id the tokenizer can produce has a row in the model's embedding table.
 * @throws {InferenceError} `VOCAB_TOO_LARGE` with both sizes.
 */
export function checkVocabulary(model: ModelRunner, tokenizer: TokenizerLike, task: string): void {
  const rows = embeddingRows(model);
  const size = tokenizerVocabSize(tokenizer);
  if (rows !== undefined && size !== undefined && size > rows) {
    throw new InferenceError(
      'VOCAB_TOO_LARGE',
      `${task}: the tokenizer has ${size} tokens but the model's embedding table (config.json vocab_size) has ${rows} ` +
        'rows; ids from the tokenizer would index past the table. Use the tokenizer the model was trained with.',
    );
  }
}

/**
 * Checks ids against the embedding table at run time (catches tokenizers that do not report their size).
 * @throws {InferenceError} `VOCAB_TOO_LARGE` naming the id and the input it came from (also for an id that is not an
 *   integer).
 */
export function checkIds(
  model: ModelRunner,
  ids: readonly number[],
  what: string,
  task: string,
): void {
  // Ids become BigInt64Array elements, which only integers can be; a tokenizer returning others does not fit.
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) {
      throw new InferenceError(
        'VOCAB_TOO_LARGE',
        `${task}: token id ${shown(id)} in ${what} is not an integer; the tokenizer does not match the model`,
      );
    }
  }
  const rows = embeddingRows(model);
  if (rows === undefined) return;
  for (const id of ids) {
    if (id >= rows || id < 0) {
      throw new InferenceError(
        'VOCAB_TOO_LARGE',
        `${task}: token id ${id} in ${what} is outside the model's embedding table of ${rows} rows (config.json vocab_size); ` +
          'the tokenizer does not match the model',
      );
    }
  }
}

/** The longest sequence the model takes: `options.maxLength`, else config.json's position count. */
export function maxSequenceLength(
  model: ModelRunner,
  maxLength: number | undefined,
): number | undefined {
  return maxLength ?? model.config?.maxPositions;
}

/**
 * Truncates an encoding's ids to `limit` keeping its last token (the closing special token, when the tokenizer adds
 * one), or throws when truncation is off. `fix` is what the message tells the caller to do; it must name an option
 * the calling task has (or none), since a task without `truncation` cannot be told to pass it.
 * @throws {InferenceError} `SEQUENCE_TOO_LONG` naming the text's index and both lengths.
 */
export function fitLength<T>(
  items: readonly T[],
  limit: number | undefined,
  truncation: boolean,
  keepLast: boolean,
  what: string,
  task: string,
  fix: string,
): readonly T[] {
  if (limit === undefined || items.length <= limit) return items;
  if (truncation)
    return keepLast
      ? [...items.slice(0, limit - 1), items[items.length - 1] as T]
      : items.slice(0, limit);
  throw new InferenceError(
    'SEQUENCE_TOO_LONG',
    `${task}: ${what} is ${items.length} tokens but the model takes at most ${limit} positions ` +
      `(config.json max_position_embeddings / n_positions); ${fix}`,
  );
}

/** The `fix` of {@link fitLength} for tasks with a `truncation` option. */
export const TRUNCATION_FIX = 'pass truncation: true or shorten the text';

/** The length options of the tasks that encode whole texts (`FeatureExtractor`, `SequenceClassifier`). */
export interface LengthOptions {
  readonly truncation?: boolean;
  readonly maxLength?: number;
}

/**
 * Checks the {@link LengthOptions}: `truncation` a boolean, `maxLength` an integer from 1 to the model's positions.
 * @throws {InferenceError} `INVALID_OPTION` naming the bad option.
 */
export function checkLengthOptions(task: string, options: LengthOptions, model: ModelRunner): void {
  booleanOption(task, 'truncation', options.truncation);
  integerOption(task, 'maxLength', options.maxLength, 1, model.config?.maxPositions);
}

/**
 * An encoding as the model takes it: ids (and type ids) cut to `maxLength`, else the model's positions, keeping the
 * last token when `truncation` is on ({@link fitLength}); the ids checked against the model ({@link checkIds}).
 * @throws {InferenceError} `SEQUENCE_TOO_LONG` naming `what` when it is too long and truncation is off;
 *   `VOCAB_TOO_LARGE` for an id the model cannot take.
 */
export function fitEncoding(
  model: ModelRunner,
  encoding: { readonly ids: readonly number[]; readonly typeIds?: readonly number[] | undefined },
  options: LengthOptions,
  what: string,
  task: string,
): { ids: readonly number[]; typeIds?: readonly number[] } {
  const limit = maxSequenceLength(model, options.maxLength);
  const truncation = options.truncation ?? false;
  const fit = (items: readonly number[]): readonly number[] =>
    fitLength(items, limit, truncation, true, what, task, TRUNCATION_FIX);
  const ids = fit(encoding.ids);
  const typeIds = encoding.typeIds && fit(encoding.typeIds);
  checkIds(model, ids, what, task);
  return typeIds ? { ids, typeIds } : { ids };
}
