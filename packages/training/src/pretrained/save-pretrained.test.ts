import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession } from '@nlpft/inference';
import {
  addCausalLmLoss,
  addSoftmaxCrossEntropyLoss,
  graphFromModel,
  readModelFile,
} from '@nlpft/onnx';
import { afterAll, describe, expect, it } from 'vitest';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import { SeededRng } from '../seeded-rng';
import { fromPretrained } from './from-pretrained';
import { loadFixture, relativeError } from './hf-fixtures.test-helper';
import { savePretrained } from './save-pretrained';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function trained(name: string) {
  const fixture = loadFixture(name);
  const model = fromPretrained(fixture.dir);
  const g = model.graph.clone();
  if (name.startsWith('gpt2')) addCausalLmLoss(g, 'logits');
  else addSoftmaxCrossEntropyLoss(g, 'logits');
  const trainable = OnnxTrainable.create(g, {
    collate: () => fixture.feeds(),
    isParameter: (n) => model.structure.parameters.has(n),
  });
  const optimizer = new AdamW(trainable.params, { learningRate: 1e-2 });
  const rng = new SeededRng(5);
  for (let step = 0; step < 3; step++) {
    const context = { step, trainable: new Set(model.parameterNames), rng };
    optimizer.step((await trainable.computeGradients([0], context)).grads);
  }
  const dir = mkdtempSync(join(tmpdir(), 'nlpft-saved-'));
  made.push(dir);
  return { fixture, model, trainable, dir };
}

describe('savePretrained', () => {
  it('writes a folder fromPretrained and @nlpft/inference read back, scoring as the trained model', async () => {
    const { fixture, model, trainable, dir } = await trained('bert-opset14');
    savePretrained(model, trainable.toGraph(), dir, { id2label: ['bad', 'meh', 'good'] });
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config['id2label']).toEqual({ '0': 'bad', '1': 'meh', '2': 'good' });
    expect(config['label2id']).toEqual({ bad: 0, meh: 1, good: 2 });
    const saved = graphFromModel(readModelFile(join(dir, 'onnx', 'model.onnx')));
    expect(saved.inputs.map((i) => i.name)).toEqual(fixture.reference.inputs); // no labels input
    expect(saved.outputs.map((o) => o.name)).toEqual(['logits']);
    expect(saved.nodes.some((n) => n.opType === 'Dropout')).toBe(false);
    const reopened = fromPretrained(dir, { dropout: false });
    expect(reopened.config.id2label).toEqual(['bad', 'meh', 'good']);
    for (const name of model.parameterNames)
      expect(Array.from(reopened.graph.initializers.get(name)!.data as Float32Array), name).toEqual(
        Array.from(trainable.params[name]!),
      );
    const expected = (await trainable.forward([0])).data;
    const session = await createSession(join(dir, 'onnx', 'model.onnx'));
    const feeds = fixture.feeds();
    const out = await session.run(
      Object.fromEntries(
        fixture.reference.inputs.map(
          (n) =>
            [
              n,
              { type: 'int64', data: feeds[n]!.data as BigInt64Array, dims: feeds[n]!.dims },
            ] as const,
        ),
      ),
    );
    await session.dispose();
    expect(relativeError(out['logits']!.data as Float32Array, expected)).toBeLessThan(1e-5);
    expect(relativeError(expected, fixture.blob(fixture.reference.logits))).toBeGreaterThan(1e-3); // it did train
  });

  it('keeps GPT-2’s head tied to wte in the saved folder', async () => {
    const { model, trainable, dir } = await trained('gpt2-opset17');
    savePretrained(model, trainable.toGraph(), dir);
    const reopened = fromPretrained(dir, { dropout: false });
    const tables = [...reopened.graph.initializers.values()].filter((t) =>
      t.dims.includes(model.config.vocabSize),
    );
    expect(tables.map((t) => t.name)).toEqual(['transformer.wte.weight']);
    expect(reopened.parameterNames).toEqual(model.parameterNames);
  });
});
