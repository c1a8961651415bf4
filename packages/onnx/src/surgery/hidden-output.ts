import { checkGraph, checkOptions } from '../check-args';
import type { Rule } from '../check-args';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { ValueInfo } from '../types';

/**
 * The encoder output a head reads, `[batch, sequence, hidden]`, and its hidden size (given, else declared).
 * @throws {OnnxError} `UNKNOWN_VALUE` when it is not a graph output; `INVALID_OPTION` when the size is unknown.
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
      'INVALID_OPTION',
      `${where}: the hidden size of '${name}' is not declared in the graph; pass options.hidden`,
    );
  return { output, hidden: size };
}

/**
 * Checks a label head's graph and options (`rules` plus those every head takes: `dropout`, `hiddenOutput`, `hidden`,
 * `seed`, `std`, a positive integer `numLabels`), then finds the encoder output it reads.
 * @throws {OnnxError} `INVALID_OPTION` for a bad option or a `numLabels` that is not a positive integer;
 *   `UNKNOWN_VALUE` / `INVALID_OPTION` as {@link hiddenOutput}.
 */
export function labelHeadInput(
  where: string,
  graph: Graph,
  options: { readonly numLabels: number; readonly hiddenOutput?: string; readonly hidden?: number },
  rules: Readonly<Record<string, Rule>>,
): { hiddenName: string; output: ValueInfo; hidden: number } {
  checkGraph(where, graph);
  checkOptions(
    where,
    options,
    {
      ...rules,
      dropout: 'probability',
      hiddenOutput: 'string',
      hidden: 'positiveInteger',
      seed: 'finite',
      std: 'nonNegative',
    },
    { required: ['numLabels'] },
  );
  const hiddenName = options.hiddenOutput ?? 'last_hidden_state';
  if (!Number.isInteger(options.numLabels) || options.numLabels < 1)
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: numLabels must be a positive integer, got ${String(options.numLabels)}`,
    );
  return { hiddenName, ...hiddenOutput(graph, hiddenName, options.hidden, where) };
}
