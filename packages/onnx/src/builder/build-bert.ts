import { checkOptions } from '../check-args';
import type { Graph } from '../graph';
import { multiHeadAttention, paddingMaskBias } from './attention';
import { embeddings } from './embeddings';
import { startTextModel } from './start-text-model';
import { dropout, layerNorm, linear, mlp } from './layers';
import { checkConfig } from './model-config';
import type { BertConfig, BuildOptions } from './model-config';

/** The metadata key under which the builder records the architecture and config of a model it made. */
export const BUILDER_METADATA_KEY = 'nlpft.builder';

/**
 * Builds a BERT encoder (Hugging Face `BertModel` without the pooler) as an opset-17 graph.
 *
 * Inputs `input_ids`, `attention_mask`, `token_type_ids` (int64 `[batch, sequence]`); output
 * `last_hidden_state` (float32 `[batch, sequence, hidden]`), as optimum exports `bert-base-uncased`. Post-LN
 * blocks, erf GELU, additive padding mask `(1 - mask) · finfo(float32).min`.
 *
 * Initialisation (seeded, as Hugging Face's `_init_weights`): weights and embedding tables ~ N(0, 0.02²)
 * (`initializerRange`), biases 0, LayerNorm gamma 1 and beta 0. Dense weights are stored `[in, out]` (transpose
 * of `nn.Linear.weight`) under Hugging Face state-dict names (`encoder.layer.0.attention.self.query.weight`).
 * Dropout nodes (`hiddenDropout`, `attentionDropout`) are the identity at inference.
 * The config is recorded in the model metadata under `nlpft.builder`.
 * @throws {OnnxError} `INVALID_OPTION` when a config field is not a positive integer or `hidden % heads ≠ 0`.
 * @example
 * const graph = buildBert({ vocabSize: 1000, hidden: 32, layers: 2, heads: 4, intermediate: 64, maxPositions: 64 }, { seed: 1 });
 * writeModelFile('bert.onnx', graphToModel(graph));
 * @see https://github.com/huggingface/transformers/blob/main/src/transformers/models/bert/modeling_bert.py
 */
export function buildBert(config: BertConfig, options: BuildOptions = {}): Graph {
  checkOptions('buildBert', options, { seed: 'finite' });
  checkConfig(
    'buildBert',
    config,
    ['vocabSize', 'hidden', 'layers', 'heads', 'intermediate', 'maxPositions', 'typeVocabSize'],
    ['typeVocabSize'],
  );
  // `??` rather than spread defaults, so an explicit `undefined` also gets the default.
  const c = {
    ...config,
    typeVocabSize: config.typeVocabSize ?? 2,
    layerNormEps: config.layerNormEps ?? 1e-12,
    hiddenDropout: config.hiddenDropout ?? 0.1,
    attentionDropout: config.attentionDropout ?? 0.1,
    initializerRange: config.initializerRange ?? 0.02,
  };
  const {
    b,
    inputs: [inputIds, attentionMask, tokenTypeIds],
  } = startTextModel('bert', ['input_ids', 'attention_mask', 'token_type_ids'], {
    seed: options.seed ?? 0,
  });
  const std = c.initializerRange;

  let x = b.scope('embeddings', () => {
    const sum = embeddings(b, inputIds, {
      vocabSize: c.vocabSize,
      hidden: c.hidden,
      maxPositions: c.maxPositions,
      names: ['word_embeddings', 'position_embeddings'],
      tokenTypes: { ids: tokenTypeIds, vocabSize: c.typeVocabSize, name: 'token_type_embeddings' },
      std,
    });
    return dropout(
      b,
      layerNorm(b, sum, { name: 'LayerNorm', eps: c.layerNormEps }),
      c.hiddenDropout,
    );
  });
  const maskBias = paddingMaskBias(b, attentionMask);

  b.scope('encoder', () => {
    for (let i = 0; i < c.layers; i++) {
      x = b.scope(`layer.${i}`, () => {
        const input = x;
        const attended = b.scope('attention', () => {
          const context = b.scope('self', () => {
            const q = linear(b, input, c.hidden, { name: 'query', std });
            const k = linear(b, input, c.hidden, { name: 'key', std });
            const v = linear(b, input, c.hidden, { name: 'value', std });
            return multiHeadAttention(b, q, k, v, {
              heads: c.heads,
              maskBias,
              dropout: c.attentionDropout,
            });
          });
          return b.scope('output', () => {
            const projected = dropout(
              b,
              linear(b, context, c.hidden, { name: 'dense', std }),
              c.hiddenDropout,
            );
            return layerNorm(b, b.op1('Add', [projected, input]), {
              name: 'LayerNorm',
              eps: c.layerNormEps,
            });
          });
        });
        const ffn = mlp(b, attended, {
          intermediate: c.intermediate,
          activation: 'gelu',
          names: ['intermediate/dense', 'output/dense'],
        });
        return b.scope('output', () =>
          layerNorm(b, b.op1('Add', [dropout(b, ffn, c.hiddenDropout), attended]), {
            name: 'LayerNorm',
            eps: c.layerNormEps,
          }),
        );
      });
    }
  });
  b.output(x, 'last_hidden_state');
  b.graph.model.metadata[BUILDER_METADATA_KEY] = JSON.stringify({ architecture: 'bert', ...c });
  return b.graph;
}
