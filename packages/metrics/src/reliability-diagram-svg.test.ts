import { describe, expect, it } from 'vitest';
import { reliabilityDiagram } from './reliability-diagram';
import { reliabilityDiagramSvg } from './reliability-diagram-svg';
import { assertWellFormedXml, attributesOf } from './svg.test-helper';
import { metricsError } from './metrics-error.test-helper';

const diagram = reliabilityDiagram(
  [0, 1, 1, 0],
  [
    [0.9, 0.1],
    [0.2, 0.8],
    [0.6, 0.4],
    [0.3, 0.7],
  ],
  { nBins: 5 },
);

describe('reliabilityDiagramSvg', () => {
  const svg = reliabilityDiagramSvg(diagram, { title: 'dev <set> & "run" 1' });

  it('is well-formed XML with the title escaped', () => {
    assertWellFormedXml(svg);
    expect(svg).toContain('dev &lt;set&gt; &amp; &quot;run&quot; 1');
    expect(svg).not.toContain('<set>');
  });

  it('draws one bar per non-empty bin, as tall as its accuracy', () => {
    const bars = attributesOf(svg, 'rect').filter((a) => a['class'] === 'bar');
    expect(bars.map((b) => [b['data-bin'], b['data-count'], b['data-accuracy']])).toEqual([
      ['2', '1', '0'],
      ['3', '2', '0.5'],
      ['4', '1', '1'],
    ]);
    // At the default 480 × 480 px the plot spans y 432 (accuracy 0) to 40 (accuracy 1): 392 px.
    expect(bars.map((b) => Number(b['height']))).toEqual([0, 0.5 * 392, 392]);
    // Bin 3 is (0.6, 0.8]: x from 56 + 0.6 · 408 = 300.8, plus a 1 px gap.
    expect(Number(bars[1]?.['x'])).toBeCloseTo(301.8, 1);
  });

  it('shades the gap between accuracy and confidence and prints ECE and MCE', () => {
    const gaps = attributesOf(svg, 'rect').filter((a) => a['class'] === 'gap');
    expect(gaps.map((g) => Number(g['height']))).toEqual([235.2, 98, 39.2]); // |acc − conf| = 0.6, 0.25, 0.1 of 392 px
    expect(svg).toContain(
      `ECE ${diagram.expectedCalibrationError.toFixed(4)} · MCE ${diagram.maxCalibrationError.toFixed(4)}`,
    );
  });

  it('rejects a diagram with values outside [0, 1] and sizes out of range', () => {
    const bad = { ...diagram, bins: [{ ...diagram.bins[0]!, accuracy: 1.5 }] };
    expect(() => reliabilityDiagramSvg(bad)).toThrow(metricsError('INVALID_INPUT'));
    expect(() => reliabilityDiagramSvg({ ...diagram, bins: [] })).toThrow(
      metricsError('INVALID_INPUT'),
    );
    expect(() => reliabilityDiagramSvg(diagram, { width: 10 })).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });
});
