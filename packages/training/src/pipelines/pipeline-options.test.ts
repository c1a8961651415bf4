import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../pretrained/hf-fixtures.test-helper';
import { continuePretraining } from './continue-pretraining';
import { finetuneClassifier } from './finetune';
import type { FinetuneOptions } from './finetune';
import { finetunePretrained } from './finetune-pretrained';
import type { FinetunePretrainedOptions } from './finetune-pretrained';

// Every case here is refused before a model folder is opened or a step is trained, so each takes milliseconds.
const invalid = expect.objectContaining({ name: 'TrainingError', code: 'INVALID_OPTION' });
const items = [
  { text: 'a good film', label: 1 },
  { text: 'a bad film', label: 0 },
];
const aFile = (): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'nlpft-run-')), 'not-a-folder');
  writeFileSync(path, 'x');
  return path;
};

describe('finetunePretrained option checks', () => {
  const base = (): FinetunePretrainedOptions => ({
    model: loadFixture('bert-body').dir,
    train: items,
    test: items,
  });

  it.each<
    [string, Partial<FinetunePretrainedOptions> | (() => Partial<FinetunePretrainedOptions>)]
  >([
    ['an empty train split', { train: [] }],
    ['a text that is not a string', { train: [{ text: 3 as never, label: 0 }] }],
    [
      'a textPair that is not a string',
      { test: [{ text: 'a', textPair: null as never, label: 0 }] },
    ],
    ['label names that are not strings', { labels: [0, 1] as never }],
    ['maxLength 0', { maxLength: 0 }],
    ['maxLength -3', { maxLength: -3 }],
    ['a NaN learning rate', { learningRate: NaN }],
    ['a NaN maxGradNorm', { maxGradNorm: NaN }],
    ['a fractional epoch count', { epochs: 1.5 }],
    ['an unknown strategy', { strategy: 'everything' as never }],
    ['an unknown device', { device: 'tpu' as never }],
    ['a runDir that is a file', () => ({ runDir: aFile() })],
  ])('refuses %s with INVALID_OPTION', async (_what, extra) => {
    const overrides = typeof extra === 'function' ? extra() : extra;
    await expect(finetunePretrained({ ...base(), ...overrides })).rejects.toThrow(invalid);
  });

  it('refuses a missing options object with INVALID_OPTION, not a TypeError', async () => {
    await expect(finetunePretrained(undefined as never)).rejects.toThrow(invalid);
  });
});

describe('finetuneClassifier option checks', () => {
  const base = (): FinetuneOptions => ({
    tokenizer: {} as never,
    train: items,
    test: items,
    model: { hidden: 8, layers: 1, heads: 2, intermediate: 16, blockSize: 16 },
    strategy: 'full',
    epochs: 1,
    learningRate: 1e-3,
  });

  it.each<[string, Partial<FinetuneOptions> | (() => Partial<FinetuneOptions>)]>([
    ['an unknown strategy', { strategy: 'most' as never }],
    ['zero epochs', { epochs: 0 }],
    ['batchSize 0', { batchSize: 0 }],
    ['an Infinity learning rate', { learningRate: Infinity }],
    ['a warmupRatio above 1', { warmupRatio: 2 }],
    ['a runDir that is a file', () => ({ runDir: aFile() })],
  ])('refuses %s with INVALID_OPTION', async (_what, extra) => {
    const overrides = typeof extra === 'function' ? extra() : extra;
    await expect(finetuneClassifier({ ...base(), ...overrides })).rejects.toThrow(invalid);
  });
});

describe('continuePretraining option checks', () => {
  const base = () => ({
    model: loadFixture('bert-body').dir,
    train: ['the cat sat on the mat'],
    heldOut: ['the dog sat'],
    steps: 2,
    outputDir: mkdtempSync(join(tmpdir(), 'nlpft-cpt-')),
  });

  it.each<[string, Record<string, unknown> | (() => Record<string, unknown>)]>([
    ['an empty train split', { train: [] }],
    ['a train text that is not a string', { train: ['ok', 7] }],
    ['zero steps', { steps: 0 }],
    ['a NaN mask probability', { maskProbability: NaN }],
    ['blockSize 0', { blockSize: 0 }],
    ['an outputDir that is a file', () => ({ outputDir: aFile() })],
  ])('refuses %s with INVALID_OPTION', async (_what, extra) => {
    const overrides = typeof extra === 'function' ? extra() : extra;
    await expect(continuePretraining({ ...base(), ...overrides })).rejects.toThrow(invalid);
  });
});
