import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { maxAbsDiff, runGraph } from '../builder/testing';
import { addClassificationHead } from './add-classification-head';
import { initializersToInputs, inputsToInitializers } from './initializers-to-inputs';
import { pruneGraph } from './prune-graph';
import { renameInputs, renameOutputs } from './rename-values';
import { writeWeights } from './write-weights';

const CONFIG = {
  vocabSize: 100,
  hidden: 16,
  layers: 1,
  heads: 2,
  intermediate: 32,
  maxPositions: 16,
};
const FEEDS = {
  input_ids: [
    [1, 5, 7, 0],
    [1, 4, 8, 2],
  ],
  attention_mask: [
    [1, 1, 1, 0],
    [1, 1, 1, 1],
  ],
  token_type_ids: [
    [0, 0, 0, 0],
    [0, 0, 1, 1],
  ],
};

describe('initializersToInputs / inputsToInitializers', () => {
  const base = buildBert(CONFIG, { seed: 1 });

  it('feeds the turned-out weights and gives the same outputs, and round-trips back', async () => {
    const { graph, tensors } = initializersToInputs(base, [
      'encoder.layer.0.output.dense.weight',
      'embeddings.LayerNorm.bias',
    ]);
    expect(graph.initializers.has('embeddings.LayerNorm.bias')).toBe(false);
    expect(graph.inputs.map((i) => i.name).slice(3)).toEqual([
      'encoder.layer.0.output.dense.weight',
      'embeddings.LayerNorm.bias',
    ]);
    expect(graph.inputs[3]!.shape).toEqual([32, 16]);
    const feeds = {
      ...FEEDS,
      ...Object.fromEntries(
        tensors.map((t) => [t.name, { dims: t.dims, data: t.data as Float32Array }]),
      ),
    };
    const [before, fed] = await Promise.all([runGraph(base, FEEDS), runGraph(graph, feeds)]);
    expect(maxAbsDiff(fed['last_hidden_state']!.data, before['last_hidden_state']!.data)).toBe(0);
    const back = inputsToInitializers(graph, tensors);
    expect(back.inputs.map((i) => i.name)).toEqual([
      'input_ids',
      'attention_mask',
      'token_type_ids',
    ]);
    const again = await runGraph(back, FEEDS);
    expect(maxAbsDiff(again['last_hidden_state']!.data, before['last_hidden_state']!.data)).toBe(0);
  });

  it('turns every float initializer into an input by default', () => {
    const { graph, tensors } = initializersToInputs(base);
    expect(graph.initializers.size).toBe(0);
    expect(tensors.length).toBe(base.initializers.size);
  });

  it('rejects unknown names with UNKNOWN_VALUE and mismatched tensors with INVALID_TENSOR', () => {
    expect(() => initializersToInputs(base, ['nope'])).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
    const { graph } = initializersToInputs(base, ['embeddings.LayerNorm.bias']);
    expect(() =>
      inputsToInitializers(graph, [
        {
          name: 'embeddings.LayerNorm.bias',
          type: 'float32',
          dims: [15],
          data: new Float32Array(15),
        },
      ]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_TENSOR' }));
    expect(() =>
      inputsToInitializers(graph, [
        { name: 'x', type: 'float32', dims: [1], data: new Float32Array(1) },
      ]),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE' }));
  });
});

describe('writeWeights', () => {
  const head = addClassificationHead(buildBert(CONFIG, { seed: 1 }), { numLabels: 2 });

  it('writes new values that the model then uses (a bias shifts the logits by itself)', async () => {
    const bias = new Float32Array([1.5, -2]);
    const shifted = writeWeights(head, { 'classifier.bias': bias });
    bias[0] = 100; // copied by default: later changes do not reach the graph
    const [before, after] = await Promise.all([runGraph(head, FEEDS), runGraph(shifted, FEEDS)]);
    const diff = after['logits']!.data.map((v, i) => v - before['logits']!.data[i]!);
    expect(maxAbsDiff(diff, [1.5, -2, 1.5, -2])).toBeLessThan(1e-6);
    expect(head.initializers.get('classifier.bias')!.data).toEqual(new Float32Array(2));
  });

  it('rejects unknown names with UNKNOWN_VALUE and wrong sizes or types with INVALID_TENSOR', () => {
    expect(() => writeWeights(head, { 'classifier.gamma': new Float32Array(2) })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
    expect(() => writeWeights(head, { 'classifier.bias': new Float32Array(3) })).toThrow(
      expect.objectContaining({ code: 'INVALID_TENSOR' }),
    );
    expect(() => writeWeights(head, new Map([['classifier.bias', new Float64Array(2)]]))).toThrow(
      expect.objectContaining({ code: 'INVALID_TENSOR' }),
    );
  });
});

describe('pruneGraph', () => {
  it('drops the nodes and weights of a cut-off head and keeps the remaining outputs identical', async () => {
    const base = buildBert(CONFIG, { seed: 1 });
    const head = addClassificationHead(base, { numLabels: 2, keepHiddenOutput: true });
    head.outputs = head.outputs.filter((o) => o.name !== 'logits');
    const { graph, removedNodes, removedInitializers } = pruneGraph(head);
    expect(removedInitializers.sort()).toEqual(['classifier.bias', 'classifier.weight']);
    expect(removedNodes.length).toBe(head.nodes.length - base.nodes.length);
    expect(removedNodes.every((n) => n.startsWith('/classifier/'))).toBe(true);
    expect(graph.nodes.map((n) => n.name)).toEqual(base.nodes.map((n) => n.name));
    const [before, after] = await Promise.all([runGraph(base, FEEDS), runGraph(graph, FEEDS)]);
    expect(maxAbsDiff(after['last_hidden_state']!.data, before['last_hidden_state']!.data)).toBe(0);
  });

  it('keeps unused inputs unless dropUnusedInputs is set', () => {
    const g = buildBert(CONFIG, { seed: 1 });
    g.outputs = [{ name: '/embeddings/word_embeddings/Gather_output_0', type: 'float32' }];
    expect(pruneGraph(g).graph.inputs.length).toBe(3);
    const { graph } = pruneGraph(g, { dropUnusedInputs: true });
    expect(graph.inputs.map((i) => i.name)).toEqual(['input_ids']);
    expect([...graph.initializers.keys()]).toEqual(['embeddings.word_embeddings.weight']);
  });
});

describe('renameInputs / renameOutputs', () => {
  const base = buildBert(CONFIG, { seed: 1 });

  it('renames inputs and outputs throughout the graph and runs the same', async () => {
    const renamed = renameOutputs(
      renameInputs(base, { input_ids: 'ids', token_type_ids: 'segments' }),
      { last_hidden_state: 'hidden' },
    );
    expect(renamed.inputs.map((i) => i.name)).toEqual(['ids', 'attention_mask', 'segments']);
    const out = await runGraph(renamed, {
      ids: FEEDS.input_ids,
      attention_mask: FEEDS.attention_mask,
      segments: FEEDS.token_type_ids,
    });
    const before = await runGraph(base, FEEDS);
    expect(maxAbsDiff(out['hidden']!.data, before['last_hidden_state']!.data)).toBe(0);
    expect(base.inputs[0]!.name).toBe('input_ids');
  });

  it('rejects unknown names with UNKNOWN_VALUE and taken or empty names with INVALID_INPUT', () => {
    expect(() => renameInputs(base, { inputs: 'x' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
    expect(() => renameOutputs(base, { logits: 'x' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
    expect(() => renameInputs(base, { input_ids: 'attention_mask' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => renameOutputs(base, { last_hidden_state: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
