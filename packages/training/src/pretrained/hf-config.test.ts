import { describe, expect, it } from 'vitest';
import { TrainingError } from '../errors';
import { parsePretrainedConfig } from './hf-config';

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof TrainingError ? e.code : String(e);
  }
  return undefined;
}

const BERT = {
  model_type: 'bert',
  hidden_size: 768,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  vocab_size: 30522,
  hidden_dropout_prob: 0.1,
  attention_probs_dropout_prob: 0.1,
  classifier_dropout: null,
  id2label: { '0': 'NEGATIVE', '1': 'POSITIVE' },
};

describe('parsePretrainedConfig', () => {
  it('reads BERT’s keys; classifier_dropout null falls back to hidden_dropout_prob as transformers does', () => {
    const c = parsePretrainedConfig({ ...BERT, hidden_dropout_prob: 0.2 });
    expect([c.modelType, c.hiddenSize, c.numLayers, c.numHeads, c.vocabSize]).toEqual([
      'bert',
      768,
      12,
      12,
      30522,
    ]);
    expect(c.id2label).toEqual(['NEGATIVE', 'POSITIVE']);
    expect(c.dropout).toMatchObject({
      embeddings: 0.2,
      attentionProbabilities: 0.1,
      attentionOutput: 0.2,
      ffnOutput: 0.2,
    });
    expect(c.dropout.head!['classifier.weight']).toBe(0.2);
  });

  it('reads DistilBERT’s and GPT-2’s own key names', () => {
    const d = parsePretrainedConfig({
      model_type: 'distilbert',
      dim: 768,
      n_layers: 6,
      n_heads: 12,
      vocab_size: 30522,
      dropout: 0.1,
      attention_dropout: 0.1,
      seq_classif_dropout: 0.2,
    });
    expect([d.hiddenSize, d.numLayers, d.numHeads]).toEqual([768, 6, 12]);
    expect(d.dropout.attentionOutput).toBeUndefined(); // DistilBERT has no dropout there
    expect(d.dropout.head!['classifier.weight']).toBe(0.2);
    const g = parsePretrainedConfig({
      model_type: 'gpt2',
      n_embd: 768,
      n_layer: 12,
      n_head: 12,
      vocab_size: 50257,
      resid_pdrop: 0.1,
      embd_pdrop: 0.05,
      attn_pdrop: 0.1,
    });
    expect(g.dropout).toEqual({
      embeddings: 0.05,
      attentionProbabilities: 0.1,
      attentionOutput: 0.1,
      ffnOutput: 0.1,
    });
  });

  it('names the model_type and the supported ones for anything else', () => {
    expect(code(() => parsePretrainedConfig({ ...BERT, model_type: 'llama' }))).toBe(
      'UNSUPPORTED_MODEL',
    );
    expect(() => parsePretrainedConfig({ ...BERT, model_type: 'llama' })).toThrow(
      /"llama".*bert, roberta, xlm-roberta, electra, distilbert, gpt2/,
    );
    expect(code(() => parsePretrainedConfig({ hidden_size: 4 }))).toBe('UNSUPPORTED_MODEL');
  });

  it('rejects missing sizes, bad rates and malformed id2label', () => {
    expect(code(() => parsePretrainedConfig({ ...BERT, num_hidden_layers: undefined }))).toBe(
      'INVALID_MODEL_FOLDER',
    );
    expect(code(() => parsePretrainedConfig({ ...BERT, hidden_size: 7.5 }))).toBe(
      'INVALID_MODEL_FOLDER',
    );
    expect(code(() => parsePretrainedConfig({ ...BERT, hidden_dropout_prob: 1 }))).toBe(
      'INVALID_MODEL_FOLDER',
    );
    expect(code(() => parsePretrainedConfig({ ...BERT, id2label: { '0': 'a', '5': 'b' } }))).toBe(
      'INVALID_MODEL_FOLDER',
    );
    expect(code(() => parsePretrainedConfig([]))).toBe('INVALID_MODEL_FOLDER');
  });
});
