import { describe, expect, it } from 'vitest';
import type { RobustnessSection } from './report-types';
import { continuedPretrainingHtml } from './section-continued-pretraining';
import { robustnessHtml } from './section-robustness';
import { syntheticResults } from './synthetic-results';

const bins = (count: number, correct: number, confidenceSum: number) =>
  Array.from({ length: 10 }, (_, i) => ({
    lower: i / 10,
    upper: (i + 1) / 10,
    count: i === 9 ? count : 0,
    correct: i === 9 ? correct : 0,
    confidenceSum: i === 9 ? confidenceSum : 0,
  }));

const robustness: RobustnessSection = {
  nBins: 10,
  binning: 'top-label confidence in 10 equal-width bins',
  perturbations: [
    { name: 'typos', description: 'typos', changed: { similar: 0.5, dissimilar: 0.9 } },
  ],
  caseVisible: { similar: 0, dissimilar: 0 },
  situations: [
    {
      similarity: 'similar',
      size: 'small',
      trainSize: 50,
      task: 'acceptability (50 questions)',
      strategy: 'likelihood',
      baseline: 0.5,
      runs: [
        {
          init: 'pretrained',
          seed: 1,
          accuracy: 0.9,
          ece: 0.05,
          reliability: bins(10, 9, 9.5),
          perturbed: { typos: 0.8 },
        },
        {
          init: 'pretrained',
          seed: 2,
          accuracy: 0.8,
          ece: 0.15,
          reliability: bins(10, 8, 9.5),
          perturbed: { typos: 0.7 },
        },
        {
          init: 'random',
          seed: 1,
          accuracy: 0.5,
          ece: 0.4,
          reliability: bins(10, 5, 9.5),
          perturbed: { typos: 0.5 },
        },
      ],
    },
  ],
};

describe('robustnessHtml', () => {
  it('shows mean ± std of ECE and accuracies per init, and a reliability diagram per init', () => {
    const html = robustnessHtml({ ...syntheticResults(), robustness });
    // ECE mean of 0.05 and 0.15 is 0.100, sample std 0.071.
    expect(html).toContain('0.100 ± 0.071');
    expect(html).toContain('0.850 ± 0.071');
    expect((html.match(/data-chart="reliability-/g) ?? []).length).toBe(2);
  });
  it('says so when the run has no study', () => {
    expect(robustnessHtml(syntheticResults())).toContain('no calibration or robustness study');
  });
});

describe('continuedPretrainingHtml', () => {
  it('says so when the run has no continued pre-training', () => {
    expect(continuedPretrainingHtml(syntheticResults())).toContain('no continued pre-training');
  });
});
