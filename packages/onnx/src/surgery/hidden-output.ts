import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { ValueInfo } from '../types';

/**
 * The encoder output a head reads, `[batch, sequence, hidden]`, and its hidden size (given, else declared).
 * @throws {OnnxError} `UNKNOWN_VALUE` when it is not a graph output; `INVALID_ARGUMENT` when the size is unknown.
 */
export function hiddenOutput(
  graph: Graph,
  name: string,
  hidden: number | undefined,
  where: string,
): { output: ValueInfo; hidden: number } {
  const output = graph.outputs.find((o) => o.name === name);
  if (output === undefined)
    throw new OnnxError(
      'UNKNOWN_VALUE',
      `${where}: the graph has no output '${name}'; its outputs are ${graph.outputs.map((o) => `'${o.name}'`).join(', ')}; pass hiddenOutput`,
    );
  const declared = output.shape?.[output.shape.length - 1];
  const size = hidden ?? (typeof declared === 'number' ? declared : undefined);
  if (size === undefined || !Number.isInteger(size) || size < 1)
    throw new OnnxError(
      'INVALID_ARGUMENT',
      `${where}: the hidden size of '${name}' is not declared in the graph; pass options.hidden`,
    );
  return { output, hidden: size };
}
