import { squadCorpus } from '@nlpft/metrics';
import { addQuestionAnsweringHead, addSoftmaxCrossEntropyLoss } from '@nlpft/onnx';
import type { BatchTensor, Graph } from '@nlpft/onnx';
import { qaFeatures } from '@nlpft/task-inputs';
import type { QaAnswer, QaFeature } from '@nlpft/task-inputs';
import { TrainingError } from '../errors';
import type { OnnxTrainable } from '../onnx-trainable';
import type { PretrainedModel } from '../pretrained/from-pretrained';
import type { HeadOrigin } from './classifier-head';
import { pairTemplateOf } from './pair-template-of';
import { padIdOf, pretrainedCollate } from './pretrained-collate';
import { runPretrainedTask } from './run-pretrained-task';
import { initializerRange, withTaskGraph } from './with-task-graph';
import type { PretrainedRunInfo, PretrainedRunOptions } from './run-pretrained-task';

/** A question, the context holding its answer, and the answer span (UTF-16 units of the context). */
export interface QaItem {
  question: string;
  context: string;
  answer: QaAnswer;
}

/** One window of a question's context, with the item it came from. */
interface QaWindow {
  item: number;
  feature: QaFeature;
}

/** Options of {@link finetuneQuestionAnswering}. */
export interface FinetuneQuestionAnsweringOptions extends PretrainedRunOptions {
  train: readonly QaItem[];
  test: readonly QaItem[];
  /** Context tokens shared by consecutive windows of a long context (run_qa.py's `doc_stride`). @defaultValue 128 */
  docStride?: number;
  /** Longest answer, in tokens, the decoder considers (run_qa.py's `max_answer_length`). @defaultValue 30 */
  maxAnswerLength?: number;
}

/** What {@link finetuneQuestionAnswering} measured on the test split (SQuAD v1.1 scoring, percentages). */
export interface FinetuneQuestionAnsweringResult extends PretrainedRunInfo {
  exactMatch: number;
  f1: number;
  /** The predicted answer text per test item. */
  predictions: string[];
}

/**
 * Fine-tunes a Hugging Face folder on extractive QA as BERT does it: `[CLS] question [SEP] context [SEP]` windows
 * from `@nlpft/task-inputs`' `qaFeatures` (run_qa.py's preprocessing), a linear `qa_outputs` layer giving start and
 * end scores per token, the mean of the start and end cross-entropies as the loss. Test answers are decoded as
 * run_qa.py does (the best start + end score over every window, start ≤ end, at most `maxAnswerLength` tokens, context
 * tokens only) and scored with SQuAD's exact match and F1. A body export gets a new head; a QA export keeps its own.
 * @throws {TrainingError} `INVALID_OPTION` for a classifier or LM export; what qaFeatures and runPretrainedTask throw.
 * @example
 * await finetuneQuestionAnswering({ model: 'models/bert', train: [{ question: 'Who?', context: 'Ann came.', answer: { start: 0, text: 'Ann' } }], test });
 */
export async function finetuneQuestionAnswering(
  options: FinetuneQuestionAnsweringOptions,
): Promise<FinetuneQuestionAnsweringResult> {
  const docStride = options.docStride ?? 128;
  const maxAnswerLength = options.maxAnswerLength ?? 30;
  return runPretrainedTask(options, options.train, options.test, (opened) => {
    const template = pairTemplateOf(opened);
    return {
      name: 'question-answering',
      settings: { docStride, maxAnswerLength },
      head: withQaHead,
      encode: (tokenizer, items, maxLength) =>
        items.flatMap((item, i) =>
          qaFeatures(tokenizer, item.question, item.context, {
            answer: item.answer,
            template,
            maxLength,
            docStride: Math.min(docStride, Math.floor(maxLength / 2)),
            padding: false,
          }).map((feature) => ({ item: i, feature })),
        ),
      addLoss: addSpanLoss,
      collate: (inputs, model, tokenizer) => {
        const sequences = pretrainedCollate(
          inputs.filter((n) => n !== 'start_positions' && n !== 'end_positions'),
          padIdOf(model, tokenizer),
        );
        return (windows: readonly QaWindow[]): Record<string, BatchTensor> => {
          const positions = (pick: (f: QaFeature) => number | undefined): BatchTensor => ({
            data: BigInt64Array.from(windows, (w) => BigInt(pick(w.feature) ?? w.feature.clsIndex)),
            dims: [windows.length],
          });
          return {
            ...sequences(
              windows.map((w) => ({ ids: w.feature.ids, typeIds: w.feature.typeIds, label: 0 })),
            ),
            start_positions: positions((f) => f.startPosition),
            end_positions: positions((f) => f.endPosition),
          };
        };
      },
      score: async (trainable, windows) => {
        const predictions = await decodeAnswers(trainable, windows, options.test, maxAnswerLength);
        const truths = options.test.map((q) => answerText(q));
        const { exactMatch, f1 } = squadCorpus(predictions, truths);
        return { exactMatch, f1, predictions };
      },
      save: { outputs: ['start_logits', 'end_logits'] },
    };
  });
}

function withQaHead(
  model: PretrainedModel,
  seed: number,
): { model: PretrainedModel; origin: HeadOrigin } {
  if (model.task === 'question-answering') return { model, origin: 'export' };
  if (model.task !== 'feature-extraction' || model.config.modelType === 'gpt2')
    throw new TrainingError(
      'INVALID_OPTION',
      `${model.dir}: extractive QA needs an encoder body export (last_hidden_state) or a …ForQuestionAnswering one; this is a ${model.config.modelType} ${model.task} export`,
    );
  const graph = addQuestionAnsweringHead(model.graph, {
    hidden: model.structure.hiddenSize,
    seed,
    std: initializerRange(model),
  });
  return {
    model: withTaskGraph(model, graph, 'question-answering', ['start_logits', 'end_logits']),
    origin: 'added',
  };
}

/** HF's `…ForQuestionAnswering` loss: (CE(start) + CE(end)) / 2 over the windows' answer positions. */
function addSpanLoss(graph: Graph): void {
  addSoftmaxCrossEntropyLoss(graph, 'start_logits', {
    labels: 'start_positions',
    output: 'start_loss',
  });
  addSoftmaxCrossEntropyLoss(graph, 'end_logits', { labels: 'end_positions', output: 'end_loss' });
  const half = graph.uniqueName('nlpft/half');
  graph.initializers.set(half, {
    name: half,
    type: 'float32',
    dims: [],
    data: Float32Array.of(0.5),
  });
  const sum = graph.uniqueName('nlpft/span_loss_sum');
  graph.addNode('Add', ['start_loss', 'end_loss'], [sum], {}, { name: 'nlpft/span_loss/Add' });
  graph.addNode('Mul', [sum, half], ['loss'], {}, { name: 'nlpft/span_loss/Mul' });
  graph.outputs = graph.outputs.filter((o) => o.name !== 'start_loss' && o.name !== 'end_loss');
  graph.outputs.push({ name: 'loss', type: 'float32', shape: [] });
}

/** run_qa.py's decoding: over every window of an item, the best start + end score with start ≤ end in the context. */
async function decodeAnswers(
  trainable: OnnxTrainable<QaWindow>,
  windows: readonly QaWindow[],
  items: readonly QaItem[],
  maxAnswerLength: number,
): Promise<string[]> {
  const best = items.map(() => ({ score: -Infinity, text: '' }));
  const snapshot = await trainable.snapshot(['start_logits', 'end_logits']);
  try {
    for (let i = 0; i < windows.length; i += 32) {
      const batch = windows.slice(i, i + 32);
      const out = await snapshot.run(batch);
      const width = out['start_logits']!.dims[1]!;
      batch.forEach((w, r) => {
        const start = out['start_logits']!.data.subarray(r * width, (r + 1) * width);
        const end = out['end_logits']!.data.subarray(r * width, (r + 1) * width);
        const offsets = w.feature.offsets;
        for (let s = 0; s < offsets.length; s++) {
          if (offsets[s] === null) continue;
          for (let e = s; e < Math.min(offsets.length, s + maxAnswerLength); e++) {
            if (offsets[e] === null) continue;
            const score = start[s]! + end[e]!;
            if (score > best[w.item]!.score)
              best[w.item] = {
                score,
                text: items[w.item]!.context.slice(offsets[s]![0], offsets[e]![1]),
              };
          }
        }
      });
    }
  } finally {
    await snapshot.dispose();
  }
  return best.map((b) => b.text);
}

function answerText(item: QaItem): string {
  const a = item.answer;
  return 'text' in a ? a.text : item.context.slice(a.start, a.end);
}
