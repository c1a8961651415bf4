import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import { checkGraph, checkOptions } from '../check-args';

/** Options of {@link setDropoutMode}. */
export interface DropoutModeOptions {
  /**
   * Seed attribute for each Dropout (onnxruntime draws a fresh mask every run from a generator seeded once per
   * session, so runs of one session differ but sessions repeat). Node `i` gets `seed + i`.
   * @defaultValue no seed (onnxruntime picks one)
   */
  seed?: number;
}

/**
 * Switches every `Dropout` node of a graph between inference (identity) and training (random mask, kept values
 * scaled by 1/(1 − ratio)) by setting its `training_mode` input:
 * - `'inference'`: removes the input (Dropout is the identity, as the builder emits it);
 * - `'training'`: a constant `true`;
 * - `{ input: name }`: a bool scalar graph input `name` (added when missing), so one session serves training steps
 *   (`true`) and evaluation (`false`).
 * Returns a new graph and the number of Dropout nodes; `graph` is not changed.
 *
 * For training with `createGradientSession` this is not needed: the runner replaces Dropouts by seeded per-step masks
 * itself (its `dropout` option); this function is for plain onnxruntime sessions and exported files.
 *
 * Caveat: onnxruntime's `EliminateDropout` optimizer deletes a Dropout whose `mask` output nothing reads, at every
 * `graphOptimizationLevel` above `'disabled'` and whatever its `training_mode`; for a forward-only training-mode run
 * open the session with `graphOptimizationLevel: 'disabled'`.
 * @throws {OnnxError} `INVALID_INPUT` when `{ input }` names a value that exists but is not a bool graph input.
 * @example const { graph: training } = setDropoutMode(buildBert(config), { input: 'training_mode' });
 * @see https://onnx.ai/onnx/operators/onnx__Dropout.html
 */
export function setDropoutMode(
  graph: Graph,
  mode: 'inference' | 'training' | { input: string },
  options: DropoutModeOptions = {},
): { graph: Graph; dropouts: number } {
  checkGraph('setDropoutMode', graph);
  if (mode !== 'inference' && mode !== 'training') {
    checkOptions(
      'setDropoutMode',
      mode,
      { input: 'string' },
      { label: 'mode', required: ['input'] },
    );
  }
  checkOptions('setDropoutMode', options, { seed: 'finite' });
  const g = graph.clone();
  let flag = '';
  if (mode === 'training') {
    flag = g.uniqueName('dropout_training_mode');
    g.addNode(
      'Constant',
      [],
      [flag],
      {
        value: {
          type: 'tensor',
          value: { name: '', type: 'bool', dims: [], data: Uint8Array.of(1) },
        },
      },
      { name: g.uniqueName('/dropout_training_mode/Constant') },
    );
  } else if (typeof mode === 'object') {
    flag = mode.input;
    const existing = g.inputs.find((i) => i.name === flag);
    if (existing === undefined) {
      const taken = g.initializers.has(flag) || g.nodes.some((n) => n.outputs.includes(flag));
      if (taken)
        throw new OnnxError(
          'INVALID_INPUT',
          `setDropoutMode: '${flag}' is already a value of the graph and not a graph input`,
        );
      g.inputs.push({ name: flag, type: 'bool', shape: [] });
    } else if (existing.type !== 'bool') {
      throw new OnnxError(
        'INVALID_INPUT',
        `setDropoutMode: input '${flag}' is ${existing.type}; training_mode must be bool`,
      );
    }
  }
  let dropouts = 0;
  for (const node of g.nodes) {
    if (node.opType !== 'Dropout' || node.domain !== '') continue;
    // Dropout(data, ratio?, training_mode?): keep `ratio` (or leave it omitted, default 0.5) and set input 2.
    const ratio = node.inputs[1] ?? '';
    node.inputs =
      flag === ''
        ? ratio === ''
          ? [node.inputs[0]!]
          : [node.inputs[0]!, ratio]
        : [node.inputs[0]!, ratio, flag];
    const attributes = { ...node.attributes };
    if (options.seed !== undefined && flag !== '')
      attributes['seed'] = { type: 'int', value: options.seed + dropouts };
    node.attributes = attributes;
    dropouts++;
  }
  // The constant must precede its consumers: put it first.
  if (mode === 'training') g.nodes.unshift(g.nodes.pop()!);
  return { graph: g, dropouts };
}
