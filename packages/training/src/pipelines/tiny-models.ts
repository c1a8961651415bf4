import {
  addCausalLmLoss,
  addClassificationHead,
  addMaskedLmHead,
  addSoftmaxCrossEntropyLoss,
  buildBert,
  buildGpt2,
} from '@nlpft/onnx';
import type { Graph } from '@nlpft/onnx';

/** A pre-training objective: BERT's masked-LM or GPT-2's next-token prediction. */
export type Objective = 'mlm' | 'clm';

/** Size of a tiny transformer; the vocabulary comes from the tokenizer. */
export interface TinyModelConfig {
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  /** Tokens per training block (and the position table's size). */
  blockSize: number;
  /** Dropout of embeddings, residual branches and attention. @defaultValue 0.1 */
  dropout?: number;
}

/** The size fields the BERT and GPT-2 builders share. */
function builderSize(vocabSize: number, c: TinyModelConfig) {
  return {
    vocabSize,
    hidden: c.hidden,
    layers: c.layers,
    heads: c.heads,
    intermediate: c.intermediate,
    maxPositions: c.blockSize,
  };
}

/** The language model of an objective: forward graph (logits) and the training graph (forward + loss). */
export function buildLanguageModel(
  objective: Objective,
  vocabSize: number,
  c: TinyModelConfig,
  seed: number,
): { forward: Graph; training: Graph } {
  const dropout = c.dropout ?? 0.1;
  const shared = builderSize(vocabSize, c);
  const forward =
    objective === 'mlm'
      ? addMaskedLmHead(
          buildBert({ ...shared, hiddenDropout: dropout, attentionDropout: dropout }, { seed }),
          { seed },
        )
      : buildGpt2({ ...shared, dropout }, { seed });
  const training = forward.clone();
  if (objective === 'mlm') addSoftmaxCrossEntropyLoss(training, 'logits');
  else addCausalLmLoss(training, 'logits', { labels: 'input_ids' });
  return { forward, training };
}

/** The transformer a classifier is built on: BERT's encoder or GPT-2's decoder (GPT-1 style fine-tuning). */
export type Architecture = 'bert' | 'gpt2';

/** The architecture an objective pre-trains. */
export const ARCHITECTURE_OF: Readonly<Record<Objective, Architecture>> = {
  mlm: 'bert',
  clm: 'gpt2',
};

/** Name prefixes of the pre-trained body (everything a classifier takes over from the language model). */
export const BODY_PREFIXES: Readonly<Record<Architecture, readonly string[]>> = {
  bert: ['embeddings.', 'encoder.'],
  gpt2: ['transformer.'],
};

/**
 * A transformer body + mean-pooled classification head (dropout, linear) + cross-entropy loss; the body's weights
 * start random (copy pre-trained ones in by name). GPT-2's mean runs over causal states, each of which has read
 * the tokens before it.
 */
export function buildClassifier(
  architecture: Architecture,
  vocabSize: number,
  c: TinyModelConfig,
  numLabels: number,
  seed: number,
): Graph {
  const dropout = c.dropout ?? 0.1;
  const size = builderSize(vocabSize, c);
  const body =
    architecture === 'bert'
      ? buildBert({ ...size, hiddenDropout: dropout, attentionDropout: dropout }, { seed })
      : buildGpt2({ ...size, dropout }, { seed, lmHead: false });
  const g = addClassificationHead(body, {
    numLabels,
    pooling: 'mean',
    dropout,
    seed: seed + 1,
  });
  addSoftmaxCrossEntropyLoss(g, 'logits');
  return g;
}

/** Number of float parameters of a graph's initializers. */
export function parameterCount(g: Graph): number {
  let n = 0;
  for (const t of g.initializers.values()) if (t.type === 'float32') n += t.data.length;
  return n;
}
