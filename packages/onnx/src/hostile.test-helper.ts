/**
 * Fixtures of the hostile-input suite: small real graphs (a builder BERT and GPT-2, and a graph that is no
 * transformer) handed out as fresh clones, so a surgery that mutates its argument cannot leak into the next run,
 * and printed by name in counterexamples instead of as a whole graph.
 */
import fc from 'fast-check';
import { buildBert } from './builder/build-bert';
import { buildGpt2 } from './builder/build-gpt2';
import { OnnxError } from './errors';
import { Graph, graphToModel } from './graph';
import { writeModel } from './write-model';

/** Whether `e` is this package's typed error with a code. */
export const isOnnxError = (e: unknown): boolean =>
  e instanceof OnnxError && typeof e.code === 'string' && e.code.length > 0;

const named = <T extends object>(value: T, name: string): T =>
  Object.assign(value, { [fc.toStringMethod]: () => name });

const bert = buildBert({
  vocabSize: 30,
  hidden: 8,
  layers: 1,
  heads: 2,
  intermediate: 16,
  maxPositions: 8,
});
const gpt2 = buildGpt2({ vocabSize: 30, hidden: 8, layers: 1, heads: 2, maxPositions: 8 });

/** `y = x·w + b` with a float `w` `[4, 2]`: a valid graph, but not a transformer. */
function tinyLinear(): Graph {
  const g = new Graph({ name: 'linear' });
  g.inputs.push({ name: 'x', type: 'float32', shape: ['batch', 4] });
  g.addInitializer({
    name: 'w',
    type: 'float32',
    dims: [4, 2],
    data: new Float32Array(8).fill(0.5),
  });
  g.addInitializer({ name: 'b', type: 'float32', dims: [2], data: new Float32Array(2) });
  g.addNode('MatMul', ['x', 'w'], ['xw'], {}, { name: 'MatMul' });
  g.addNode('Add', ['xw', 'b'], ['y'], {}, { name: 'Add' });
  g.outputs.push({ name: 'y', type: 'float32', shape: ['batch', 2] });
  return g;
}
const linear = tinyLinear();

const GRAPHS = { bert, gpt2, linear } as const;
export type FixtureName = keyof typeof GRAPHS;

/** A fresh clone of a fixture graph, printed as its name. */
export const fixtureGraph = (name: FixtureName): Graph =>
  named(GRAPHS[name].clone(), `Graph(${name})`);

/** Fresh clones of the fixture graphs. */
export const graphs: fc.Arbitrary<Graph> = fc
  .constantFrom<FixtureName>('bert', 'gpt2', 'linear')
  .map(fixtureGraph);

/** The bytes of the tiny BERT as an `.onnx` file. */
export const BERT_BYTES: Uint8Array = writeModel(graphToModel(bert));
