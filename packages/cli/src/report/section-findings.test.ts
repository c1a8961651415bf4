import { describe, expect, it } from 'vitest';
import type { Finding } from './report-types';
import { findingStats, findingsHtml } from './section-findings';

const base: Finding = { claim: 'c', holds: true, evidence: 'e' };

describe('findingStats', () => {
  it('states effect in points, p and seeds', () => {
    expect(findingStats({ ...base, effect: 0.123, p: 0.003, seeds: 5 })).toBe(
      'effect +12.3 points, p = 0.003, 5 seeds',
    );
  });

  it('signs a negative effect and bounds a tiny p', () => {
    expect(findingStats({ ...base, effect: -0.035, p: 0.0004, seeds: 1 })).toBe(
      'effect −3.5 points, p < 0.001, 1 seed',
    );
  });

  it('is empty without effect or p, even with seeds', () => {
    expect(findingStats({ ...base, seeds: 5 })).toBe('');
    expect(findingStats({ ...base, effect: null, p: Number.NaN })).toBe('');
  });
});

describe('findingsHtml', () => {
  it('shows the stats under the evidence only for findings that have them', () => {
    const html = findingsHtml([{ ...base, p: 0.04 }, base]);
    expect(html.match(/<p class="stats">/g)).toHaveLength(1);
    expect(html).toContain('<p class="evidence">e</p><p class="stats">p = 0.040</p></li>');
  });
});
