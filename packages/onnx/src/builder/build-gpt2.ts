import { checkOptions } from '../check-args';
import type { Graph } from '../graph';
import { causalMaskBias, multiHeadAttention } from './attention';
import { BUILDER_METADATA_KEY } from './build-bert';
import { embeddings } from './embeddings';
import type { GraphBuilder } from './graph-builder';
import { startTextModel } from './start-text-model';
import { dropout, layerNorm, linear, mlp } from './layers';
import { checkConfig } from './model-config';
import type { Gpt2BuildOptions, Gpt2Config } from './model-config';

/**
 * Builds a GPT-2 language model (Hugging Face `GPT2LMHeadModel`, no KV cache) as an opset-17 graph.
 *
 * Inputs `input_ids`, `attention_mask` (int64 `[batch, sequence]`); output `logits` (float32
 * `[batch, sequence, vocab]`), as optimum exports `gpt2` without past. Pre-LN blocks, `gelu_new` (tanh GELU),
 * causal + padding mask, final `ln_f`, and an LM head tied to `transformer.wte.weight` (`MatMul` with its
 * transpose, so both uses share one parameter). Positions are `0 … sequence-1`: pad on the right.
 *
 * Initialisation (seeded, as Hugging Face's `GPT2PreTrainedModel._init_weights`): weights and tables
 * ~ N(0, 0.02²), the residual projections `attn.c_proj.weight` and `mlp.c_proj.weight` ~ N(0, (0.02/√(2·layers))²),
 * biases 0, LayerNorm gamma 1 and beta 0. Weights are `[in, out]` like GPT-2's `Conv1D`, under Hugging Face
 * names (`transformer.h.0.attn.c_attn.weight`). The config is recorded in the metadata under `nlpft.builder`.
 * @throws {OnnxError} `INVALID_OPTION` when a config field is not a positive integer or `hidden % heads ≠ 0`.
 * @example
 * const graph = buildGpt2({ vocabSize: 1000, hidden: 32, layers: 2, heads: 4, maxPositions: 64 }, { seed: 1 });
 * @see https://github.com/huggingface/transformers/blob/main/src/transformers/models/gpt2/modeling_gpt2.py
 */
export function buildGpt2(config: Gpt2Config, options: Gpt2BuildOptions = {}): Graph {
  checkOptions('buildGpt2', options, { seed: 'finite', lmHead: 'boolean' });
  checkConfig(
    'buildGpt2',
    config,
    ['vocabSize', 'hidden', 'layers', 'heads', 'intermediate', 'maxPositions'],
    ['intermediate'],
  );
  // `??` rather than spread defaults, so an explicit `undefined` also gets the default.
  const c = {
    ...config,
    intermediate: config.intermediate ?? 4 * config.hidden,
    layerNormEps: config.layerNormEps ?? 1e-5,
    dropout: config.dropout ?? 0.1,
    initializerRange: config.initializerRange ?? 0.02,
  };
  const {
    b,
    inputs: [inputIds, attentionMask],
  } = startTextModel('gpt2', ['input_ids', 'attention_mask'], { seed: options.seed ?? 0 });
  const std = c.initializerRange;
  const residualStd = std / Math.sqrt(2 * c.layers);

  const final = b.scope('transformer', () => {
    let h = dropout(
      b,
      embeddings(b, inputIds, {
        vocabSize: c.vocabSize,
        hidden: c.hidden,
        maxPositions: c.maxPositions,
        names: ['wte', 'wpe'],
        std,
      }),
      c.dropout,
      'drop',
    );
    const maskBias = causalMaskBias(b, attentionMask);
    for (let i = 0; i < c.layers; i++) {
      h = b.scope(`h.${i}`, () => {
        const input = h;
        const normed = layerNormAt(b, input, 'ln_1');
        const attended = b.scope('attn', () => {
          const qkv = linear(b, normed, 3 * c.hidden, { name: 'c_attn', std });
          const [q, k, v] = b.op(
            'Split',
            [qkv],
            { axis: { type: 'int', value: -1 } },
            { outputs: 3 },
          ) as [ReturnType<typeof linear>, ReturnType<typeof linear>, ReturnType<typeof linear>];
          const context = multiHeadAttention(b, q, k, v, {
            heads: c.heads,
            maskBias,
            dropout: c.dropout,
          });
          return dropout(
            b,
            linear(b, context, c.hidden, { name: 'c_proj', std: residualStd }),
            c.dropout,
            'resid_dropout',
          );
        });
        const mid = b.op1('Add', [input, attended]);
        const normed2 = layerNormAt(b, mid, 'ln_2');
        const ffn = b.scope('mlp', () =>
          dropout(
            b,
            mlp(b, normed2, {
              intermediate: c.intermediate,
              activation: 'gelu_new',
              names: ['c_fc', 'c_proj'],
              outputStd: residualStd,
            }),
            c.dropout,
          ),
        );
        return b.op1('Add', [mid, ffn]);
      });
    }
    return layerNormAt(b, h, 'ln_f');
  });
  const metadata = JSON.stringify({ architecture: 'gpt2', ...c });
  if (options.lmHead === false) {
    b.output(final, 'last_hidden_state');
    b.graph.model.metadata[BUILDER_METADATA_KEY] = metadata;
    return b.graph;
  }
  // Tied LM head: logits = h · wteᵀ, reusing the embedding parameter.
  const logits = b.scope('lm_head', () => {
    const wteT = b.op1('Transpose', ['transformer.wte.weight'], {
      perm: { type: 'ints', value: [1, 0] },
    });
    return b.op1('MatMul', [final, wteT]);
  });
  b.output(logits, 'logits');
  b.graph.model.metadata[BUILDER_METADATA_KEY] = metadata;
  return b.graph;

  function layerNormAt(
    builder: GraphBuilder,
    x: ReturnType<typeof linear>,
    name: string,
  ): ReturnType<typeof linear> {
    // ln_1 / ln_2 live in the block scope, ln_f in the transformer scope, as in Hugging Face's module tree.
    return layerNorm(builder, x, { name, eps: c.layerNormEps });
  }
}
