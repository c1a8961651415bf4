import { OnnxError } from '../../errors';
import type { Node } from '../../types';
import type { Emitter } from '../emitter';
import type { StaticInfo } from '../infer-ranks';

/** What a gradient rule sees: the forward node, the gradients of its outputs and which inputs need one. */
export interface RuleContext {
  e: Emitter;
  node: Node;
  /** Gradient value name of each output; `undefined` when that output does not reach the loss (zero). */
  gOut: (string | undefined)[];
  /** `needs[i]` is true when input `i` needs a gradient. */
  needs: boolean[];
  info: Map<string, StaticInfo>;
  /** Constant int values of a value name when it is an initializer or a Constant node (axes, steps, shapes). */
  constantInts: (name: string | undefined) => number[] | undefined;
  opset: number;
}

/** A reverse-mode rule: gradients for the node's inputs (undefined where not needed). */
export type GradientRule = (ctx: RuleContext) => (string | undefined)[];

/** An int attribute of the node, or `fallback` when it is absent. */
export function intAttr(node: Node, name: string, fallback: number): number {
  const a = node.attributes[name];
  return a?.type === 'int' ? a.value : fallback;
}

/** A float attribute of the node, or `fallback` when it is absent. */
export function floatAttr(node: Node, name: string, fallback: number): number {
  const a = node.attributes[name];
  return a?.type === 'float' ? a.value : fallback;
}

/** An ints attribute of the node, or `undefined` when it is absent. */
export function intsAttr(node: Node, name: string): number[] | undefined {
  const a = node.attributes[name];
  return a?.type === 'ints' ? a.value : undefined;
}

/** The statically inferred rank of a value, when known. */
export function rankOf(ctx: RuleContext, name: string | undefined): number | undefined {
  return name === undefined ? undefined : ctx.info.get(name)?.rank;
}

/** The statically inferred rank of the node's first output, when known. */
export function outRank(ctx: RuleContext): number | undefined {
  return rankOf(ctx, ctx.node.outputs[0]);
}

/** The node's input `i`; a rule that needs it cannot go on without it. */
export function input(ctx: RuleContext, i: number): string {
  const name = ctx.node.inputs[i];
  if (name === undefined || name === '') {
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: node '${ctx.node.name}' (${ctx.node.opType}) lacks input ${i}`,
    );
  }
  return name;
}

/** The node's output `i`, or `''` when it has none there. */
export function output(ctx: RuleContext, i: number): string {
  return ctx.node.outputs[i] ?? '';
}

/** The gradient of output 0, which single-output rules require. */
export function g0(ctx: RuleContext): string {
  const g = ctx.gOut[0];
  if (g === undefined)
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: node '${ctx.node.name}' has no output gradient`,
    );
  return g;
}
