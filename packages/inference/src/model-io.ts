import { checkValueInfos } from './argument-checks';
import type { ModelIo, ValueInfo } from './types';

const PAST = /^(?:past_key_values|past)\.(\d+)\.(key|value)$/;
const PRESENT = /^present\.(\d+)\.(key|value)$/;

function pairs(names: readonly string[], pattern: RegExp): { key: string; value: string }[] {
  // A map, not an array indexed by layer: a name like `past.99999999999.key` must not make a sparse array to walk.
  const layers = new Map<number, { key?: string; value?: string }>();
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const i = Number(m[1]);
    const layer = layers.get(i) ?? {};
    layers.set(i, layer);
    layer[m[2] as 'key' | 'value'] = name;
  }
  const out: { key: string; value: string }[] = [];
  for (let i = 0; ; i++) {
    const layer = layers.get(i);
    if (layer?.key === undefined || layer.value === undefined) break;
    out.push({ key: layer.key, value: layer.value });
  }
  return out;
}

/**
 * Maps a model's inputs and outputs to their roles by the names Hugging Face and optimum exports use.
 * @throws {InferenceError} `INVALID_INPUT` for lists that are not arrays of `{ name }` objects.
 * @example mapModelIo(session.inputs, session.outputs).pastKeyValues.length // layers with a KV cache input
 * @see https://huggingface.co/docs/optimum/exporters/onnx/overview
 */
export function mapModelIo(inputs: readonly ValueInfo[], outputs: readonly ValueInfo[]): ModelIo {
  checkValueInfos(inputs, 'inputs', 'mapModelIo');
  checkValueInfos(outputs, 'outputs', 'mapModelIo');
  const inNames = inputs.map((v) => v.name);
  const outNames = outputs.map((v) => v.name);
  const pickIn = (...names: string[]): string | undefined => names.find((n) => inNames.includes(n));
  const pickOut = (...names: string[]): string | undefined =>
    names.find((n) => outNames.includes(n));
  return {
    inputIds: pickIn('input_ids'),
    attentionMask: pickIn('attention_mask'),
    tokenTypeIds: pickIn('token_type_ids'),
    positionIds: pickIn('position_ids'),
    mcTokenIds: pickIn('mc_token_ids'),
    pastKeyValues: pairs(inNames, PAST),
    presents: pairs(outNames, PRESENT),
    logits: pickOut('logits'),
    lastHiddenState: pickOut('last_hidden_state', 'hidden_states', 'token_embeddings'),
    startLogits: pickOut('start_logits'),
    endLogits: pickOut('end_logits'),
    mcLogits: pickOut('mc_logits'),
  };
}
