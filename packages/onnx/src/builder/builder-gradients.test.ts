import { describe, expect, it } from 'vitest';
import { graphFromModel, graphToModel } from '../graph';
import type { Graph } from '../graph';
import { addCausalLmLoss, addSoftmaxCrossEntropyLoss } from '../losses/add-loss';
import { readModel } from '../read-model';
import { createGradientSession } from '../runner/create-gradient-session';
import type { BatchTensor } from '../runner/create-gradient-session';
import { writeModel } from '../write-model';
import { BUILDER_FIXTURES } from './builder-fixtures';
import { readFixture } from './testing';

interface GradientReference {
  inputs: Record<string, number[][] | number[]>;
  loss: number;
  gradients: Record<string, { dims: number[]; data: number[] }>;
}

function batchOf(inputs: GradientReference['inputs']): Record<string, BatchTensor> {
  return Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => {
      const rows = v as (number[] | number)[];
      const dims = Array.isArray(rows[0]) ? [rows.length, rows[0].length] : [rows.length];
      return [k, { data: BigInt64Array.from(rows.flat(), (x) => BigInt(x)), dims }];
    }),
  );
}

/** max |ours − torch| / max |torch| over one tensor: the relative error of the tensor as a whole. */
function relativeError(ours: ArrayLike<number>, reference: readonly number[]): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    diff = Math.max(diff, Math.abs(ours[i]! - reference[i]!));
    scale = Math.max(scale, Math.abs(reference[i]!));
  }
  return diff / scale;
}

const CASES = [
  {
    name: 'gpt2-grad',
    loss: (g: Graph) => addCausalLmLoss(g, 'logits'),
    frozen: (n: string) => n.startsWith('transformer.h.1.') || n.startsWith('transformer.ln_f.'),
  },
  {
    name: 'bert-grad',
    loss: (g: Graph) => addSoftmaxCrossEntropyLoss(g, 'logits'),
    frozen: (n: string) => n.startsWith('encoder.layer.1.') || n.startsWith('classifier.'),
  },
] as const;

describe.each(CASES)('gradients of the builder-made $name', ({ name, loss, frozen }) => {
  const fixture = BUILDER_FIXTURES.find((f) => f.name === name)!;
  const reference = JSON.parse(
    readFixture(`${name}.gradients.json`).toString('utf8'),
  ) as GradientReference;

  it('are computed on the committed model (rebuilt byte for byte from its seed)', () => {
    expect(
      Buffer.from(writeModel(graphToModel(fixture.build()))).equals(readFixture(`${name}.onnx`)),
    ).toBe(true);
  });

  it.each([
    ['every parameter', () => true],
    ['the top layer only (bottom frozen)', frozen],
  ])(
    'match PyTorch autograd (float64) to 1e-4 relative when training %s',
    async (_label, trainable) => {
      const graph = graphFromModel(readModel(readFixture(`${name}.onnx`)));
      loss(graph);
      // The twin runs in eval mode: no dropout (the model's Dropout nodes stay the identity).
      const runner = await createGradientSession(graph, {
        trainable,
        intraOpNumThreads: 1,
        dropout: false,
      });
      try {
        const result = await runner.step(batchOf(reference.inputs));
        // Loss: float32 forward vs float64; a few ulps of a value near ln(vocab).
        expect(Math.abs(result.loss - reference.loss) / reference.loss).toBeLessThan(1e-5);
        const expected = Object.keys(reference.gradients).filter((k) => trainable(k));
        const globalScale = Math.max(
          ...Object.values(reference.gradients).map((g) => Math.max(...g.data.map(Math.abs))),
        );
        expect([...result.gradients.keys()].sort()).toEqual(expected.sort());
        for (const key of expected) {
          const ref = reference.gradients[key]!;
          expect(runner.parameterDims.get(key)).toEqual(ref.dims);
          const ours = result.gradients.get(key)!;
          if (Math.max(...ref.data.map(Math.abs)) < 1e-9 * globalScale) {
            // Mathematically zero (the key bias: softmax ignores a score shift q·b shared by all keys), so both sides
            // are rounding noise; check it stays noise, relative to the largest gradient of the model.
            expect(Math.max(...Array.from(ours, Math.abs)), key).toBeLessThan(1e-6 * globalScale);
            continue;
          }
          const err = relativeError(ours, ref.data);
          expect(err, `${key}: relative error ${err}`).toBeLessThan(1e-4);
        }
      } finally {
        await runner.dispose();
      }
    },
  );
});
