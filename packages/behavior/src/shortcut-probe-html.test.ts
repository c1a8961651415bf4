import { describe, expect, it } from 'vitest';
import type { ShortcutProbeResult } from './shortcut-probe';
import { shortcutProbeHtml } from './shortcut-probe-html';

const slice = (name: string, n: number, correct: number) => ({
  name,
  n,
  correct,
  accuracy: correct / n,
  errorRate: 1 - correct / n,
});

const result: ShortcutProbeResult = {
  tokens: ['<script>', '&'],
  mask: '<m>',
  n: 4,
  affected: 2,
  accuracyBefore: 0.5,
  accuracyAfter: 1,
  flips: 2,
  flipRate: 1,
  baseline: { n: 2, flips: 0, flipRate: 0 },
  slices: {
    withTokens: slice('with', 2, 0),
    withoutTokens: slice('without', 2, 2),
    withTokensRemoved: slice('removed', 2, 2),
  },
  verdict: { reliesOnShortcut: true, minAffected: 1, minFlipRate: 0.2, reason: '2 of 2 & more' },
  examples: [
    {
      original: 'bad <script> film',
      edited: 'bad <m> film',
      label: 0,
      before: { label: 1, probs: [0.2, 0.8] },
      after: { label: 0, probs: [0.9, 0.1] },
    },
  ],
};

describe('shortcutProbeHtml', () => {
  const html = shortcutProbeHtml(result);

  it('escapes every text', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<m>');
    expect(html.match(/&(?!amp;|lt;|gt;|quot;|#39;)/g)).toBeNull();
    expect(html).toContain('<code>&lt;script&gt;</code>, <code>&amp;</code>');
  });

  it('states the verdict, the numbers, the slice bars and the flips', () => {
    expect(html).toContain('<strong>Relies on the shortcut</strong>: 2 of 2 &amp; more.');
    expect(html).toContain('masked with <code>&lt;m&gt;</code> in 2 of 4 texts; 2 flips (100.0%)');
    expect(html).toContain(
      'as many random other tokens masked with <code>&lt;m&gt;</code>: 0 of 2 flip (0.0%).',
    );
    expect(html).toContain('Accuracy 50.0% before, 100.0% after.');
    expect(html.match(/fill="#2e7d32"/g)).toHaveLength(3);
    expect(html).toContain(
      '<li><q>bad &lt;script&gt; film</q> → 1 (0.80); <q>bad &lt;m&gt; film</q> → 0 (0.90) (true label 0)</li>',
    );
  });
});
