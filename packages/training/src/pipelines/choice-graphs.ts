import {
  GraphBuilder,
  addClassificationHead,
  addSoftmaxCrossEntropyLoss,
  buildGpt2,
} from '@nlpft/onnx';
import type { Graph } from '@nlpft/onnx';
import { builderSize } from './tiny-models';
import type { TinyModelConfig } from './tiny-models';

/** How a choice's sequence becomes its score. */
export type ChoiceScoring = 'lm-likelihood' | 'linear';

/** Graph inputs of the likelihood score beside `input_ids` / `attention_mask`. */
export const TARGET_IDS = 'target_ids';
export const TARGET_MASK = 'target_mask';
/** `[questions, choices]` scores; a softmax over a row gives the choice probabilities. */
export const CHOICE_LOGITS = 'choice_logits';

/** Parameters that are "the head" of each scoring (what 'head-only' trains). */
export const CHOICE_HEAD_PREFIXES: Readonly<Record<ChoiceScoring, readonly string[]>> = {
  // The LM head is tied to the token embeddings: its own top is the final LayerNorm.
  'lm-likelihood': ['transformer.ln_f.'],
  linear: ['classifier.'],
};

/**
 * A tiny GPT-2 that scores each choice of a question, + cross-entropy over the choices (`labels [questions]`):
 * - 'lm-likelihood': the pre-trained LM head itself — the score is Σ log p(token | tokens before) over the
 *   positions `target_mask` marks (the choice's tokens), or its mean with `lengthNormalized`. Fine-tuning starts
 *   from the zero-shot ranking instead of a random head (likelihood-based fine-tuning, as in PET / LM-BFF).
 * - 'linear': GPT-1's multiple-choice head — one linear unit on the pooled state (the last token: the extract
 *   token), new and random.
 */
export function buildChoiceScorer(
  scoring: ChoiceScoring,
  vocabSize: number,
  c: TinyModelConfig,
  choices: number,
  options: { seed: number; pooling?: 'last' | 'mean'; lengthNormalized?: boolean },
): Graph {
  const dropout = c.dropout ?? 0.1;
  const size = { ...builderSize(vocabSize, c), dropout };
  let graph: Graph;
  let score: string;
  if (scoring === 'linear') {
    graph = addClassificationHead(buildGpt2(size, { seed: options.seed, lmHead: false }), {
      numLabels: 1,
      pooling: options.pooling ?? 'last',
      dropout,
      seed: options.seed + 1,
    });
    score = 'logits';
  } else {
    graph = buildGpt2(size, { seed: options.seed });
    score = addSequenceLogLikelihood(graph, options.lengthNormalized ?? false);
  }
  const b = new GraphBuilder({ graph });
  const grouped = b.op1(
    'Reshape',
    [score, b.constant([-1, choices])],
    {},
    'nlpft/choice_logits/Reshape',
  );
  b.output(grouped, CHOICE_LOGITS);
  addSoftmaxCrossEntropyLoss(graph, CHOICE_LOGITS);
  return graph;
}

/**
 * `logits [rows, L, vocab]` → the log-likelihood of each row's marked targets, `[rows]`: log-softmax, the value
 * at `target_ids` (the next token at each position), times `target_mask`, summed over positions (divided by the
 * mask's sum when length-normalised).
 */
function addSequenceLogLikelihood(graph: Graph, lengthNormalized: boolean): string {
  const b = new GraphBuilder({ graph });
  const targets = b.input(TARGET_IDS, 'int64', ['batch', 'sequence']);
  const mask = b.input(TARGET_MASK, 'float32', ['batch', 'sequence']);
  const logProbs = b.op1(
    'LogSoftmax',
    ['logits'],
    { axis: { type: 'int', value: -1 } },
    'nlpft/score/LogSoftmax',
  );
  const picked = b.op1(
    'GatherElements',
    [logProbs, b.op1('Unsqueeze', [targets, b.constant([2])], {}, 'nlpft/score/Unsqueeze')],
    { axis: { type: 'int', value: 2 } },
    'nlpft/score/GatherElements',
  );
  const perToken = b.op1('Squeeze', [picked, b.constant([2])], {}, 'nlpft/score/Squeeze');
  const keepdims = { keepdims: { type: 'int', value: 0 } } as const;
  const sum = b.op1(
    'ReduceSum',
    [b.op1('Mul', [perToken, mask], {}, 'nlpft/score/Mul'), b.constant([1])],
    keepdims,
    'nlpft/score/ReduceSum',
  );
  if (!lengthNormalized) return sum.name;
  const count = b.op1('ReduceSum', [mask, b.constant([1])], keepdims, 'nlpft/score/Count');
  return b.op1('Div', [sum, count], {}, 'nlpft/score/Div').name;
}
