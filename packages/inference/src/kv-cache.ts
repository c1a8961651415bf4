import { InferenceError } from './errors';
import type { ModelRunner, TensorLike, TensorMap } from './types';

/** Heads and head size of one layer's `past_key_values.{i}.key|value` input, `[batch, heads, past, headDim]`. */
export interface KvCacheShape {
  readonly heads: number;
  readonly headDim: number;
}

/**
 * The KV-cache shape of a model with `past_key_values` inputs (a `decoder_model_merged` / `*-with-past` export), from
 * the input's declared shape, else config.json; `undefined` for a model without such inputs.
 * @throws {InferenceError} `UNSUPPORTED_MODEL` when neither says how many heads or how large they are.
 */
export function kvCacheShape(model: ModelRunner, task: string): KvCacheShape | undefined {
  const pastKey = model.io.pastKeyValues[0]?.key;
  if (pastKey === undefined) return undefined;
  const shape = model.inputs.find((i) => i.name === pastKey)?.shape ?? [];
  const raw = model.config?.raw ?? {};
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const heads =
    num(shape[1]) ??
    num(raw['num_key_value_heads']) ??
    num(raw['n_head']) ??
    num(raw['num_attention_heads']);
  const hidden = num(raw['n_embd']) ?? num(raw['hidden_size']);
  const headDim =
    num(shape[3]) ?? (hidden !== undefined && heads !== undefined ? hidden / heads : undefined);
  if (heads === undefined || headDim === undefined) {
    throw new InferenceError(
      'UNSUPPORTED_MODEL',
      `${task}: cannot tell the KV cache shape of ${pastKey} [${shape.join(', ')}]; add n_head and n_embd to ` +
        'config.json, or pass them to createSession as config: { n_head, n_embd }',
    );
  }
  return { heads, headDim };
}

/**
 * Feeds of an empty cache (`[batch, heads, 0, headDim]` for every `past_key_values` input): how a with-past export
 * runs a whole sequence at once, as transformers.js does on the first step of generation.
 */
export function emptyPastFeeds(model: ModelRunner, shape: KvCacheShape, batch: number): TensorMap {
  const empty: TensorLike = {
    type: 'float32',
    data: new Float32Array(0),
    dims: [batch, shape.heads, 0, shape.headDim],
  };
  const feeds: TensorMap = {};
  for (const { key, value } of model.io.pastKeyValues) {
    feeds[key] = empty;
    feeds[value] = empty;
  }
  return feeds;
}
