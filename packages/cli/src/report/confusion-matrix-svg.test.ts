import { describe, expect, it } from 'vitest';
import { blues, confusionMatrixSvg } from './confusion-matrix-svg';
import { assertWellFormed, attributesOf } from './test-helpers';

describe('confusionMatrixSvg', () => {
  const svg = confusionMatrixSvg(
    [
      [90, 10],
      [5, 45],
    ],
    { labels: ['ham', 'spam'], title: 'Best cell' },
  );

  it('draws one cell per count, rows true and columns predicted', () => {
    const cells = attributesOf(svg, 'g').filter((a) => a.class === 'cell');
    expect(cells.map((c) => [c['data-row'], c['data-col'], c['data-count']])).toEqual([
      ['0', '0', '90'],
      ['0', '1', '10'],
      ['1', '0', '5'],
      ['1', '1', '45'],
    ]);
    assertWellFormed(svg);
  });

  it('labels each cell with its count and share of the true class', () => {
    // Row ham: 90 / 100 = 90.0%, 10 / 100 = 10.0%; row spam: 5 / 50 = 10.0%, 45 / 50 = 90.0%.
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['90', '90.0%', '10', '10.0%', '5', '45']));
    expect(texts.filter((t) => t === 'ham')).toHaveLength(2);
    expect(texts).toEqual(expect.arrayContaining(['predicted', 'true', 'Best cell']));
  });

  it('shades by row share: equal shares, equal colours', () => {
    const fills = attributesOf(svg, 'rect')
      .slice(1)
      .map((r) => r.fill);
    expect(fills).toEqual([blues(0.9), blues(0.1), blues(0.1), blues(0.9)]);
  });

  it('interpolates the colour scale between its ends', () => {
    expect(blues(0)).toBe('#f7fbff');
    expect(blues(1)).toBe('#084594');
    // Midpoint: round((247 + 8) / 2) = 128 (0x80), round((251 + 69) / 2) = 160 (0xa0), round((255 + 148) / 2) = 202 (0xca).
    expect(blues(0.5)).toBe('#80a0ca');
  });

  it('escapes class labels', () => {
    expect(confusionMatrixSvg([[1]], { labels: ['<&">'] })).toContain('&lt;&amp;&quot;&gt;');
  });

  it('rejects a matrix that does not match the labels, or a negative count', () => {
    const code = expect.objectContaining({ code: 'INVALID_CHART_DATA' });
    expect(() => confusionMatrixSvg([[1, 2]], { labels: ['a', 'b'] })).toThrow(code);
    expect(() => confusionMatrixSvg([[-1]], { labels: ['a'] })).toThrow(/matrix\[0\]\[0\] is -1/);
  });
});
