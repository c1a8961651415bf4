import type { DropoutRates } from '@nlpft/onnx';
import { TrainingError } from '../errors';

/** The `model_type`s {@link fromPretrained} trains, with the family whose module names they use. */
export const SUPPORTED_MODEL_TYPES = {
  bert: 'bert',
  roberta: 'bert',
  'xlm-roberta': 'bert',
  electra: 'bert',
  distilbert: 'distilbert',
  gpt2: 'gpt2',
} as const;

export type SupportedModelType = keyof typeof SUPPORTED_MODEL_TYPES;

/** What training needs from a Hugging Face `config.json`, under the library's names. */
export interface PretrainedConfig {
  modelType: SupportedModelType;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  vocabSize: number;
  /** Label names by class id, from `id2label` (empty when the config has none). */
  id2label: readonly string[];
  /** The dropout training mode applies, by site, from the config's rates. */
  dropout: DropoutRates;
  /** The parsed file, for keys this interface does not name. */
  raw: Readonly<Record<string, unknown>>;
}

/**
 * Reads the fields of a Hugging Face `config.json` that training uses. BERT-style configs name them
 * `hidden_size`/`num_hidden_layers`/`num_attention_heads`, DistilBERT `dim`/`n_layers`/`n_heads`, GPT-2
 * `n_embd`/`n_layer`/`n_head`; dropout rates come from the same keys transformers reads.
 * @throws {TrainingError} `UNSUPPORTED_MODEL` for a `model_type` not in {@link SUPPORTED_MODEL_TYPES};
 *   `INVALID_MODEL_FOLDER` when a size is missing or not a positive integer, or a rate is not in [0, 1).
 */
export function parsePretrainedConfig(raw: unknown, where = 'config.json'): PretrainedConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new TrainingError('INVALID_MODEL_FOLDER', `${where}: expected a JSON object`);
  const c = raw as Record<string, unknown>;
  const type = c['model_type'];
  if (typeof type !== 'string' || !(type in SUPPORTED_MODEL_TYPES))
    throw new TrainingError(
      'UNSUPPORTED_MODEL',
      `${where}: model_type ${JSON.stringify(type)} is not supported; fromPretrained trains ${Object.keys(SUPPORTED_MODEL_TYPES).join(', ')} (MiniLM checkpoints are model_type bert, DistilGPT2 is gpt2)`,
    );
  const modelType = type as SupportedModelType;
  const int = (...keys: string[]): number => {
    for (const k of keys) {
      const v = c[k];
      if (v === undefined || v === null) continue;
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
      throw new TrainingError(
        'INVALID_MODEL_FOLDER',
        `${where}: ${k} must be a positive integer, got ${JSON.stringify(v)}`,
      );
    }
    throw new TrainingError(
      'INVALID_MODEL_FOLDER',
      `${where}: a ${modelType} config needs ${keys.join(' or ')}`,
    );
  };
  const rate = (key: string, fallback?: number): number => {
    const v = c[key];
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw new TrainingError(
        'INVALID_MODEL_FOLDER',
        `${where}: a ${modelType} config needs ${key}`,
      );
    }
    if (typeof v === 'number' && v >= 0 && v < 1) return v;
    throw new TrainingError(
      'INVALID_MODEL_FOLDER',
      `${where}: ${key} must be a rate in [0, 1), got ${JSON.stringify(v)}`,
    );
  };
  const family = SUPPORTED_MODEL_TYPES[modelType];
  const sizes =
    family === 'gpt2'
      ? { hiddenSize: int('n_embd'), numLayers: int('n_layer'), numHeads: int('n_head') }
      : family === 'distilbert'
        ? { hiddenSize: int('dim'), numLayers: int('n_layers'), numHeads: int('n_heads') }
        : {
            hiddenSize: int('hidden_size'),
            numLayers: int('num_hidden_layers'),
            numHeads: int('num_attention_heads'),
          };
  return {
    modelType,
    ...sizes,
    vocabSize: int('vocab_size'),
    id2label: labels(c['id2label'], where),
    dropout: dropoutRates(family, rate),
    raw: c,
  };
}

function dropoutRates(
  family: 'bert' | 'distilbert' | 'gpt2',
  rate: (key: string, fallback?: number) => number,
): DropoutRates {
  if (family === 'gpt2') {
    const resid = rate('resid_pdrop', 0.1);
    return {
      embeddings: rate('embd_pdrop', 0.1),
      attentionProbabilities: rate('attn_pdrop', 0.1),
      attentionOutput: resid,
      ffnOutput: resid,
    };
  }
  if (family === 'distilbert') {
    // DistilBERT has no dropout after its attention output projection.
    const hidden = rate('dropout', 0.1);
    return {
      embeddings: hidden,
      attentionProbabilities: rate('attention_dropout', 0.1),
      ffnOutput: hidden,
      head: {
        'classifier.weight': rate('seq_classif_dropout', 0.2),
        'qa_outputs.weight': rate('qa_dropout', 0.1),
      },
    };
  }
  const hidden = rate('hidden_dropout_prob', 0.1);
  const classifier = rate('classifier_dropout', hidden);
  return {
    embeddings: hidden,
    attentionProbabilities: rate('attention_probs_dropout_prob', 0.1),
    attentionOutput: hidden,
    ffnOutput: hidden,
    // BertFor{Sequence,Token}Classification drop before `classifier`; RoBERTa's and ELECTRA's heads before both.
    head: {
      'classifier.weight': classifier,
      'classifier.dense.weight': classifier,
      'classifier.out_proj.weight': classifier,
    },
  };
}

function labels(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value))
    throw new TrainingError(
      'INVALID_MODEL_FOLDER',
      `${where}: id2label must be an object of id → label`,
    );
  const entries = Object.entries(value as Record<string, unknown>);
  const out: string[] = [];
  for (const [id, label] of entries) {
    const i = Number(id);
    if (!Number.isInteger(i) || i < 0 || i >= entries.length || typeof label !== 'string')
      throw new TrainingError(
        'INVALID_MODEL_FOLDER',
        `${where}: id2label must map the ids 0..${entries.length - 1} to strings; got ${JSON.stringify(id)}: ${JSON.stringify(label)}`,
      );
    out[i] = label;
  }
  return out;
}
