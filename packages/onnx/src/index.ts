export { OnnxError } from './errors';
export type { OnnxErrorCode } from './errors';
export { BYTES_PER_ELEMENT, dataTypeFromOnnx, dataTypeToOnnx } from './data-type';
export type { DataType, DataTypeArrays, TensorData } from './data-type';
export type { Attribute, Dim, Node, Tensor, ValueInfo } from './types';
export {
  elementCount,
  tensorDims,
  tensorFromProto,
  tensorFromTypedArray,
  tensorToProto,
  tensorToTypedArray,
} from './tensor-data';
export { readModel, readModelFile } from './read-model';
export type { ReadModelFileOptions } from './read-model';
export { writeModel, writeModelFile } from './write-model';
export type { WriteModelFileOptions } from './write-model';
export { Graph, graphFromModel, graphToModel } from './graph';
export type { AddNodeOptions, ModelInfo } from './graph';
export {
  AttributeProtoSchema,
  AttributeProto_AttributeType,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProtoSchema,
  TensorProto_DataLocation,
  TensorProto_DataType,
  ValueInfoProtoSchema,
} from './gen/onnx_pb';
export type {
  AttributeProto,
  GraphProto,
  ModelProto,
  NodeProto,
  OperatorSetIdProto,
  TensorProto,
  ValueInfoProto,
} from './gen/onnx_pb';
