import type { TensorData } from '@nlpft/inference';
import type { BatchTensor } from '@nlpft/onnx';
import type { IntTensor, TensorLike } from '@nlpft/task-inputs';
import { expectTypeOf, test } from 'vitest';

// onnx may not import task-inputs, so BatchTensor matches TensorLike by shape; this fails when the two drift apart.
test('a TensorLike of the element types a training graph takes is a BatchTensor', () => {
  expectTypeOf<TensorLike<'int64' | 'int32' | 'float32' | 'bool'>>().toExtend<BatchTensor>();
  expectTypeOf<IntTensor>().toExtend<BatchTensor>();
  expectTypeOf<TensorData & { type: 'int64'; data: BigInt64Array }>().toExtend<BatchTensor>();
  // float16 (raw Uint16Array patterns) is not a graph input type here.
  expectTypeOf<TensorLike<'float16'>>().not.toExtend<BatchTensor>();
});
