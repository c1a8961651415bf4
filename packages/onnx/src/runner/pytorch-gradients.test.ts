import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGradientGraph } from '../autodiff/build-gradient-graph';
import { graphFromModel } from '../graph';
import { addCausalLmLoss, addSoftmaxCrossEntropyLoss } from '../losses/add-loss';
import { readModel } from '../read-model';
import { createGradientSession } from './create-gradient-session';

// Fixtures from scripts/export_fixtures.py: tiny BERT (MLM, opset 14) and GPT-2 (causal LM, opset 17) exported by
// PyTorch 1.13, with PyTorch autograd gradients (float64 from the float32 weights) for one fixed batch.
const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'grad');
interface Manifest {
  runs: Record<'full' | 'frozen', { name: string; dims: number[]; offset: number }[]>;
}
interface Batch {
  dims: number[];
  input_ids: number[];
  attention_mask: number[];
  labels: number[];
  loss: number;
  causal: boolean;
}

function load(name: string) {
  const graph = graphFromModel(readModel(readFileSync(join(dir, `${name}.onnx`))));
  const batch = JSON.parse(readFileSync(join(dir, `${name}.batch.json`), 'utf8')) as Batch;
  const manifest = JSON.parse(readFileSync(join(dir, `${name}.grads.json`), 'utf8')) as Manifest;
  const bin = readFileSync(join(dir, `${name}.grads.bin`));
  const grads = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  if (batch.causal) addCausalLmLoss(graph, 'logits');
  else addSoftmaxCrossEntropyLoss(graph, 'logits');
  const ints = (v: number[]) => ({
    data: BigInt64Array.from(v, (x) => BigInt(x)),
    dims: batch.dims,
  });
  const feeds = {
    input_ids: ints(batch.input_ids),
    attention_mask: ints(batch.attention_mask),
    labels: ints(batch.labels),
  };
  return { graph, batch, manifest, grads, feeds };
}

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/**
 * max |ours − torch| / max |torch| over one tensor: relative to the tensor's scale, so tiny entries don't blow up.
 * A tensor whose true gradient is zero by math (the attention key bias: softmax ignores a per-row shift) has no
 * scale of its own; it is measured against 1e-3 of the largest gradient of the model instead (float32 noise).
 */
function relativeError(ours: ArrayLike<number>, torch: Float32Array, modelScale: number): number {
  let diff = 0;
  for (let i = 0; i < torch.length; i++) diff = Math.max(diff, Math.abs(ours[i]! - torch[i]!));
  return diff / Math.max(maxAbs(torch), 1e-3 * modelScale);
}

describe.each(['bert-tiny', 'gpt2-tiny'])('%s exported from PyTorch', (name) => {
  it.each(['full', 'frozen'] as const)(
    'matches PyTorch autograd gradients (%s training) to 1e-4 relative',
    async (run) => {
      const { graph, batch, manifest, grads, feeds } = load(name);
      const entries = manifest.runs[run];
      const runner = await createGradientSession(graph, { trainable: entries.map((e) => e.name) });
      try {
        const { loss, gradients } = await runner.step(feeds);
        // float32 forward vs PyTorch float64
        expect(Math.abs(loss - batch.loss) / batch.loss).toBeLessThan(1e-5);
        expect([...gradients.keys()].sort()).toEqual(entries.map((e) => e.name).sort());
        const modelScale = maxAbs(grads);
        for (const e of entries) {
          const count = e.dims.reduce((a, b) => a * b, 1);
          const ours = gradients.get(e.name)!;
          expect(ours.length, e.name).toBe(count);
          expect(
            relativeError(ours, grads.subarray(e.offset, e.offset + count), modelScale),
            e.name,
          ).toBeLessThan(1e-4);
        }
      } finally {
        await runner.dispose();
      }
    },
  );

  it('builds no backward nodes for the frozen bottom', () => {
    const { graph, manifest } = load(name);
    const frozen = buildGradientGraph(graph, {
      loss: 'loss',
      trainable: manifest.runs.frozen.map((e) => e.name),
    });
    const full = buildGradientGraph(graph, {
      loss: 'loss',
      trainable: manifest.runs.full.map((e) => e.name),
    });
    const backward = (g: typeof frozen) =>
      g.graph.nodes.filter((n) => n.outputs.some((o) => o.startsWith('grad'))).length;
    expect(backward(frozen)).toBeLessThan(backward(full) * 0.75);
    // no gradient node feeds on the embedding tables of the frozen bottom
    const embedding = name === 'bert-tiny' ? 'position_embeddings.weight' : 'wpe.weight';
    expect(
      frozen.graph.nodes.some(
        (n) => n.outputs.some((o) => o.startsWith('grad')) && n.inputs.includes(embedding),
      ),
    ).toBe(false);
  });
});
