import type { DataType, TensorArray } from '../data-type';
import { OnnxError } from '../errors';
import { Graph } from '../graph';
import type { Attribute, Dim, ValueInfo } from '../types';
import { inferShape } from './infer-shape';
import type { ValueType } from './infer-shape';
import { SeededRandom } from './seeded-random';
import {
  DATA_TYPES,
  checkArg,
  checkData,
  checkDims,
  checkGraph,
  checkOptions,
  checkShape,
  checkValueLike,
  isRecord,
  show,
  isList,
} from '../check-args';

/** How {@link GraphBuilder.parameter} fills a new weight. */
export type Init =
  /** Samples of N(0, std²), as Hugging Face initialises Linear and Embedding weights (std 0.02). */
  | { normal: number }
  /** Samples of U(-bound, bound), as PEFT initialises LoRA's A (Kaiming-uniform, bound 1/√fan_in). */
  | { uniform: number }
  /** All zeros: biases, LayerNorm beta, LoRA's B. */
  | 'zeros'
  /** All ones: LayerNorm gamma. */
  | 'ones'
  /** Given values (length = product of dims). */
  | Float32Array;

/** Options of {@link GraphBuilder}. */
export interface GraphBuilderOptions {
  /**
   * Seed of the weight initialisation; the same seed and the same calls give byte-identical weights.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * The graph to add to (surgery adds to a read model). Its names are never reused, and its inputs, outputs,
   * `valueInfo` and initializers seed shape inference.
   * @defaultValue a new empty {@link Graph} (opset 17)
   */
  graph?: Graph;
}

/** Options of {@link GraphBuilder.op}. */
export interface OpOptions {
  /**
   * The node's name, relative to the current scope.
   * @defaultValue the op type (`/encoder/layer.0/attention/self/MatMul`), with `_1`, `_2` … added on collision
   */
  name?: string;
  /**
   * How many outputs, or their exact names.
   * @defaultValue 1 output named `<node name>_output_0`, as PyTorch's exporter names them
   */
  outputs?: number | readonly string[];
  /**
   * Let `outputs` reuse names already in the graph (surgery writing to a value it has just detached from its
   * old producer). Otherwise a taken name is an error.
   * @defaultValue false
   */
  reuseNames?: boolean;
}

/** A value to use as a node input: a value made by the builder, or the name of one in the graph. */
export type ValueLike = ValueInfo | string;

/**
 * Builds an ONNX graph one node at a time, with scoped PyTorch-exporter-style names, seeded weights and shape
 * inference for the operators it emits. Scalar and shape constants become `Constant` nodes; only weights become
 * initializers, so a graph's initializers are exactly its parameters.
 * @example
 * const b = new GraphBuilder({ seed: 1 });
 * const x = b.input('x', 'float32', ['batch', 4]);
 * const w = b.parameter('dense.weight', [4, 2], { normal: 0.02 });
 * b.output(b.op('MatMul', [x, w])[0]!, 'y');
 */
export class GraphBuilder {
  /** The graph being built; nodes are appended to `graph.nodes`. */
  readonly graph: Graph;
  private readonly values = new Map<string, ValueType>();
  private readonly constantInts = new Map<string, number[]>();
  private readonly names = new Set<string>();
  private readonly scopes: string[] = [];
  private readonly random: SeededRandom;

  constructor(options: GraphBuilderOptions = {}) {
    checkOptions('GraphBuilder', options, { seed: 'finite' });
    if (options.graph !== undefined) checkGraph('GraphBuilder', options.graph, 'options.graph');
    this.random = new SeededRandom(options.seed ?? 0);
    this.graph = options.graph ?? new Graph();
    const g = this.graph;
    const know = (v: ValueInfo): void => {
      this.values.set(v.name, v.shape ? { type: v.type, shape: v.shape } : { type: v.type });
    };
    for (const v of g.valueInfo.values()) know(v);
    for (const v of [...g.inputs, ...g.outputs]) know(v);
    for (const t of g.initializers.values()) know({ name: t.name, type: t.type, shape: t.dims });
    for (const v of [...g.inputs, ...g.outputs]) this.names.add(v.name);
    for (const k of g.initializers.keys()) this.names.add(k);
    for (const n of g.nodes) {
      this.names.add(n.name);
      for (const o of n.outputs) this.names.add(o);
      const value = n.attributes['value'];
      if (n.opType === 'Constant' && value?.type === 'tensor' && value.value.type === 'int64') {
        this.constantInts.set(
          n.outputs[0] ?? '',
          Array.from(value.value.data as BigInt64Array, Number),
        );
      }
    }
  }

  /** Runs `body` with `name` appended to the node-name scope (`/encoder/layer.0/...`). */
  scope<T>(name: string, body: () => T): T {
    this.scopes.push(name);
    try {
      return body();
    } finally {
      this.scopes.pop();
    }
  }

  /** The current scope prefix, `''` at the top or `/a/b`. */
  get scopePath(): string {
    return this.scopes.map((s) => `/${s}`).join('');
  }

  /**
   * What is known of a value's type and shape.
   * @throws {OnnxError} `UNKNOWN_VALUE` when the name is not in the graph.
   */
  valueInfo(value: ValueLike): ValueInfo {
    checkValueLike('GraphBuilder.valueInfo', 'value', value);
    const name = typeof value === 'string' ? value : value.name;
    const known = this.values.get(name);
    if (known === undefined) {
      if (typeof value !== 'string') return value;
      // A value of an existing graph without declared type: assume float32, unknown shape.
      if (this.names.has(name)) return { name, type: 'float32' };
      throw new OnnxError(
        'UNKNOWN_VALUE',
        `GraphBuilder: value '${name}' has not been created in this builder`,
      );
    }
    return known.shape
      ? { name, type: known.type, shape: known.shape }
      : { name, type: known.type };
  }

  /** A unique name: `base`, else `base_1`, `base_2` … */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  /** Declares a graph input; dims may be symbolic (`'batch'`, `'sequence'`). */
  input(name: string, type: DataType, shape: Dim[]): ValueInfo {
    checkArg('GraphBuilder.input', 'name', name, 'string');
    checkArg('GraphBuilder.input', 'type', type, DATA_TYPES);
    checkShape('GraphBuilder.input', 'shape', shape);
    this.claim(name, 'input');
    const info: ValueInfo = { name, type, shape: [...shape] };
    this.graph.inputs.push(info);
    this.values.set(name, { type, shape: [...shape] });
    return info;
  }

  /**
   * Declares `value` a graph output named `name`. When the names differ the producing node's output is renamed
   * (a graph input or initializer gets an `Identity` instead).
   */
  output(value: ValueLike, name?: string): ValueInfo {
    checkValueLike('GraphBuilder.output', 'value', value);
    if (name !== undefined) checkArg('GraphBuilder.output', 'name', name, 'string');
    let info = this.valueInfo(value);
    if (name !== undefined && name !== info.name) {
      const producer = this.graph.nodes.find((n) => n.outputs.includes(info.name));
      if (producer === undefined) {
        info = this.op('Identity', [info], {}, { outputs: [name] })[0]!;
      } else {
        this.claim(name, 'output');
        this.renameValue(info.name, name);
        info = this.valueInfo(name);
      }
    }
    this.graph.outputs.push(info);
    return info;
  }

  /**
   * A new float32 weight, stored as an initializer named `name` (Hugging Face state-dict names), filled by
   * `init` from the builder's seeded random source.
   */
  parameter(name: string, dims: number[], init: Init): ValueInfo {
    const where = 'GraphBuilder.parameter';
    checkArg(where, 'name', name, 'string');
    checkDims(where, 'dims', dims);
    const fields = isRecord(init) ? (init as Record<string, unknown>) : {};
    const spread = fields['normal'] ?? fields['uniform'];
    const initOk =
      init instanceof Float32Array ||
      init === 'zeros' ||
      init === 'ones' ||
      (typeof spread === 'number' && Number.isFinite(spread) && spread >= 0);
    if (!initOk)
      throw new OnnxError(
        'INVALID_INPUT',
        `${where}: init of '${name}' must be 'zeros', 'ones', { normal: std }, { uniform: bound } (finite, >= 0) or a Float32Array, got ${show(init)}`,
      );
    this.claim(name, 'parameter');
    const count = dims.reduce((p, d) => p * d, 1);
    let data: Float32Array;
    if (init instanceof Float32Array) {
      if (init.length !== count) {
        throw new OnnxError(
          'INVALID_INPUT',
          `GraphBuilder.parameter: '${name}' has dims [${dims.join(', ')}] (${count} values) but ${init.length} values were given`,
        );
      }
      data = init;
    } else if (init === 'zeros') data = new Float32Array(count);
    else if (init === 'ones') data = new Float32Array(count).fill(1);
    else if ('normal' in init) data = this.random.normalArray(count, 0, init.normal);
    else data = this.random.uniformArray(count, -init.uniform, init.uniform);
    return this.initializer(name, 'float32', dims, data);
  }

  /** Adds an initializer with the given values. */
  initializer(name: string, type: DataType, dims: number[], data: TensorArray): ValueInfo {
    checkArg('GraphBuilder.initializer', 'name', name, 'string');
    checkArg('GraphBuilder.initializer', 'type', type, DATA_TYPES);
    checkDims('GraphBuilder.initializer', 'dims', dims);
    checkData('GraphBuilder.initializer', 'data', data);
    if (!this.names.has(name)) this.claim(name, 'initializer');
    this.graph.addInitializer({ name, type, dims: [...dims], data });
    this.values.set(name, { type, shape: [...dims] });
    return { name, type, shape: [...dims] };
  }

  /** A `Constant` node holding `values` (int64 by default, for shapes and axes; float32 for scalars). */
  constant(
    values: readonly number[],
    options: { type?: 'int64' | 'float32' | 'bool'; dims?: number[]; name?: string } = {},
  ): ValueInfo {
    const type = options.type ?? 'int64';
    const dims = options.dims ?? [values.length];
    let data: TensorArray;
    if (type === 'int64') data = BigInt64Array.from(values, (v) => BigInt(v));
    else if (type === 'bool') data = Uint8Array.from(values, (v) => (v ? 1 : 0));
    else data = Float32Array.from(values);
    const out = this.op(
      'Constant',
      [],
      { value: { type: 'tensor', value: { name: '', type, dims, data } } },
      { name: options.name ?? 'Constant' },
    )[0]!;
    this.values.set(out.name, { type, shape: [...dims] });
    if (type === 'int64') this.constantInts.set(out.name, [...values]);
    return { name: out.name, type, shape: [...dims] };
  }

  /** A float32 scalar `Constant`. */
  scalar(value: number, name?: string): ValueInfo {
    if (typeof value !== 'number' || Number.isNaN(value))
      throw new OnnxError(
        'INVALID_INPUT',
        `GraphBuilder.scalar: value must be a number, got ${show(value)}`,
      );
    if (name !== undefined) checkArg('GraphBuilder.scalar', 'name', name, 'string');
    return this.constant([value], {
      type: 'float32',
      dims: [],
      ...(name === undefined ? {} : { name }),
    });
  }

  /**
   * Appends a node and returns its outputs with inferred types and shapes.
   * @throws {OnnxError} `UNKNOWN_VALUE` when an input name is unknown to the builder.
   */
  op(
    opType: string,
    inputs: readonly ValueLike[],
    attributes: Record<string, Attribute> = {},
    options: OpOptions = {},
  ): ValueInfo[] {
    const where = 'GraphBuilder.op';
    checkArg(where, 'opType', opType, 'string');
    if (!isList(inputs))
      throw new OnnxError(
        'INVALID_INPUT',
        `${where}: inputs must be an array of values, got ${show(inputs)}`,
      );
    inputs.forEach((v, i) => checkValueLike(where, `inputs[${i}]`, v));
    checkArg(where, 'attributes', attributes, 'object');
    checkOptions(where, options, { name: 'string', reuseNames: 'boolean' });
    if (options.outputs !== undefined && typeof options.outputs !== 'object')
      checkArg(where, 'options.outputs', options.outputs, 'nonNegativeInteger');
    else if (options.outputs !== undefined)
      checkArg(where, 'options.outputs', options.outputs, 'stringList');
    const nodeName = this.uniqueName(`${this.scopePath}/${options.name ?? opType}`);
    const inputInfos = inputs.map((i) => (i === '' ? undefined : this.valueInfo(i)));
    const outputNames =
      typeof options.outputs === 'object'
        ? options.outputs.map((n) => {
            if (options.reuseNames !== true || !this.names.has(n)) this.claim(n, 'node output');
            return n;
          })
        : Array.from({ length: options.outputs ?? 1 }, (_, i) =>
            this.uniqueName(`${nodeName}_output_${i}`),
          );
    const types = inferShape(
      opType,
      inputInfos.map((i) => (i === undefined ? undefined : (this.values.get(i.name) ?? i))),
      attributes,
      inputInfos.map((i) => (i === undefined ? undefined : this.constantInts.get(i.name))),
      outputNames.length,
    );
    this.graph.nodes.push({
      name: nodeName,
      opType,
      domain: '',
      inputs: inputInfos.map((i) => i?.name ?? ''),
      outputs: outputNames,
      attributes,
    });
    return outputNames.map((name, i) => {
      const t = types[i] ?? { type: 'float32' as const };
      this.values.set(name, t);
      return t.shape ? { name, type: t.type, shape: t.shape } : { name, type: t.type };
    });
  }

  /** Like {@link op} for single-output operators. */
  op1(
    opType: string,
    inputs: readonly ValueLike[],
    attributes: Record<string, Attribute> = {},
    name?: string,
  ): ValueInfo {
    return this.op(opType, inputs, attributes, name === undefined ? {} : { name })[0]!;
  }

  /** The integer values of a `Constant` made by {@link constant}, if `value` is one. */
  constantValues(value: ValueLike): number[] | undefined {
    return this.constantInts.get(typeof value === 'string' ? value : value.name);
  }

  /**
   * Tells the builder about values that were added to or renamed in its graph by other code (surgery's splice):
   * `alias` gets the known type and shape of `like`, and both names count as taken.
   */
  adopt(alias: string, like: string): void {
    this.names.add(alias);
    this.names.add(like);
    const known = this.values.get(like);
    if (known !== undefined) this.values.set(alias, known);
  }

  /** Records the element type of a value whose op does not reveal it to inference (`Cast`'s enum `to`). */
  retype(name: string, type: DataType): void {
    const known = this.values.get(name);
    this.values.set(name, known?.shape ? { type, shape: known.shape } : { type });
  }

  private claim(name: string, what: string): void {
    if (this.names.has(name)) {
      throw new OnnxError(
        'INVALID_INPUT',
        `GraphBuilder: cannot add ${what} '${name}': the name is already used in the graph`,
      );
    }
    this.names.add(name);
  }

  private renameValue(from: string, to: string): void {
    for (const node of this.graph.nodes) {
      node.inputs = node.inputs.map((n) => (n === from ? to : n));
      node.outputs = node.outputs.map((n) => (n === from ? to : n));
    }
    const t = this.values.get(from);
    if (t !== undefined) this.values.set(to, t);
    const c = this.constantInts.get(from);
    if (c !== undefined) this.constantInts.set(to, c);
  }
}
