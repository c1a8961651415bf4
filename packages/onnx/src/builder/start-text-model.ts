import { GraphBuilder } from './graph-builder';
import type { ValueInfo } from '../types';

/**
 * A builder for a new text model graph named `name`, with one int64 input `[batch_size, sequence_length]` (the
 * dynamic dims Hugging Face's ONNX exports use) per entry of `inputs`, returned in the same order.
 */
export function startTextModel<const Names extends readonly string[]>(
  name: string,
  inputs: Names,
  options: { seed: number },
): { b: GraphBuilder; inputs: { [K in keyof Names]: ValueInfo } } {
  const b = new GraphBuilder({ seed: options.seed });
  b.graph.name = name;
  const values = inputs.map((input) => b.input(input, 'int64', ['batch_size', 'sequence_length']));
  return { b, inputs: values as { [K in keyof Names]: ValueInfo } };
}
