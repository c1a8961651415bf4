import { addSoftmaxCrossEntropyLoss, addTokenClassificationHead } from '@nlpft/onnx';
import type { BatchTensor } from '@nlpft/onnx';
import { encodeInputs } from '@nlpft/task-inputs';
import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import { IGNORE_INDEX } from '../masked-lm';
import type { OnnxTrainable } from '../onnx-trainable';
import type { PretrainedModel } from '../pretrained/from-pretrained';
import { classificationScores } from './classification-metrics';
import type { ClassificationScores } from './classification-metrics';
import type { HeadOrigin } from './classifier-head';
import { pairTemplateOf } from './pair-template-of';
import { padIdOf, pretrainedCollate } from './pretrained-collate';
import { runPretrainedTask } from './run-pretrained-task';
import { headDropout, initializerRange, withTaskGraph } from './with-task-graph';
import type { PretrainedRunInfo, PretrainedRunOptions } from './run-pretrained-task';

/** A sentence as words with one tag per word (CoNLL style: NER, POS, chunks). */
export interface TaggedSentence {
  words: readonly string[];
  /** Tag ids 0 … numLabels − 1, one per word. */
  tags: readonly number[];
}

/** A sentence encoded: ids, and the tag of each word's first sub-token (-100 elsewhere, as HF trains). */
interface EncodedSentence {
  ids: number[];
  typeIds: number[];
  labels: number[];
}

/** Options of {@link finetuneTokenClassification}. */
export interface FinetuneTokenClassificationOptions extends PretrainedRunOptions {
  train: readonly TaggedSentence[];
  test: readonly TaggedSentence[];
  /** Tag names by id (written as id2label). @defaultValue TAG_0 … */
  labels?: readonly string[];
}

/** What {@link finetuneTokenClassification} measured: word-level scores (macro over tags with more than two). */
export interface FinetuneTokenClassificationResult extends ClassificationScores, PretrainedRunInfo {
  labels: string[];
  /** Predicted tags per test sentence (words cut by maxLength get none). */
  predictions: number[][];
}

/**
 * Fine-tunes a Hugging Face folder on token classification (`…ForTokenClassification`): each word is encoded on its
 * own and the pieces joined, so words map to sub-tokens exactly; the first sub-token of a word carries its tag and
 * the others, like special tokens and padding, -100 (HF's `label_all_tokens=False`); a dropout + linear head scores
 * every token. Test scores are word-level (the first sub-token's arg-max) — accuracy, precision, recall, F1, macro
 * over the tags when there are more than two — not seqeval's entity-level F1.
 * @throws {TrainingError} `INVALID_OPTION` for words and tags of different lengths, a tag outside the labels, or an
 *   export other than an encoder body; what runPretrainedTask throws.
 * @example await finetuneTokenClassification({ model: 'models/bert', train: [{ words: ['Ann', 'came'], tags: [1, 0] }], test, labels: ['O', 'PER'] });
 */
export async function finetuneTokenClassification(
  options: FinetuneTokenClassificationOptions,
): Promise<FinetuneTokenClassificationResult> {
  const sentences = [...options.train, ...options.test];
  const bad = sentences.find((s) => s.words.length !== s.tags.length);
  if (bad !== undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `a sentence has ${bad.words.length} words but ${bad.tags.length} tags: ${JSON.stringify(bad.words.slice(0, 8).join(' '))}`,
    );
  const numLabels =
    options.labels?.length ?? Math.max(2, ...sentences.flatMap((s) => s.tags.map((t) => t + 1)));
  const stray = sentences
    .flatMap((s) => s.tags)
    .find((t) => !(Number.isInteger(t) && t >= 0 && t < numLabels));
  if (stray !== undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `tag ${stray} is not an integer in 0 … ${numLabels - 1}`,
    );
  const labels =
    options.labels !== undefined
      ? [...options.labels]
      : Array.from({ length: numLabels }, (_, i) => `TAG_${i}`);
  return runPretrainedTask(options, options.train, options.test, (opened) => {
    const template = pairTemplateOf(opened);
    return {
      name: 'token-classification',
      settings: { labels },
      head: (model, seed) => withTokenHead(model, numLabels, seed),
      encode: (tokenizer, items, maxLength) =>
        items.map((s) => encodeTaggedSentence(tokenizer, s, maxLength, template)),
      addLoss: (graph) => void addSoftmaxCrossEntropyLoss(graph, 'logits'),
      collate: (inputs, model, tokenizer) => {
        const sequences = pretrainedCollate(
          inputs.filter((n) => n !== 'labels'),
          padIdOf(model, tokenizer),
        );
        return (batch: readonly EncodedSentence[]): Record<string, BatchTensor> => {
          const out = sequences(batch.map((e) => ({ ids: e.ids, typeIds: e.typeIds, label: 0 })));
          const width = out['input_ids']!.dims[1]!;
          const data = new BigInt64Array(batch.length * width).fill(BigInt(IGNORE_INDEX));
          batch.forEach((e, i) => e.labels.forEach((l, j) => (data[i * width + j] = BigInt(l))));
          return { ...out, labels: { data, dims: [batch.length, width] } };
        };
      },
      score: (trainable, test) => scoreTags(trainable, test, options.test, numLabels, labels),
      save: { outputs: ['logits'], id2label: labels },
    };
  });
}

function withTokenHead(
  model: PretrainedModel,
  numLabels: number,
  seed: number,
): { model: PretrainedModel; origin: HeadOrigin } {
  if (model.task !== 'feature-extraction' || model.config.modelType === 'gpt2')
    throw new TrainingError(
      'INVALID_OPTION',
      `${model.dir}: token classification needs an encoder body export (last_hidden_state); this is a ${model.config.modelType} ${model.task} export`,
    );
  const graph = addTokenClassificationHead(model.graph, {
    numLabels,
    hidden: model.structure.hiddenSize,
    dropout: headDropout(model),
    seed,
    std: initializerRange(model),
  });
  return { model: withTaskGraph(model, graph, 'logits', ['logits']), origin: 'added' };
}

/** One sentence's ids and labels (exported for its test, not from the package). */
export function encodeTaggedSentence(
  tokenizer: Tokenizer,
  sentence: TaggedSentence,
  maxLength: number,
  template: ReturnType<typeof pairTemplateOf>,
): EncodedSentence {
  const pieces = sentence.words.map(
    (w) => tokenizer.encode(w, null, { addSpecialTokens: false }).ids,
  );
  const first: number[] = [];
  const ids = pieces.flatMap((p, word) => {
    first.push(...p.map((_, k) => (k === 0 ? sentence.tags[word]! : IGNORE_INDEX)));
    return p;
  });
  const enc = encodeInputs(tokenizer, { ids }, null, {
    template,
    maxLength,
    truncation: 'longest_first',
  });
  const labels: number[] = [];
  let j = 0;
  for (const seq of enc.sequenceIds) labels.push(seq === 0 ? first[j++]! : IGNORE_INDEX);
  return { ids: enc.ids, typeIds: enc.typeIds, labels };
}

async function scoreTags(
  trainable: OnnxTrainable<EncodedSentence>,
  test: readonly EncodedSentence[],
  sentences: readonly TaggedSentence[],
  numLabels: number,
  labels: string[],
): Promise<ClassificationScores & { labels: string[]; predictions: number[][] }> {
  const snapshot = await trainable.snapshot(['logits']);
  const predictions: number[][] = [];
  const truth: number[] = [];
  const flat: number[] = [];
  try {
    for (let i = 0; i < test.length; i += 32) {
      const batch = test.slice(i, i + 32);
      const { logits } = await snapshot.run(batch);
      const width = logits!.dims[1]!;
      batch.forEach((e, r) => {
        const tags: number[] = [];
        e.labels.forEach((l, t) => {
          if (l === IGNORE_INDEX) return;
          const row = logits!.data.subarray(
            (r * width + t) * numLabels,
            (r * width + t + 1) * numLabels,
          );
          tags.push(row.indexOf(Math.max(...row)));
        });
        const gold = sentences[i + r]!.tags.slice(0, tags.length);
        truth.push(...gold);
        flat.push(...tags);
        predictions.push(tags);
      });
    }
  } finally {
    await snapshot.dispose();
  }
  return { ...classificationScores(truth, flat, { numLabels }), labels, predictions };
}
