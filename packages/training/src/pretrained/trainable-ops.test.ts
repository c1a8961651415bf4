import { Graph } from '@nlpft/onnx';
import { describe, expect, it } from 'vitest';
import { TrainingError } from '../errors';
import { assertTrainableOps } from './trainable-ops';

function graphWith(op: string, domain = '', type: 'float32' | 'float16' = 'float32'): Graph {
  const g = new Graph();
  g.inputs.push({ name: 'x', type: 'float32', shape: [1, 2] });
  g.addInitializer({
    name: 'w',
    type,
    dims: [2, 2],
    data: type === 'float16' ? new Uint16Array(4) : new Float32Array(4),
  });
  g.addNode(op, ['x', 'w'], ['y'], {}, { domain });
  g.outputs.push({ name: 'y', type: 'float32', shape: [1, 2] });
  return g;
}

function message(g: Graph): string {
  try {
    assertTrainableOps(g, 'onnx/model_quantized.onnx');
  } catch (e) {
    expect(e).toBeInstanceOf(TrainingError);
    expect((e as TrainingError).code).toBe('UNSUPPORTED_MODEL');
    return (e as Error).message;
  }
  return 'accepted';
}

describe('assertTrainableOps', () => {
  it('names the quantized ops and points at the fp32 model.onnx', () => {
    expect(message(graphWith('MatMulInteger'))).toMatch(/MatMulInteger.*onnx\/model\.onnx/);
    expect(message(graphWith('DequantizeLinear'))).toMatch(/DequantizeLinear/);
  });
  it('names contrib ops of fused graphs by domain', () => {
    expect(message(graphWith('SkipLayerNormalization', 'com.microsoft'))).toMatch(
      /com\.microsoft\.SkipLayerNormalization/,
    );
  });
  it('refuses fp16 weights and accepts a plain fp32 graph', () => {
    expect(message(graphWith('MatMul', '', 'float16'))).toMatch(/float16.*'w'/);
    expect(message(graphWith('MatMul'))).toBe('accepted');
  });
});
