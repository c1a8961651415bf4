import { describe, expect, it } from 'vitest';
import { lineChartSvg } from './line-chart-svg';
import { assertWellFormed, attributesOf } from './test-helpers';

const margin = { top: 20, right: 20, bottom: 40, left: 60 };
// Plot area: x 60…620 (560 px wide), y 20…320 (300 px high).

function polylinePoints(svg: string): number[][][] {
  return attributesOf(svg, 'polyline').map((a) =>
    (a.points ?? '').split(' ').map((p) => p.split(',').map(Number)),
  );
}

function axisLabels(svg: string, axis: 'x' | 'y'): string[] {
  const g = new RegExp(`<g class="axis axis-${axis}">(.*?)</g>`).exec(svg)?.[1] ?? '';
  return [...g.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe('lineChartSvg', () => {
  it('maps data points onto the plot area linearly', () => {
    const svg = lineChartSvg(
      [
        {
          label: 'a',
          points: [
            { x: 0, y: 0 },
            { x: 50, y: 5 },
            { x: 100, y: 10 },
          ],
        },
      ],
      { width: 640, height: 360, margin },
    );
    // x: 60 + x/100·560; y: 320 − y/10·300 (nice domains are exactly [0, 100] and [0, 10]).
    expect(polylinePoints(svg)).toEqual([
      [
        [60, 320],
        [340, 170],
        [620, 20],
      ],
    ]);
    assertWellFormed(svg);
  });

  it('rounds the axes out to nice ticks and labels them', () => {
    const svg = lineChartSvg(
      [
        {
          label: 'a',
          points: [
            { x: 3, y: 0.23 },
            { x: 97, y: 0.91 },
          ],
        },
      ],
      {
        margin,
        xLabel: 'step',
        yLabel: 'loss',
      },
    );
    expect(axisLabels(svg, 'y')).toEqual([
      ...['0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1.0'],
      'loss',
    ]);
    expect(axisLabels(svg, 'x')).toEqual(['0', '20', '40', '60', '80', '100', 'step']);
    // x = 3 on the [0, 100] axis: 60 + 0.03·560 = 76.8; y = 0.23 on [0.2, 1]: 320 − (0.03/0.8)·300 = 308.75.
    const [[first]] = polylinePoints(svg) as [[number[]]];
    expect(first[0]).toBeCloseTo(76.8, 1);
    expect(first[1]).toBeCloseTo(308.75, 0);
  });

  it('places y on a log10 scale with logY', () => {
    const svg = lineChartSvg(
      [
        {
          label: 'a',
          points: [
            { x: 0, y: 1 },
            { x: 1, y: 10 },
            { x: 2, y: 100 },
          ],
        },
      ],
      { margin, logY: true, yDomain: [1, 100], xDomain: [0, 2] },
    );
    // log10 y = 0, 1, 2 of [0, 2]: 320, 170, 20.
    expect(polylinePoints(svg)[0]!.map((p) => p[1])).toEqual([320, 170, 20]);
    expect(axisLabels(svg, 'y').slice(0, 3)).toEqual(['1', '10', '100']);
  });

  it('draws one polyline per series, dashed where asked, and a legend with every label', () => {
    const svg = lineChartSvg(
      [
        {
          label: 'pretrained',
          points: [
            { x: 0, y: 1 },
            { x: 1, y: 0.5 },
          ],
        },
        {
          label: 'random',
          points: [
            { x: 0, y: 1 },
            { x: 1, y: 0.9 },
          ],
          dashed: true,
        },
      ],
      { height: 300 },
    );
    const lines = attributesOf(svg, 'polyline');
    expect(lines).toHaveLength(2);
    expect(lines[0]!['stroke-dasharray']).toBeUndefined();
    expect(lines[1]!['stroke-dasharray']).toBeDefined();
    expect(lines[0]!.stroke).not.toBe(lines[1]!.stroke);
    expect(svg).toMatch(/<g class="legend">.*>pretrained<.*>random</);
    // The legend is added below the 300 px frame.
    expect(Number(attributesOf(svg, 'svg')[0]!.height)).toBeGreaterThan(300);
  });

  it('escapes <, & and quotes in the title and labels', () => {
    const svg = lineChartSvg(
      [
        { label: 'a "b" <c>', points: [{ x: 0, y: 1 }] },
        { label: "d & e's", points: [{ x: 1, y: 2 }] },
      ],
      { title: '<script>alert("x")</script> & co', yLabel: 'y<1' },
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(svg).toContain('data-series="a &quot;b&quot; &lt;c&gt;"');
    expect(svg).toContain('d &amp; e&#39;s');
    expect(svg).toContain('y&lt;1');
    assertWellFormed(svg);
  });

  it('rejects charts it cannot draw with INVALID_CHART_DATA', () => {
    const code = expect.objectContaining({ code: 'INVALID_CHART_DATA' });
    expect(() => lineChartSvg([])).toThrow(code);
    expect(() => lineChartSvg([{ label: 'a', points: [] }])).toThrow(code);
    expect(() => lineChartSvg([{ label: 'a', points: [{ x: 0, y: NaN }] }])).toThrow(code);
    expect(() => lineChartSvg([{ label: 'a', points: [{ x: 0, y: 0 }] }], { logY: true })).toThrow(
      /log axis needs y > 0/,
    );
  });
});
