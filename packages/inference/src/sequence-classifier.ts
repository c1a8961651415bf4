import {
  checkArray,
  checkBatchOptions,
  checkModelRunner,
  checkTokenizer,
  invalidInput,
  oneOfOption,
  optionsObject,
  stringsOption,
  tokenIdOption,
} from './argument-checks';
import { collate } from './collate';
import { InferenceError } from './errors';
import { sigmoid, softmax } from './math';
import { checkLengthOptions, checkVocabulary, fitEncoding, requireIo } from './model-checks';
import { checkBatchBytes, mapInBatches } from './plan-batches';
import type { BatchOptions, EncodingLike, ModelRunner, RunOptions, TokenizerLike } from './types';

/** A text or a `[text, pair]` to classify. */
export type ClassifierInput = string | readonly [string, string];

/** Options of {@link SequenceClassifier}. */
export interface SequenceClassifierOptions {
  /** Label names by index. @defaultValue config.json `id2label`, else `LABEL_0`, `LABEL_1`, … */
  readonly labels?: readonly string[];
  /** `'multi_label'` scores each label with a sigmoid. @defaultValue config.json `problem_type`, else `'single_label'` */
  readonly problemType?: 'single_label' | 'multi_label';
  /**
   * For a model whose logits are per position (`[batch, seq, labels]`, GPT-1 style): the token id whose (last)
   * position holds the sequence's logits, appended when the text does not end with it. `undefined` reads the last real
   * token. Ignored for `[batch, labels]` logits.
   * @defaultValue `undefined`
   */
  readonly extractTokenId?: number;
  /** @defaultValue config.json `pad_token_id`, else 0 */
  readonly padTokenId?: number;
  /** Cut texts longer than `maxLength` instead of throwing `SEQUENCE_TOO_LONG`. @defaultValue `false` */
  readonly truncation?: boolean;
  /** @defaultValue config.json `max_position_embeddings` / `n_positions` */
  readonly maxLength?: number;
}

/** One input's result. */
export interface Classification {
  /** The best label. */
  readonly label: string;
  /** Its index. */
  readonly index: number;
  /** Its probability. */
  readonly score: number;
  /** Every label's probability, in label order (softmax, or sigmoid per label for multi-label). */
  readonly probabilities: Float64Array;
  /** The raw logits, in label order. */
  readonly logits: Float32Array;
}

/** A text or a `[text, pair]` of two strings. */
function checkClassifierInput(input: unknown, what: string, task: string): void {
  if (typeof input === 'string') return;
  if (
    Array.isArray(input) &&
    input.length === 2 &&
    typeof input[0] === 'string' &&
    typeof input[1] === 'string'
  )
    return;
  throw invalidInput(task, what, 'a text or a [text, pair] of two strings', input);
}

function checkClassifierOptions(
  options: SequenceClassifierOptions,
  model: ModelRunner,
  task: string,
): void {
  stringsOption(task, 'labels', options.labels);
  oneOfOption(task, 'problemType', options.problemType, ['single_label', 'multi_label']);
  tokenIdOption(task, 'extractTokenId', options.extractTokenId);
  tokenIdOption(task, 'padTokenId', options.padTokenId, -(2 ** 31));
  checkLengthOptions(task, options, model);
}

/**
 * Sequence classification over a BERT-style (`logits [batch, labels]`) or GPT-1-style (`logits [batch, seq,
 * labels]`, read at the extract token) model. Texts and text pairs go through the tokenizer's own special-token
 * template, are batched by length and come back in input order.
 * @example
 * const clf = new SequenceClassifier(await createSession('sst2/model.onnx'), tokenizer);
 * (await clf.classify(['a great film']))[0].label // 'POSITIVE'
 * @see https://huggingface.co/docs/transformers/main_classes/pipelines#transformers.TextClassificationPipeline
 */
export class SequenceClassifier {
  readonly #model: ModelRunner;
  readonly #tokenizer: TokenizerLike;
  readonly #options: SequenceClassifierOptions;
  readonly #logits: string;
  readonly #padId: number;
  readonly #multiLabel: boolean;

  /**
   * @throws {InferenceError} `MISSING_INPUT` / `MISSING_OUTPUT` when the model lacks `input_ids` or `logits`;
   *   `VOCAB_TOO_LARGE` when the tokenizer has more tokens than the embedding table; `INVALID_INPUT` for a model or
   *   tokenizer without the members tasks call; `INVALID_OPTION` naming a bad option (`maxLength` is 1..the model's
   *   positions).
   */
  constructor(
    model: ModelRunner,
    tokenizer: TokenizerLike,
    options: SequenceClassifierOptions = {},
  ) {
    const task = 'SequenceClassifier';
    checkModelRunner(model, task);
    checkTokenizer(tokenizer, task);
    checkClassifierOptions(optionsObject(options, task), model, task);
    requireIo(model, 'inputIds', task);
    this.#logits = requireIo(model, 'logits', task);
    checkVocabulary(model, tokenizer, task);
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#options = options;
    this.#padId = options.padTokenId ?? model.config?.padTokenId ?? 0;
    this.#multiLabel =
      (options.problemType ?? model.config?.raw['problem_type']) === 'multi_label_classification' ||
      options.problemType === 'multi_label';
  }

  /**
   * Label names by index, as results use them.
   * @throws {InferenceError} `INVALID_INPUT` for an index that is not a non-negative integer.
   */
  labelName(index: number): string {
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0)
      throw invalidInput('SequenceClassifier.labelName', 'index', 'a non-negative integer', index);
    const fromOptions = this.#options.labels?.[index];
    return fromOptions ?? this.#model.config?.id2label?.[index] ?? `LABEL_${index}`;
  }

  /**
   * Tokenizes one input as the model will see it (special tokens, extract token, length check).
   * @throws {InferenceError} `INVALID_INPUT` for an input that is neither a string nor a `[text, pair]` of strings;
   *   `SEQUENCE_TOO_LONG`; `VOCAB_TOO_LARGE`.
   */
  encode(input: ClassifierInput, index = 0): EncodingLike {
    const task = 'SequenceClassifier.classify';
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0)
      throw invalidInput(task, 'index', 'a non-negative integer', index);
    checkClassifierInput(input, `inputs[${index}]`, task);
    const enc =
      typeof input === 'string'
        ? this.#tokenizer.encode(input)
        : this.#tokenizer.encode(input[0], input[1]);
    let ids = enc.ids;
    let typeIds = enc.typeIds;
    const extract = this.#options.extractTokenId;
    if (extract !== undefined && ids[ids.length - 1] !== extract) {
      ids = [...ids, extract];
      typeIds = typeIds && [...typeIds, typeIds[typeIds.length - 1] ?? 0];
    }
    return fitEncoding(this.#model, { ids, typeIds }, this.#options, `input ${index}`, task);
  }

  /**
   * Classifies texts or text pairs.
   * @throws {InferenceError} `SEQUENCE_TOO_LONG` naming the input when it is longer than the model's positions and
   *   `truncation` is off; `BATCH_TOO_LARGE`; `EMPTY_INPUT` for an input with no tokens; `INVALID_INPUT` for inputs
   *   that are not an array of texts or `[text, pair]`s; `INVALID_OPTION` for a bad batch option.
   */
  async classify(
    inputs: readonly ClassifierInput[],
    options: BatchOptions & RunOptions = {},
  ): Promise<Classification[]> {
    checkArray(inputs, 'inputs', 'SequenceClassifier.classify');
    checkBatchOptions(
      optionsObject(options, 'SequenceClassifier.classify'),
      'SequenceClassifier.classify',
    );
    const encodings = inputs.map((input, i) => this.encode(input, i));
    encodings.forEach((e, i) => {
      if (e.ids.length === 0)
        throw new InferenceError(
          'EMPTY_INPUT',
          `SequenceClassifier.classify: input ${i} has no tokens`,
        );
    });
    return mapInBatches(
      encodings.map((e) => e.ids.length),
      options,
      (indices) =>
        this.#runBatch(
          indices.map((i) => encodings[i] as EncodingLike),
          options,
        ),
    );
  }

  async #runBatch(
    rows: readonly EncodingLike[],
    options: BatchOptions & RunOptions,
  ): Promise<Classification[]> {
    const { feeds, lengths, seqLen } = collate(this.#model, rows, { padTokenId: this.#padId });
    checkBatchBytes(
      this.#model.outputs,
      rows.length,
      seqLen,
      options.maxBatchBytes ?? 2 ** 30,
      'SequenceClassifier.classify',
    );
    const out = (await this.#model.run(feeds, options))[this.#logits];
    if (!out || out.type !== 'float32') {
      throw new InferenceError(
        'MISSING_OUTPUT',
        `SequenceClassifier.classify: the model returned no float32 ${this.#logits}`,
      );
    }
    const data = out.data as Float32Array;
    const numLabels = out.dims[out.dims.length - 1] as number;
    const perPosition = out.dims.length === 3;
    return rows.map((row, r) => {
      let at = r * numLabels;
      if (perPosition) {
        // GPT-1: the classifier reads the hidden state of the extract token, the sequence's last real token here.
        const extract = this.#options.extractTokenId;
        let pos = (lengths[r] as number) - 1;
        if (extract !== undefined) pos = row.ids.lastIndexOf(extract);
        at = (r * seqLen + pos) * numLabels;
      }
      const logits = data.slice(at, at + numLabels);
      const probabilities = this.#multiLabel ? Float64Array.from(logits, sigmoid) : softmax(logits);
      let index = 0;
      for (let k = 1; k < numLabels; k++)
        if ((probabilities[k] as number) > (probabilities[index] as number)) index = k;
      return {
        label: this.labelName(index),
        index,
        score: probabilities[index] as number,
        probabilities,
        logits,
      };
    });
  }
}
