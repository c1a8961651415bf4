import { checkArg } from '../check-args';
import { OnnxError } from '../errors';

/** Size and regularisation of a BERT encoder (Hugging Face `BertConfig`, camelCased). */
export interface BertConfig {
  vocabSize: number;
  /** Hidden size (`hidden_size`). */
  hidden: number;
  /** Encoder layers (`num_hidden_layers`). */
  layers: number;
  /** Attention heads; must divide `hidden`. */
  heads: number;
  /** Feed-forward width (`intermediate_size`). */
  intermediate: number;
  /** Longest sequence (`max_position_embeddings`). */
  maxPositions: number;
  /** Segment vocabulary (`type_vocab_size`). @defaultValue 2 */
  typeVocabSize?: number;
  /** @defaultValue 1e-12 */
  layerNormEps?: number;
  /** Dropout after embeddings, attention output and FFN output (`hidden_dropout_prob`). @defaultValue 0.1 */
  hiddenDropout?: number;
  /** Dropout on attention probabilities (`attention_probs_dropout_prob`). @defaultValue 0.1 */
  attentionDropout?: number;
  /** Std of the normal init of weights and embeddings (`initializer_range`). @defaultValue 0.02 */
  initializerRange?: number;
}

/** Size and regularisation of a GPT-2 decoder (Hugging Face `GPT2Config`, camelCased). */
export interface Gpt2Config {
  vocabSize: number;
  /** Hidden size (`n_embd`). */
  hidden: number;
  /** Decoder blocks (`n_layer`). */
  layers: number;
  /** Attention heads (`n_head`); must divide `hidden`. */
  heads: number;
  /** Feed-forward width (`n_inner`). @defaultValue 4 × hidden */
  intermediate?: number;
  /** Longest sequence (`n_positions`). */
  maxPositions: number;
  /** @defaultValue 1e-5 */
  layerNormEps?: number;
  /** Dropout on embeddings, residual branches and attention probabilities (`embd_pdrop` etc.). @defaultValue 0.1 */
  dropout?: number;
  /** Std of the normal init (`initializer_range`). @defaultValue 0.02 */
  initializerRange?: number;
}

/** Options of `buildBert` and `buildGpt2`. */
export interface BuildOptions {
  /** Seed of the weight initialisation. @defaultValue 0 */
  seed?: number;
}

/** Options of `buildGpt2`. */
export interface Gpt2BuildOptions extends BuildOptions {
  /**
   * `true`: the tied LM head and a `logits` output (`GPT2LMHeadModel`); `false`: the final LayerNorm's output as
   * `last_hidden_state` `[batch, sequence, hidden]` (`GPT2Model`), for a task head. Parameter names are the same.
   * @defaultValue true
   */
  lmHead?: boolean;
}

/**
 * Checks that the `integers` fields are positive integers (present unless listed in `optional`) and every other
 * field a finite number >= 0.
 */
export function checkConfig(
  where: string,
  config: object,
  integers: readonly string[],
  optional: readonly string[],
): void {
  checkArg(where, 'config', config, 'object');
  const record = config as Record<string, unknown>;
  for (const key of integers) {
    const v = record[key];
    if (v === undefined && optional.includes(key)) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new OnnxError(
        'INVALID_OPTION',
        `${where}: config.${key} must be a positive integer, got ${JSON.stringify(v)}`,
      );
    }
  }
  for (const [key, v] of Object.entries(record)) {
    if (integers.includes(key) || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new OnnxError(
        'INVALID_OPTION',
        `${where}: config.${key} must be a finite number >= 0, got ${JSON.stringify(v)}`,
      );
    }
  }
  for (const key of ['hiddenDropout', 'attentionDropout', 'dropout']) {
    const v = record[key];
    if (typeof v === 'number' && v >= 1) {
      throw new OnnxError(
        'INVALID_OPTION',
        `${where}: config.${key} is a probability in [0, 1), got ${v}`,
      );
    }
  }
  const hidden = record['hidden'] as number;
  const heads = record['heads'] as number;
  if (hidden % heads !== 0) {
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: config.hidden (${hidden}) must be divisible by config.heads (${heads})`,
    );
  }
}
