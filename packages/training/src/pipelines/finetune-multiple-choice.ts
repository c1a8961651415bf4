import { addSoftmaxCrossEntropyLoss } from '@nlpft/onnx';
import type { BatchTensor, Graph } from '@nlpft/onnx';
import { TrainingError } from '../errors';
import { withClassifierHead } from './classifier-head';
import { predictClasses } from './predict-classes';
import { encodeLabelled, padIdOf, pretrainedCollate } from './pretrained-collate';
import type { EncodedExample } from './pretrained-collate';
import { runPretrainedTask } from './run-pretrained-task';
import type { PretrainedRunInfo, PretrainedRunOptions } from './run-pretrained-task';

/** A multiple-choice question: a context (premise, question, story) and its candidate answers. */
export interface MultipleChoiceItem {
  context: string;
  choices: readonly string[];
  /** Index of the right choice. */
  label: number;
}

/** One question encoded: a sequence per choice. */
export interface EncodedChoices {
  choices: EncodedExample[];
  label: number;
}

/** Options of {@link finetuneMultipleChoice}. */
export interface FinetuneMultipleChoiceOptions extends PretrainedRunOptions {
  train: readonly MultipleChoiceItem[];
  test: readonly MultipleChoiceItem[];
}

/** What {@link finetuneMultipleChoice} measured on the test split. */
export interface FinetuneMultipleChoiceResult extends PretrainedRunInfo {
  accuracy: number;
  /** 1 / number of choices: what guessing scores. */
  chance: number;
  predictions: number[];
  /** Softmax over the choices per test question. */
  probabilities: number[][];
}

/**
 * Fine-tunes a Hugging Face folder on multiple choice as the lecture's GPT-1 and BERT recipes do: each choice is one
 * sequence with the context (the tokenizer's pair template: `[CLS] context [SEP] choice [SEP]` for BERT, the two
 * texts joined for GPT-2), a linear layer scores each sequence, and a softmax over a question's choices gives the
 * answer (HF `…ForMultipleChoice`). The saved folder scores one sequence per row (`logits [N, 1]`): group a
 * question's rows and take the arg-max, as this pipeline does.
 * @throws {TrainingError} `INVALID_OPTION` when questions have different or fewer than two choices, or a label is not
 *   a choice index; the errors of {@link runPretrainedTask}.
 * @example
 * await finetuneMultipleChoice({ model: 'models/bert', train: [{ context: 'He was hungry.', choices: ['He ate.', 'He slept.'], label: 0 }], test });
 */
export async function finetuneMultipleChoice(
  options: FinetuneMultipleChoiceOptions,
): Promise<FinetuneMultipleChoiceResult> {
  const items = [...options.train, ...options.test];
  const count = items[0]?.choices.length ?? 0;
  const odd = items.find((q) => q.choices.length !== count);
  if (count < 2 || odd !== undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `every question needs the same number (≥ 2) of choices; the first has ${count}${odd !== undefined ? `, ${JSON.stringify(odd.context.slice(0, 40))} has ${odd.choices.length}` : ''}`,
    );
  const stray = items.find((q) => !(Number.isInteger(q.label) && q.label >= 0 && q.label < count));
  if (stray !== undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `label ${stray.label} is not a choice index 0 … ${count - 1}`,
    );
  return runPretrainedTask(options, options.train, options.test, {
    name: 'multiple-choice',
    settings: { choices: count },
    head: (model, seed) => withClassifierHead(model, 1, seed),
    encode: (tokenizer, questions, maxLength) =>
      questions.map((q) => ({
        choices: encodeLabelled(
          tokenizer,
          q.choices.map((c) => ({ text: q.context, textPair: c, label: 0 })),
          maxLength,
        ),
        label: q.label,
      })),
    addLoss: (graph) => addChoiceLoss(graph, count),
    collate: (inputs, model, tokenizer) => {
      const sequences = pretrainedCollate(
        inputs.filter((n) => n !== 'labels'),
        padIdOf(model, tokenizer),
      );
      return (questions: readonly EncodedChoices[]): Record<string, BatchTensor> => ({
        ...sequences(questions.flatMap((q) => q.choices)),
        labels: {
          data: BigInt64Array.from(questions, (q) => BigInt(q.label)),
          dims: [questions.length],
        },
      });
    },
    score: async (trainable, test) => {
      const { predictions, probabilities } = await predictClasses(
        trainable,
        test,
        count,
        'choice_logits',
      );
      const right = predictions.filter((p, i) => p === test[i]!.label).length;
      return { accuracy: right / test.length, chance: 1 / count, predictions, probabilities };
    },
    save: { outputs: ['logits'] },
  });
}

/** `logits [questions · choices, 1]` → `choice_logits [questions, choices]`, and cross-entropy over the choices. */
function addChoiceLoss(graph: Graph, choices: number): void {
  const shape = graph.uniqueName('nlpft/choice_shape');
  graph.initializers.set(shape, {
    name: shape,
    type: 'int64',
    dims: [2],
    data: BigInt64Array.of(-1n, BigInt(choices)),
  });
  graph.addNode(
    'Reshape',
    ['logits', shape],
    ['choice_logits'],
    {},
    { name: 'nlpft/choice_logits' },
  );
  graph.outputs.push({ name: 'choice_logits', type: 'float32', shape: [undefined, choices] });
  addSoftmaxCrossEntropyLoss(graph, 'choice_logits');
}
