import { describe, expect, it } from 'vitest';
import {
  freezeAllButHead,
  freezeBottomLayers,
  fullFineTuning,
  gradualUnfreezing,
} from './freeze-plan';

const names = [
  'emb.word_embeddings',
  'encoder.layer.0.w',
  'encoder.layer.1.w',
  'encoder.layer.2.w',
  'classifier.weight',
  'classifier.bias',
];

describe('freeze plans', () => {
  it('full, head only, bottom k', () => {
    expect(fullFineTuning(names).trainableAt(5)).toEqual(names);
    expect(freezeAllButHead(names, ['classifier.']).trainableAt(0)).toEqual([
      'classifier.weight',
      'classifier.bias',
    ]);
    expect(() => freezeAllButHead(names, () => false)).toThrow(/no parameter/);
    expect(freezeBottomLayers(names, 2).trainableAt(0)).toEqual([
      'encoder.layer.2.w',
      'classifier.weight',
      'classifier.bias',
    ]);
    expect(freezeBottomLayers(names, 0).trainableAt(0)).toEqual(names.slice(1));
    expect(() => freezeBottomLayers(names, -1)).toThrow(/k must/);
  });
  it('gradual unfreezing adds one layer per stage, top down', () => {
    const plan = gradualUnfreezing(names, { stepsPerStage: 10, numLayers: 3 });
    expect(plan.trainableAt(0)).toEqual(['classifier.weight', 'classifier.bias']);
    expect(plan.trainableAt(10)).toEqual([
      'encoder.layer.2.w',
      'classifier.weight',
      'classifier.bias',
    ]);
    expect(plan.trainableAt(29)).toEqual(names.slice(2));
    expect(plan.trainableAt(30)).toEqual(names.slice(1));
    expect(plan.trainableAt(40)).toEqual(names);
    expect(plan.trainableAt(1000)).toEqual(names);
    expect(() => gradualUnfreezing(names, { stepsPerStage: 0, numLayers: 3 })).toThrow(
      /stepsPerStage/,
    );
  });
});
