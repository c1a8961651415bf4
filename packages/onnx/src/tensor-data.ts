import { create, isMessage } from '@bufbuild/protobuf';
import { checkDims, checkTensor, show } from './check-args';
import { BYTES_PER_ELEMENT, dataTypeFromOnnx, dataTypeToOnnx } from './data-type';
import type { DataType, DataTypeArrays, TensorArray } from './data-type';
import { OnnxError } from './errors';
import { TensorProtoSchema, TensorProto_DataLocation } from './gen/onnx_pb';
import type { TensorProto } from './gen/onnx_pb';
import type { Tensor } from './types';

type Ctor = new (
  buffer: ArrayBufferLike,
  byteOffset: number,
  length: number,
) => Exclude<TensorArray, string[]>;

const CTORS: Record<Exclude<DataType, 'string'>, Ctor> = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  bfloat16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

/** The number of elements of a shape (1 for a scalar). */
export function elementCount(dims: readonly number[]): number {
  checkDims('elementCount', 'dims', dims);
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Rejects anything that is not a TensorProto message before its fields are read. */
function checkProto(where: string, tensor: unknown): asserts tensor is TensorProto {
  if (!isMessage(tensor, TensorProtoSchema)) {
    throw new OnnxError(
      'INVALID_INPUT',
      `${where}: tensor must be a TensorProto (create(TensorProtoSchema, ...)), got ${show(tensor)}`,
    );
  }
}

function tensorLabel(tensor: TensorProto): string {
  return tensor.name === '' ? 'tensor' : `tensor '${tensor.name}'`;
}

/** Dims of a TensorProto as numbers, checked to be non-negative safe integers. */
export function tensorDims(tensor: TensorProto): number[] {
  checkProto('tensorDims', tensor);
  return tensor.dims.map((d, i) => {
    const n = Number(d);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new OnnxError(
        'INVALID_TENSOR',
        `${tensorLabel(tensor)}: dims[${i}] is ${d}; expected a size >= 0`,
      );
    }
    return n;
  });
}

/**
 * A typed-array view of a TensorProto's values. Reads `raw_data` without copying when its offset is aligned for
 * the element type (a copy otherwise), and the typed fields (`float_data`, `int64_data`, ...) by conversion.
 * @throws {OnnxError} `UNSUPPORTED_DATA_TYPE` for complex/float8/int4 tensors; `INVALID_TENSOR` when the data
 *   length does not match the dims; `EXTERNAL_DATA` when the values were not loaded from their external file.
 * @example tensorToTypedArray(model.graph.initializer[0]) // Float32Array(...) sharing the file's bytes
 */
export function tensorToTypedArray(tensor: TensorProto): TensorArray {
  checkProto('tensorToTypedArray', tensor);
  const type = dataTypeFromOnnx(tensor.dataType, tensorLabel(tensor));
  const count = elementCount(tensorDims(tensor));
  const label = tensorLabel(tensor);
  if (tensor.dataLocation === TensorProto_DataLocation.EXTERNAL) {
    throw new OnnxError(
      'EXTERNAL_DATA',
      `${label}: values are stored in an external file; read the model with readModelFile(path) to load them`,
    );
  }
  const mismatch = (got: number): OnnxError =>
    new OnnxError(
      'INVALID_TENSOR',
      `${label}: dims [${tensor.dims.join(', ')}] need ${count} values, got ${got}`,
    );
  if (type === 'string') {
    if (tensor.stringData.length !== count) throw mismatch(tensor.stringData.length);
    const decoder = new TextDecoder();
    return tensor.stringData.map((b) => decoder.decode(b));
  }
  const Ctor = CTORS[type];
  const size = BYTES_PER_ELEMENT[type];
  const raw = tensor.rawData;
  if (raw.byteLength > 0 || count === 0) {
    if (raw.byteLength !== count * size) throw mismatch(raw.byteLength / size);
    if (raw.byteOffset % size === 0) return new Ctor(raw.buffer, raw.byteOffset, count);
    const copy = new Uint8Array(raw); // a fresh, aligned buffer (Buffer#slice would be a view)
    return new Ctor(copy.buffer, 0, count);
  }
  // Typed fields: which one holds which type is fixed by the ONNX spec (TensorProto comments).
  switch (type) {
    case 'float32':
      if (tensor.floatData.length !== count) throw mismatch(tensor.floatData.length);
      return Float32Array.from(tensor.floatData);
    case 'float64':
      if (tensor.doubleData.length !== count) throw mismatch(tensor.doubleData.length);
      return Float64Array.from(tensor.doubleData);
    case 'int64':
      if (tensor.int64Data.length !== count) throw mismatch(tensor.int64Data.length);
      return BigInt64Array.from(tensor.int64Data);
    case 'uint64':
      if (tensor.uint64Data.length !== count) throw mismatch(tensor.uint64Data.length);
      return BigUint64Array.from(tensor.uint64Data);
    case 'uint32':
      if (tensor.uint64Data.length !== count) throw mismatch(tensor.uint64Data.length);
      return Uint32Array.from(tensor.uint64Data, (v) => Number(v));
    default: {
      // int32, int16, int8, uint16, uint8, bool, float16, bfloat16 live in int32_data.
      if (tensor.int32Data.length !== count) throw mismatch(tensor.int32Data.length);
      const out = new Ctor(new ArrayBuffer(count * size), 0, count) as Exclude<
        TensorArray,
        string[] | BigInt64Array | BigUint64Array
      >;
      for (let i = 0; i < count; i++) out[i] = tensor.int32Data[i] ?? 0;
      return out;
    }
  }
}

/** The JS type holding one data type's values. */
export type ArrayOf<T extends DataType> = DataTypeArrays[T];

/**
 * A TensorProto holding `data` as `raw_data` (strings go to `string_data`). The bytes are shared, not copied.
 * @throws {OnnxError} `INVALID_TENSOR` when `data.length` differs from the product of `dims`.
 */
export function tensorFromTypedArray(
  name: string,
  type: DataType,
  dims: readonly number[],
  data: TensorArray,
): TensorProto {
  checkTensor('tensorFromTypedArray', 'tensor', { name, type, dims, data });
  const count = elementCount(dims);
  if (data.length !== count) {
    throw new OnnxError(
      'INVALID_TENSOR',
      `tensorFromTypedArray: '${name}' has dims [${dims.join(', ')}] (${count} values) but ${data.length} values`,
    );
  }
  const proto = create(TensorProtoSchema, {
    name,
    dataType: dataTypeToOnnx(type),
    dims: dims.map((d) => BigInt(d)),
  });
  if (Array.isArray(data)) {
    const encoder = new TextEncoder();
    proto.stringData = data.map((s) => encoder.encode(s));
  } else {
    proto.rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  return proto;
}

/** A {@link Tensor} from a TensorProto (values viewed, not copied, where aligned). */
export function tensorFromProto(proto: TensorProto): Tensor {
  checkProto('tensorFromProto', proto);
  return {
    name: proto.name,
    type: dataTypeFromOnnx(proto.dataType, tensorLabel(proto)),
    dims: tensorDims(proto),
    data: tensorToTypedArray(proto),
  };
}

/** A TensorProto from a {@link Tensor} (values shared, not copied). */
export function tensorToProto(tensor: Tensor): TensorProto {
  checkTensor('tensorToProto', 'tensor', tensor);
  return tensorFromTypedArray(tensor.name, tensor.type, tensor.dims, tensor.data);
}
