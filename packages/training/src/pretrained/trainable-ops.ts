import type { Graph } from '@nlpft/onnx';
import { TrainingError } from '../errors';

const QUANTIZED = new Set([
  'MatMulInteger',
  'ConvInteger',
  'QLinearMatMul',
  'QLinearConv',
  'DynamicQuantizeLinear',
  'QuantizeLinear',
  'DequantizeLinear',
  'MatMulNBits',
]);

/**
 * Refuses graphs training cannot differentiate: quantized ones (integer MatMuls, (de)quantize nodes), graphs fused
 * by onnxruntime's optimizer (`com.microsoft` ops such as Attention, SkipLayerNormalization, FastGelu) and fp16
 * weights. Each has an fp32 sibling: transformers.js folders hold `onnx/model.onnx` beside
 * `model_quantized.onnx` and `model_fp16.onnx`; `optimum-cli export onnx` writes fp32 unless asked to optimise.
 * @throws {TrainingError} `UNSUPPORTED_MODEL` naming the ops (or the fp16 tensors) found.
 */
export function assertTrainableOps(graph: Graph, file: string): void {
  const found = new Set<string>();
  for (const n of graph.nodes) {
    if (QUANTIZED.has(n.opType)) found.add(n.opType);
    else if (n.domain !== '' && n.domain !== 'ai.onnx') found.add(`${n.domain}.${n.opType}`);
  }
  const fix =
    'train the fp32 export instead: onnx/model.onnx of a transformers.js folder, or `optimum-cli export onnx --model <id> <dir>` without --optimize or quantization';
  if (found.size > 0)
    throw new TrainingError(
      'UNSUPPORTED_MODEL',
      `${file} is a quantized or fused graph (${[...found].sort().join(', ')}) that training cannot differentiate; ${fix}`,
    );
  const half = [...graph.initializers.values()].filter(
    (t) => t.type === 'float16' || t.type === 'bfloat16',
  );
  if (half.length > 0)
    throw new TrainingError(
      'UNSUPPORTED_MODEL',
      `${file} stores ${half.length} tensors in ${half[0]!.type} (e.g. '${half[0]!.name}'); training runs in float32: ${fix}`,
    );
}
