/*
 * Test support for the transformers.js parity suite: fine-tune a fixture a few AdamW steps and save it with
 * savePretrained into a folder transformers.js can open offline by name.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCausalLmLoss, addSoftmaxCrossEntropyLoss } from '@nlpft/onnx';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import { SeededRng } from '../seeded-rng';
import { fromPretrained } from './from-pretrained';
import type { PretrainedModel } from './from-pretrained';
import { loadFixture, relativeError } from './hf-fixtures.test-helper';
import { savePretrained } from './save-pretrained';
import type { SavePretrainedOptions } from './save-pretrained';

/** A fine-tuned, saved fixture: `root/name` is the folder, so transformers.js loads it as model id `name`. */
export interface SavedModel {
  name: string;
  dir: string;
  model: PretrainedModel;
  /** max |Δ| relative between the saved model's reference-batch logits and the untrained export's. */
  drift: number;
}

/** A fresh temporary folder to save models under; the caller removes it. */
export function makeRoot(): string {
  return mkdtempSync(join(tmpdir(), 'nlpft-tjs-'));
}

/**
 * Fine-tunes fixture `name` three AdamW steps (lr 1e-2, so every weight moves well past float32 noise) on its
 * reference batch, with a causal LM loss for GPT-2 and softmax cross-entropy otherwise, then saves it under `root`.
 */
export async function fineTuneAndSave(
  root: string,
  name: string,
  options: SavePretrainedOptions = {},
): Promise<SavedModel> {
  const fixture = loadFixture(name);
  const model = fromPretrained(fixture.dir);
  const g = model.graph.clone();
  if (model.config.modelType === 'gpt2') addCausalLmLoss(g, 'logits');
  else addSoftmaxCrossEntropyLoss(g, 'logits');
  const trainable = OnnxTrainable.create(g, {
    collate: () => fixture.feeds(),
    isParameter: (n) => model.structure.parameters.has(n),
  });
  const optimizer = new AdamW(trainable.params, { learningRate: 1e-2 });
  const rng = new SeededRng(11);
  for (let step = 0; step < 3; step++) {
    const context = { step, trainable: new Set(model.parameterNames), rng };
    optimizer.step((await trainable.computeGradients([0], context)).grads);
  }
  const trained = (await trainable.forward([0])).data;
  const dir = join(root, name);
  savePretrained(model, trainable.toGraph(), dir, options);
  return {
    name,
    dir,
    model,
    drift: relativeError(trained, fixture.blob(fixture.reference.logits)),
  };
}

/** Largest |a[i] − b[i]|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
