/*
 * SHARED REPRESENTATION (part A ↔ part B of issue 7): `Graph` is the one mutable in-memory graph that the
 * builder, the surgery functions and autodiff all work on. Convert at the edges only: `graphFromModel(model)`
 * after reading a file, `graphToModel(graph)` before writing or running. Add methods here rather than a second
 * representation; keep existing members' meaning stable.
 */
import { create, isMessage } from '@bufbuild/protobuf';
import { checkArg, checkGraph, checkOptions, checkTensor, show } from './check-args';
import { dataTypeFromOnnx, dataTypeToOnnx } from './data-type';
import { OnnxError } from './errors';
import {
  AttributeProtoSchema,
  AttributeProto_AttributeType,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  StringStringEntryProtoSchema,
  TensorShapeProtoSchema,
  TensorShapeProto_DimensionSchema,
  TypeProtoSchema,
  TypeProto_TensorSchema,
  ValueInfoProtoSchema,
} from './gen/onnx_pb';
import type { AttributeProto, ModelProto, NodeProto, ValueInfoProto } from './gen/onnx_pb';
import { tensorFromProto, tensorToProto } from './tensor-data';
import type { Attribute, Dim, Node, Tensor, ValueInfo } from './types';

/** Model-level fields kept beside a {@link Graph} so a read-modify-write keeps them. */
export interface ModelInfo {
  /** @defaultValue 8 (onnxruntime 1.30 reads IR 3–11) */
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  metadata: Record<string, string>;
}

/** Options of {@link Graph.addNode}. */
export interface AddNodeOptions {
  /** Node name; a unique one is made from the op type when omitted. */
  name?: string;
  /** @defaultValue '' (ai.onnx) */
  domain?: string;
}

/**
 * A mutable ONNX graph: nodes in topological order, initializers by name, declared inputs and outputs, and the
 * opset imports and model fields needed to write it back.
 * @example
 * const g = new Graph({ name: 'tiny' });
 * g.inputs.push({ name: 'x', type: 'float32', shape: ['batch', 4] });
 * g.addInitializer({ name: 'w', type: 'float32', dims: [4, 2], data: new Float32Array(8) });
 * g.addNode('MatMul', ['x', 'w'], ['y']);
 * g.outputs.push({ name: 'y', type: 'float32', shape: ['batch', 2] });
 */
export class Graph {
  name: string;
  nodes: Node[] = [];
  initializers = new Map<string, Tensor>();
  inputs: ValueInfo[] = [];
  outputs: ValueInfo[] = [];
  /** Declared types of intermediate values (optional; used for shapes when known). */
  valueInfo = new Map<string, ValueInfo>();
  /** Operator set versions by domain ('' is ai.onnx). @defaultValue { '': 17 } */
  opsetImports = new Map<string, number>([['', 17]]);
  model: ModelInfo = {
    irVersion: 8,
    producerName: 'nlpft',
    producerVersion: '',
    domain: '',
    modelVersion: 0,
    docString: '',
    metadata: {},
  };
  private counter = 0;
  private names = new Set<string>();

  constructor(options: { name?: string } = {}) {
    checkOptions('Graph', options, { name: 'string' });
    this.name = options.name ?? 'graph';
  }

  /** Every value name in use: inputs, outputs, initializers, node outputs and node names. */
  private usedNames(): Set<string> {
    const used = new Set(this.names);
    for (const v of this.inputs) used.add(v.name);
    for (const v of this.outputs) used.add(v.name);
    for (const k of this.initializers.keys()) used.add(k);
    for (const n of this.nodes) {
      used.add(n.name);
      for (const o of n.outputs) used.add(o);
    }
    return used;
  }

  /** A name starting with `base` that no value or node of the graph uses yet (and reserves it). */
  uniqueName(base: string): string {
    checkArg('Graph.uniqueName', 'base', base, 'string');
    const used = this.usedNames();
    let name = base;
    while (used.has(name) || name === '') name = `${base}_${++this.counter}`;
    this.names.add(name);
    return name;
  }

  /**
   * Appends a node and returns it. Output names are taken as given: make them unique with {@link uniqueName}.
   * @example g.addNode('Gemm', ['x', 'w', 'b'], ['y'], { transB: { type: 'int', value: 1 } })
   */
  addNode(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Record<string, Attribute> = {},
    options: AddNodeOptions = {},
  ): Node {
    const where = 'Graph.addNode';
    checkArg(where, 'opType', opType, 'string');
    checkArg(where, 'inputs', inputs, 'stringList');
    checkArg(where, 'outputs', outputs, 'stringList');
    checkArg(where, 'attributes', attributes, 'object');
    checkOptions(where, options, { name: 'string', domain: 'string' });
    const node: Node = {
      name: options.name ?? this.uniqueName(opType),
      opType,
      domain: options.domain ?? '',
      inputs: [...inputs],
      outputs: [...outputs],
      attributes,
    };
    this.names.add(node.name);
    this.nodes.push(node);
    return node;
  }

  /**
   * Adds (or replaces) an initializer under `tensor.name`.
   * @throws {OnnxError} `INVALID_TENSOR` when the data length does not match the dims.
   */
  addInitializer(tensor: Tensor): Tensor {
    checkTensor('Graph.addInitializer', 'tensor', tensor);
    let n = 1;
    for (const d of tensor.dims) n *= d;
    if (tensor.data.length !== n) {
      throw new OnnxError(
        'INVALID_TENSOR',
        `Graph.addInitializer: '${tensor.name}' has dims [${tensor.dims.join(', ')}] but ${tensor.data.length} values`,
      );
    }
    this.initializers.set(tensor.name, tensor);
    return tensor;
  }

  /** The node producing each value name. */
  producers(): Map<string, Node> {
    const map = new Map<string, Node>();
    for (const n of this.nodes) for (const o of n.outputs) if (o !== '') map.set(o, n);
    return map;
  }

  /** The nodes consuming each value name (a node appears once per input slot it uses the value in). */
  consumers(): Map<string, Node[]> {
    const map = new Map<string, Node[]>();
    for (const n of this.nodes) {
      for (const i of n.inputs) {
        if (i === '') continue;
        const list = map.get(i);
        if (list) list.push(n);
        else map.set(i, [n]);
      }
    }
    return map;
  }

  /** The ai.onnx opset version. */
  get opset(): number {
    return this.opsetImports.get('') ?? this.opsetImports.get('ai.onnx') ?? 17;
  }

  /** A copy whose node list, maps and arrays can be changed without touching this graph (tensor data shared). */
  clone(): Graph {
    const g = new Graph({ name: this.name });
    g.nodes = this.nodes.map((n) => ({
      ...n,
      inputs: [...n.inputs],
      outputs: [...n.outputs],
      attributes: { ...n.attributes },
    }));
    g.initializers = new Map(this.initializers);
    g.inputs = this.inputs.map((v) => ({ ...v }));
    g.outputs = this.outputs.map((v) => ({ ...v }));
    g.valueInfo = new Map(this.valueInfo);
    g.opsetImports = new Map(this.opsetImports);
    g.model = { ...this.model, metadata: { ...this.model.metadata } };
    g.counter = this.counter;
    g.names = new Set(this.names);
    return g;
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function attributeFromProto(a: AttributeProto, where: string): Attribute {
  const T = AttributeProto_AttributeType;
  switch (a.type) {
    case T.FLOAT:
      return { type: 'float', value: a.f };
    case T.INT:
      return { type: 'int', value: Number(a.i) };
    case T.STRING:
      return { type: 'string', value: decoder.decode(a.s) };
    case T.FLOATS:
      return { type: 'floats', value: [...a.floats] };
    case T.INTS:
      return { type: 'ints', value: a.ints.map(Number) };
    case T.STRINGS:
      return { type: 'strings', value: a.strings.map((s) => decoder.decode(s)) };
    case T.TENSOR:
      if (!a.t)
        throw new OnnxError(
          'MALFORMED_MODEL',
          `${where}: attribute '${a.name}' is TENSOR but has no t`,
        );
      return { type: 'tensor', value: tensorFromProto(a.t) };
    case T.GRAPH:
      if (!a.g)
        throw new OnnxError(
          'MALFORMED_MODEL',
          `${where}: attribute '${a.name}' is GRAPH but has no g`,
        );
      return { type: 'graph', value: a.g };
    case T.GRAPHS:
      return { type: 'graphs', value: a.graphs };
    case T.TENSORS:
      return { type: 'tensors', value: a.tensors };
    default:
      throw new OnnxError(
        'MALFORMED_MODEL',
        `${where}: attribute '${a.name}' has unsupported type ${a.type}`,
      );
  }
}

function attributeToProto(name: string, a: Attribute): AttributeProto {
  const T = AttributeProto_AttributeType;
  switch (a.type) {
    case 'float':
      return create(AttributeProtoSchema, { name, type: T.FLOAT, f: a.value });
    case 'int':
      return create(AttributeProtoSchema, { name, type: T.INT, i: BigInt(a.value) });
    case 'string':
      return create(AttributeProtoSchema, { name, type: T.STRING, s: encoder.encode(a.value) });
    case 'floats':
      return create(AttributeProtoSchema, { name, type: T.FLOATS, floats: a.value });
    case 'ints':
      return create(AttributeProtoSchema, {
        name,
        type: T.INTS,
        ints: a.value.map((v) => BigInt(v)),
      });
    case 'strings':
      return create(AttributeProtoSchema, {
        name,
        type: T.STRINGS,
        strings: a.value.map((s) => encoder.encode(s)),
      });
    case 'tensor':
      return create(AttributeProtoSchema, { name, type: T.TENSOR, t: tensorToProto(a.value) });
    case 'graph':
      return create(AttributeProtoSchema, { name, type: T.GRAPH, g: a.value });
    case 'graphs':
      return create(AttributeProtoSchema, { name, type: T.GRAPHS, graphs: a.value });
    case 'tensors':
      return create(AttributeProtoSchema, { name, type: T.TENSORS, tensors: a.value });
    default: {
      const never: never = a;
      throw new OnnxError(
        'INVALID_INPUT',
        `attribute '${name}': unknown type ${JSON.stringify(never)}`,
      );
    }
  }
}

function valueInfoFromProto(v: ValueInfoProto): ValueInfo | undefined {
  if (v.type?.value.case !== 'tensorType') return undefined;
  const t = v.type.value.value;
  const info: ValueInfo = { name: v.name, type: dataTypeFromOnnx(t.elemType, `value '${v.name}'`) };
  if (t.shape) {
    info.shape = t.shape.dim.map((d): Dim => {
      if (d.value.case === 'dimValue') return Number(d.value.value);
      if (d.value.case === 'dimParam') return d.value.value;
      return undefined;
    });
  }
  return info;
}

function valueInfoToProto(v: ValueInfo): ValueInfoProto {
  const tensorType = create(TypeProto_TensorSchema, { elemType: dataTypeToOnnx(v.type) });
  if (v.shape) {
    tensorType.shape = create(TensorShapeProtoSchema, {
      dim: v.shape.map((d) =>
        create(TensorShapeProto_DimensionSchema, {
          value:
            typeof d === 'number'
              ? { case: 'dimValue', value: BigInt(d) }
              : typeof d === 'string'
                ? { case: 'dimParam', value: d }
                : { case: undefined },
        }),
      ),
    });
  }
  return create(ValueInfoProtoSchema, {
    name: v.name,
    type: create(TypeProtoSchema, { value: { case: 'tensorType', value: tensorType } }),
  });
}

function nodeFromProto(n: NodeProto, index: number): Node {
  const where = `node ${index} '${n.name}' (${n.opType})`;
  const attributes: Record<string, Attribute> = {};
  for (const a of n.attribute) attributes[a.name] = attributeFromProto(a, where);
  return {
    name: n.name,
    opType: n.opType,
    domain: n.domain,
    inputs: [...n.input],
    outputs: [...n.output],
    attributes,
  };
}

/**
 * The {@link Graph} of a model. Initializer values are views of the model's bytes (no copy).
 * @throws {OnnxError} `MALFORMED_MODEL` when the model has no graph; `UNSUPPORTED_DATA_TYPE` for initializers of
 *   types without a typed array here.
 */
export function graphFromModel(model: ModelProto): Graph {
  if (!isMessage(model, ModelProtoSchema))
    throw new OnnxError(
      'INVALID_INPUT',
      `graphFromModel: model must be a ModelProto (readModel(bytes)), got ${show(model)}`,
    );
  const gp = model.graph;
  if (!gp) throw new OnnxError('MALFORMED_MODEL', 'graphFromModel: the model has no graph');
  const g = new Graph({ name: gp.name });
  g.nodes = gp.node.map(nodeFromProto);
  for (const t of gp.initializer) g.initializers.set(t.name, tensorFromProto(t));
  const initNames = new Set(g.initializers.keys());
  // IR < 4 lists initializers among the inputs too; only real inputs are kept as inputs.
  g.inputs = gp.input
    .filter((v) => !initNames.has(v.name))
    .map((v) => valueInfoFromProto(v))
    .filter((v) => v !== undefined);
  g.outputs = gp.output.map((v) => valueInfoFromProto(v)).filter((v) => v !== undefined);
  for (const v of gp.valueInfo) {
    const info = valueInfoFromProto(v);
    if (info) g.valueInfo.set(info.name, info);
  }
  g.opsetImports = new Map(model.opsetImport.map((o) => [o.domain, Number(o.version)]));
  g.model = {
    irVersion: Number(model.irVersion),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    domain: model.domain,
    modelVersion: Number(model.modelVersion),
    docString: model.docString,
    metadata: Object.fromEntries(model.metadataProps.map((e) => [e.key, e.value])),
  };
  return g;
}

/** A ModelProto of a {@link Graph}, ready for `writeModel` or an onnxruntime session. Tensor bytes are shared. */
export function graphToModel(graph: Graph): ModelProto {
  checkGraph('graphToModel', graph);
  const gp = create(GraphProtoSchema, {
    name: graph.name,
    node: graph.nodes.map((n) =>
      create(NodeProtoSchema, {
        name: n.name,
        opType: n.opType,
        domain: n.domain,
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attributes).map(([k, a]) => attributeToProto(k, a)),
      }),
    ),
    initializer: [...graph.initializers.values()].map(tensorToProto),
    input: graph.inputs.map(valueInfoToProto),
    output: graph.outputs.map(valueInfoToProto),
    valueInfo: [...graph.valueInfo.values()].map(valueInfoToProto),
  });
  return create(ModelProtoSchema, {
    irVersion: BigInt(graph.model.irVersion),
    producerName: graph.model.producerName,
    producerVersion: graph.model.producerVersion,
    domain: graph.model.domain,
    modelVersion: BigInt(graph.model.modelVersion),
    docString: graph.model.docString,
    metadataProps: Object.entries(graph.model.metadata).map(([key, value]) =>
      create(StringStringEntryProtoSchema, { key, value }),
    ),
    opsetImport: [...graph.opsetImports].map(([domain, version]) =>
      create(OperatorSetIdProtoSchema, { domain, version: BigInt(version) }),
    ),
    graph: gp,
  });
}
