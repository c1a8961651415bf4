import { OnnxError } from './errors';
import { TensorProto_DataType } from './gen/onnx_pb';

/**
 * An element type, spelled as onnxruntime's `Tensor.type` spells it, so tensors pass to a session unchanged.
 * `float16` and `bfloat16` elements are stored as their raw 16-bit patterns.
 */
export type DataType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'bfloat16'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

/** The typed array that holds each element type. */
export interface DataTypeArrays {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  bfloat16: Uint16Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: BigInt64Array;
  uint64: BigUint64Array;
  bool: Uint8Array;
  string: string[];
}

/** Any tensor buffer this package produces: the typed array (or strings) of one element type. */
export type TensorArray = DataTypeArrays[DataType];

/**
 * Any tensor buffer this package produces.
 * @deprecated Use {@link TensorArray}: the same union, under a name that says it is an array, not a
 *   `{ type, data, dims }` tensor (`TensorData` of @nlpft/inference).
 */
export type TensorData = TensorArray;

const TO_ENUM: Record<DataType, TensorProto_DataType> = {
  float32: TensorProto_DataType.FLOAT,
  float64: TensorProto_DataType.DOUBLE,
  float16: TensorProto_DataType.FLOAT16,
  bfloat16: TensorProto_DataType.BFLOAT16,
  int8: TensorProto_DataType.INT8,
  uint8: TensorProto_DataType.UINT8,
  int16: TensorProto_DataType.INT16,
  uint16: TensorProto_DataType.UINT16,
  int32: TensorProto_DataType.INT32,
  uint32: TensorProto_DataType.UINT32,
  int64: TensorProto_DataType.INT64,
  uint64: TensorProto_DataType.UINT64,
  bool: TensorProto_DataType.BOOL,
  string: TensorProto_DataType.STRING,
};

const FROM_ENUM = new Map<number, DataType>(
  Object.entries(TO_ENUM).map(([k, v]) => [v as number, k as DataType]),
);

/** Bytes per element of each fixed-size type. */
export const BYTES_PER_ELEMENT: Readonly<Record<Exclude<DataType, 'string'>, number>> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  bool: 1,
};

/** The ONNX `TensorProto.DataType` number of a data type. */
export function dataTypeToOnnx(type: DataType): number {
  // hasOwn, not `in`: 'toString' must not pass as a type.
  if (typeof type !== 'string' || !Object.hasOwn(TO_ENUM, type)) {
    throw new OnnxError(
      'UNSUPPORTED_DATA_TYPE',
      `dataTypeToOnnx: type ${typeof type === 'string' ? `'${type}'` : typeof type} is not one of ${Object.keys(TO_ENUM).join(', ')}`,
    );
  }
  return TO_ENUM[type];
}

/**
 * The data type of an ONNX `TensorProto.DataType` number.
 * @throws {OnnxError} `UNSUPPORTED_DATA_TYPE` for types without a typed array here (complex, float8, int4).
 */
export function dataTypeFromOnnx(value: number, where = 'tensor'): DataType {
  const type = FROM_ENUM.get(value);
  const at = typeof where === 'string' ? where : 'tensor';
  if (type === undefined) {
    const name =
      typeof value === 'number'
        ? ((TensorProto_DataType as unknown as Record<number, string | undefined>)[value] ??
          'unknown')
        : typeof value;
    throw new OnnxError(
      'UNSUPPORTED_DATA_TYPE',
      `${at}: element type ${typeof value === 'number' ? value : '?'} (${name}) is not supported; supported: ${Object.keys(TO_ENUM).join(', ')}`,
    );
  }
  return type;
}
