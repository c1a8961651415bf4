import type { DataType, TensorArray } from './data-type';
import type {
  GraphProto as GeneratedGraphProto,
  ModelProto as GeneratedModelProto,
  TensorProto as GeneratedTensorProto,
} from './gen/onnx_pb';

/**
 * A parsed ONNX model, the `ModelProto` message of onnx.proto: what `readModel` and `graphToModel` return and
 * `writeModel` writes. Read its fields (`graph.initializer`, `opsetImport`); make one with those functions rather
 * than by hand. The protobuf schemas behind it are internal to this package.
 */
export type ModelProto = GeneratedModelProto;

/** An ONNX `GraphProto` message: a subgraph attribute (If, Loop, Scan) and `ModelProto.graph`. */
export type GraphProto = GeneratedGraphProto;

/**
 * An ONNX `TensorProto` message: an initializer or attribute tensor as stored in the file. Convert with
 * `tensorFromProto` / `tensorToProto`, view its values with `tensorToTypedArray`.
 */
export type TensorProto = GeneratedTensorProto;

/** A dense tensor with its values: an initializer, a constant or an input to a session. */
export interface Tensor {
  /** The value name in the graph ('' for an anonymous attribute tensor). */
  name: string;
  type: DataType;
  /** Dimensions; `[]` for a scalar. */
  dims: number[];
  /** Row-major values; `length` equals the product of `dims`. */
  data: TensorArray;
}

/** One dimension of a declared shape: a size, a symbolic name (`'batch'`), or unknown (`undefined`). */
export type Dim = number | string | undefined;

/** The declared name, element type and (optional) shape of a graph input, output or intermediate value. */
export interface ValueInfo {
  name: string;
  type: DataType;
  /** `undefined` when the rank is unknown. */
  shape?: Dim[];
}

/** A node attribute, tagged with its ONNX attribute type so ints and floats stay apart. */
export type Attribute =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: number[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensor'; value: Tensor }
  /** Subgraphs (If, Loop, Scan) are kept as protobuf so they round-trip; autodiff does not enter them. */
  | { type: 'graph'; value: GraphProto }
  | { type: 'graphs'; value: GraphProto[] }
  | { type: 'tensors'; value: TensorProto[] };

/** One operator call of a {@link Graph}. */
export interface Node {
  /** Unique within the graph (may be '' in files that leave nodes unnamed). */
  name: string;
  opType: string;
  /** '' is the default `ai.onnx` domain. */
  domain: string;
  /** Input value names; '' marks an omitted optional input. */
  inputs: string[];
  outputs: string[];
  attributes: Record<string, Attribute>;
}
