import {
  addCausalLmLoss,
  addClassificationHead,
  addMaskedLmHead,
  addSoftmaxCrossEntropyLoss,
  buildBert,
  buildGpt2,
  renameOutputs,
} from '@nlpft/onnx';
import type { BertConfig, Graph } from '@nlpft/onnx';

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

/** The size fields the BERT and GPT-2 builders share, of a tiny model over a vocabulary. */
export function builderSize(
  vocabSize: number,
  c: TinyModelConfig,
): Pick<BertConfig, 'vocabSize' | 'hidden' | 'layers' | 'heads' | 'intermediate' | 'maxPositions'> {
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
 * How a classifier turns the body's states into one vector: the mean over non-pad tokens; the last non-pad token
 * (GPT-1's extract token, which a causal body has read everything before); or position 0 (BERT's `[CLS]`).
 */
export type Pooling = 'mean' | 'last' | 'cls';

/** Head options of {@link buildClassifier}. */
export interface ClassifierHeadOptions {
  /** @defaultValue 'mean' */
  pooling?: Pooling;
  /**
   * λ of GPT-1's auxiliary objective: with λ > 0 (GPT-2 only) the graph keeps the tied LM head and its loss is
   * classification CE + λ · causal-LM loss of the input text, read from the `lm_labels` input (pads = -100).
   * @defaultValue 0 (classification loss only)
   */
  lmLossWeight?: number;
}

/**
 * A transformer body + pooled classification head (dropout, linear) + cross-entropy loss; the body's weights start
 * random (copy pre-trained ones in by name). GPT-2's mean runs over causal states, each of which has read the
 * tokens before it. With `lmLossWeight` > 0 the GPT-2 body keeps its LM head tied to `transformer.wte.weight`
 * (no new parameter, so the weights are the same as without it) and `loss` adds λ times the LM loss, with
 * `classification_loss` and `lm_loss` as outputs too.
 */
export function buildClassifier(
  architecture: Architecture,
  vocabSize: number,
  c: TinyModelConfig,
  numLabels: number,
  seed: number,
  head: ClassifierHeadOptions = {},
): Graph {
  const dropout = c.dropout ?? 0.1;
  const size = builderSize(vocabSize, c);
  const lmLossWeight = head.lmLossWeight ?? 0;
  const withLm = architecture === 'gpt2' && lmLossWeight > 0;
  const body =
    architecture === 'bert'
      ? buildBert({ ...size, hiddenDropout: dropout, attentionDropout: dropout }, { seed })
      : withLm
        ? gpt2WithHiddenOutput(buildGpt2({ ...size, dropout }, { seed }), c.hidden)
        : buildGpt2({ ...size, dropout }, { seed, lmHead: false });
  const g = addClassificationHead(body, {
    numLabels,
    pooling: head.pooling ?? 'mean',
    dropout,
    seed: seed + 1,
  });
  if (!withLm) {
    addSoftmaxCrossEntropyLoss(g, 'logits');
    return g;
  }
  const ce = addSoftmaxCrossEntropyLoss(g, 'logits', { output: 'classification_loss' });
  const lm = addCausalLmLoss(g, 'lm_logits', { labels: 'lm_labels', output: 'lm_loss' });
  // loss = CE + λ · LM (Radford et al. 2018, eq. 3). Names under loss/ keep the constant out of the parameters.
  g.addInitializer({
    name: 'loss/lm_weight',
    type: 'float32',
    dims: [],
    data: Float32Array.from([lmLossWeight]),
  });
  g.addNode('Mul', [lm, 'loss/lm_weight'], ['loss/weighted_lm'], {}, { name: 'loss/WeightLm' });
  g.addNode('Add', [ce, 'loss/weighted_lm'], ['loss'], {}, { name: 'loss/Total' });
  g.outputs.push({ name: 'loss', type: 'float32', shape: [] });
  return g;
}

/**
 * GPT-2 with its tied LM head, outputs renamed to what the head and loss read: `lm_logits`, and the final
 * LayerNorm's states as `last_hidden_state` (the name the head-less builder gives them).
 */
function gpt2WithHiddenOutput(lm: Graph, hidden: number): Graph {
  const head = lm.nodes.find((n) => n.outputs.includes('logits'));
  const states = head?.inputs[0];
  // The builder's own layout (logits = MatMul(ln_f, wteᵀ)); a change there should fail loudly here.
  if (states === undefined) throw new Error('buildClassifier: buildGpt2 gave no LM head MatMul');
  const g = lm.clone();
  g.outputs.unshift({
    name: states,
    type: 'float32',
    shape: ['batch_size', 'sequence_length', hidden],
  });
  return renameOutputs(g, { [states]: 'last_hidden_state', logits: 'lm_logits' });
}

/** Number of float parameters of a graph's initializers. */
export function parameterCount(g: Graph): number {
  let n = 0;
  for (const t of g.initializers.values()) if (t.type === 'float32') n += t.data.length;
  return n;
}
