import { expectTypeOf, test } from 'vitest';
import type { IntTensor } from './collate-batch';
import type { TensorLike } from './types';

// The shapes TensorLike replaced: @nlpft/inference's `TensorData` and this package's `IntTensor` as they were declared.
interface InferenceTensorData {
  readonly type: 'int64' | 'int32' | 'float32' | 'float16' | 'bool';
  readonly data: BigInt64Array | Int32Array | Float32Array | Uint16Array | Uint8Array;
  readonly dims: readonly number[];
}
interface OldIntTensor {
  readonly type: 'int64' | 'int32';
  readonly data: BigInt64Array | Int32Array;
  readonly dims: readonly number[];
}

test('TensorLike is the { type, data, dims } shape inference declared, IntTensor its integer part', () => {
  expectTypeOf<TensorLike>().toEqualTypeOf<InferenceTensorData>();
  expectTypeOf<IntTensor>().toEqualTypeOf<OldIntTensor>();
  expectTypeOf<TensorLike<'float32'>['data']>().toEqualTypeOf<Float32Array>();
});
