import type { DataType } from '../data-type';
import { dataTypeToOnnx } from '../data-type';
import type { Graph } from '../graph';
import type { Attribute, Node } from '../types';

/** Shorthand attribute constructors for emitted nodes. */
export const attr = {
  int: (value: number): Attribute => ({ type: 'int', value }),
  ints: (value: number[]): Attribute => ({ type: 'ints', value }),
  float: (value: number): Attribute => ({ type: 'float', value }),
};

/**
 * Appends nodes and constants to a graph under fresh names (one set of used names built once, so emitting
 * thousands of nodes stays linear). Float constants take the graph's float type, so one rule serves float32
 * and float64 graphs.
 */
export class Emitter {
  readonly nodes: Node[] = [];
  private readonly used = new Set<string>();
  private readonly constants = new Map<string, string>();
  private counter = 0;

  constructor(
    readonly graph: Graph,
    readonly floatType: DataType,
    private readonly prefix: string,
  ) {
    for (const v of graph.inputs) this.used.add(v.name);
    for (const v of graph.outputs) this.used.add(v.name);
    for (const k of graph.initializers.keys()) this.used.add(k);
    for (const n of graph.nodes) {
      this.used.add(n.name);
      for (const o of n.outputs) this.used.add(o);
    }
  }

  /** A fresh value or node name. */
  name(hint: string): string {
    let name = `${this.prefix}${hint}_${this.counter++}`;
    while (this.used.has(name)) name = `${this.prefix}${hint}_${this.counter++}`;
    this.used.add(name);
    return name;
  }

  /** Reserves an exact name (for graph outputs such as `grad.<param>`); returns it. */
  reserve(name: string): string {
    this.used.add(name);
    return name;
  }

  /** Emits a one-output node and returns the output name. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, Attribute> = {},
    output?: string,
  ): string {
    const out = output ?? this.name(opType);
    this.nodes.push({
      name: this.name(`${opType}_node`),
      opType,
      domain: '',
      inputs: [...inputs],
      outputs: [out],
      attributes,
    });
    return out;
  }

  /** Emits a node with several outputs. */
  opN(
    opType: string,
    inputs: readonly string[],
    outputs: number,
    attributes: Record<string, Attribute> = {},
  ): string[] {
    const outs = Array.from({ length: outputs }, () => this.name(opType));
    this.nodes.push({
      name: this.name(`${opType}_node`),
      opType,
      domain: '',
      inputs: [...inputs],
      outputs: outs,
      attributes,
    });
    return outs;
  }

  /** A scalar constant of the float type (shared between uses). */
  scalar(value: number): string {
    return this.constant(this.floatType, [], [value]);
  }

  /** A 1-D int64 constant (axes, shapes). */
  ints(values: readonly number[]): string {
    return this.constant('int64', [values.length], values);
  }

  /** A scalar int64 constant. */
  int(value: number): string {
    return this.constant('int64', [], [value]);
  }

  private constant(type: DataType, dims: number[], values: readonly number[]): string {
    const key = `${type}:${dims.join(',')}:${values.join(',')}`;
    const cached = this.constants.get(key);
    if (cached !== undefined) return cached;
    const name = this.name('const');
    const data =
      type === 'int64'
        ? BigInt64Array.from(values, (v) => BigInt(v))
        : type === 'float64'
          ? Float64Array.from(values)
          : type === 'float16'
            ? Uint16Array.from(values)
            : Float32Array.from(values);
    this.graph.initializers.set(name, { name, type, dims, data });
    this.constants.set(key, name);
    return name;
  }

  /** `Cast` to the float type. */
  toFloat(value: string): string {
    return this.op('Cast', [value], { to: attr.int(dataTypeToOnnx(this.floatType)) });
  }
}
