import { addSoftmaxCrossEntropyLoss } from '@nlpft/onnx';
import { TrainingError } from '../errors';
import { classificationScores } from './classification-metrics';
import type { ClassificationScores } from './classification-metrics';
import { withClassifierHead } from './classifier-head';
import { predictClasses } from './predict-classes';
import { encodeLabelled, padIdOf, pretrainedCollate } from './pretrained-collate';
import type { EncodedExample, LabelledInput } from './pretrained-collate';
import { runPretrainedTask } from './run-pretrained-task';
import type { PretrainedRunInfo, PretrainedRunOptions } from './run-pretrained-task';
import { checkPipelineOptions, checkSplit, labelledTextProblem } from './check-pipeline-options';

/** Options of {@link finetunePretrained}. */
export interface FinetunePretrainedOptions extends PretrainedRunOptions {
  train: readonly LabelledInput[];
  test: readonly LabelledInput[];
  /** Class names by id (written as id2label). @defaultValue the config's id2label when it has numLabels entries, else LABEL_0 … */
  labels?: readonly string[];
  /** @defaultValue labels.length, else the largest label + 1 (at least 2) */
  numLabels?: number;
}

/** What {@link finetunePretrained} measured on the test split. */
export interface FinetunePretrainedResult extends ClassificationScores, PretrainedRunInfo {
  labels: string[];
  predictions: number[];
  /** Class probabilities per test item. */
  probabilities: number[][];
}

/**
 * Fine-tunes a Hugging Face model folder on a (pair) classification task with one of the lecture's strategies, scores
 * the test split and, with `output`, writes the result as a model folder `@nlpft/inference` and transformers.js load.
 * The head is the export's (re-initialised when the class count differs) or a new one on a body export.
 * @throws {TrainingError} `INVALID_OPTION` for empty splits, a label outside 0 … numLabels − 1 or a bad option;
 *   `INVALID_MODEL_FOLDER` / `UNSUPPORTED_MODEL` from fromPretrained; `NON_FINITE_LOSS`; `INTERRUPTED` when `signal`
 *   aborts (with runDir, after saving a checkpoint to resume from).
 * @example
 * const run = await finetunePretrained({ model: 'models/bert-base-uncased', train, test, strategy: 'lora', output: 'out/bert-lora' });
 */
export async function finetunePretrained(
  options: FinetunePretrainedOptions,
): Promise<FinetunePretrainedResult> {
  const where = 'finetunePretrained';
  checkPipelineOptions(where, options, { numLabels: 'positiveInteger' });
  checkSplit(where, 'train', options.train, labelledTextProblem);
  checkSplit(where, 'test', options.test, labelledTextProblem);
  if (
    options.labels !== undefined &&
    !(Array.isArray(options.labels) && options.labels.every((l) => typeof l === 'string'))
  )
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: options.labels must be an array of class names (strings), got ${JSON.stringify(options.labels)}`,
    );
  const numLabels = resolveNumLabels(options);
  checkLabels([...options.train, ...options.test], numLabels);
  return runPretrainedTask(options, options.train, options.test, (opened) => {
    const labels = labelNames(options.labels, opened.config.id2label, numLabels);
    return {
      name: 'sequence-classification',
      settings: { numLabels, labels },
      head: (model, seed) => withClassifierHead(model, numLabels, seed),
      encode: encodeLabelled,
      addLoss: (graph) => void addSoftmaxCrossEntropyLoss(graph, 'logits'),
      collate: (inputs, model, tokenizer) => pretrainedCollate(inputs, padIdOf(model, tokenizer)),
      score: async (trainable, test: readonly EncodedExample[]) => {
        const { predictions, probabilities } = await predictClasses(trainable, test, numLabels);
        const scores = classificationScores(
          test.map((e) => e.label),
          predictions,
          { numLabels },
        );
        return { ...scores, labels, predictions, probabilities };
      },
      save: { outputs: ['logits'], id2label: labels },
    };
  });
}

function resolveNumLabels(options: FinetunePretrainedOptions): number {
  if (options.numLabels !== undefined) return options.numLabels;
  if (options.labels !== undefined) return options.labels.length;
  const largest = Math.max(
    ...options.train.map((e) => e.label),
    ...options.test.map((e) => e.label),
  );
  return Math.max(2, largest + 1);
}

// A label outside the head's range would only fail deep inside onnxruntime's loss kernel (or silently).
function checkLabels(items: readonly LabelledInput[], numLabels: number): void {
  const stray = items.find(
    (e) => !(Number.isInteger(e.label) && e.label >= 0 && e.label < numLabels),
  );
  if (stray !== undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `label ${stray.label} (text ${JSON.stringify(stray.text.slice(0, 40))}) is not an integer in 0 … ${numLabels - 1}; map labels to 0 … numLabels − 1 or raise numLabels`,
    );
}

function labelNames(
  given: readonly string[] | undefined,
  configured: readonly string[],
  n: number,
): string[] {
  if (given !== undefined) {
    if (given.length !== n)
      throw new TrainingError(
        'INVALID_OPTION',
        `labels names ${given.length} classes, numLabels is ${n}`,
      );
    return [...given];
  }
  // HF's default names when the config's do not fit the new head.
  return configured.length === n
    ? [...configured]
    : Array.from({ length: n }, (_, i) => `LABEL_${i}`);
}
