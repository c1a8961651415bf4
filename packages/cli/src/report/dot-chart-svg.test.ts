import { describe, expect, it } from 'vitest';
import { dotChartSvg } from './dot-chart-svg';
import { assertWellFormed, attributesOf } from './test-helpers';

const margin = { top: 20, right: 20, bottom: 40, left: 60 };
// Plot area: x 60…620 (560 px), y 20…320 (300 px); two groups → 280 px slots.
const series = [
  { key: 'p', label: 'pretrained' },
  { key: 'r', label: 'random', shape: 'square' as const },
];

describe('dotChartSvg', () => {
  it('puts each dot at its group slot and value', () => {
    const svg = dotChartSvg(
      [
        { label: 'full', points: [{ series: 'p', value: 0.5 }] },
        { label: 'head-only', points: [{ series: 'p', value: 0.75 }] },
      ],
      { series: [series[0]!], yDomain: [0, 1], margin },
    );
    // One series: x = left + (g + 0.15 + 0.35) · 280 → 200 and 480; y = 320 − v · 300 → 170 and 95.
    const plot = svg.split('<g class="legend">')[0]!;
    expect(attributesOf(plot, 'circle').map((c) => [Number(c.cx), Number(c.cy)])).toEqual([
      [200, 170],
      [480, 95],
    ]);
    assertWellFormed(svg);
  });

  it('spreads series within a group and draws interval and range whiskers at the right heights', () => {
    const svg = dotChartSvg(
      [
        {
          label: 'full',
          points: [
            { series: 'p', value: 0.8, interval: [0.7, 0.9], range: [0.6, 1] },
            { series: 'r', value: 0.5 },
          ],
        },
      ],
      { series, yDomain: [0, 1], margin },
    );
    // One 560 px slot, two series: x = 60 + (0.15 + 0.7 · 0.25) · 560 = 242 and 60 + (0.15 + 0.7 · 0.75) · 560 = 438.
    const [dot] = attributesOf(svg, 'circle');
    expect(Number(dot!.cx)).toBeCloseTo(242, 1);
    const interval = attributesOf(svg, 'line').find((l) => l.class === 'interval')!;
    expect([Number(interval.y1), Number(interval.y2)]).toEqual([110, 50]); // 320 − 0.7·300, 320 − 0.9·300
    const range = attributesOf(svg, 'line').find((l) => l.class === 'range')!;
    expect([Number(range.y1), Number(range.y2)]).toEqual([140, 20]);
    const [square] = attributesOf(svg, 'rect').filter(
      (r) => r.class === undefined && r.x !== undefined,
    );
    // A square of side 2 · 0.89 · 5 centred at (438, 170).
    expect(Number(square!.x) + Number(square!.width) / 2).toBeCloseTo(438, 0);
    expect(svg).toMatch(/<g class="legend">.*pretrained.*random.*95% CI.*min–max/);
  });

  it('draws the baseline dashed at its value and names it', () => {
    const svg = dotChartSvg([{ label: 'full', points: [{ series: 'p', value: 0.9 }] }], {
      series,
      yDomain: [0, 1],
      margin,
      baseline: { value: 0.6, label: 'majority class' },
    });
    const line = /<g class="baseline"><line ([^>]*)>/.exec(svg)![1]!;
    expect(line).toContain('y1="140"'); // 320 − 0.6 · 300
    expect(line).toContain('stroke-dasharray');
    expect(svg).toContain('majority class 0.600');
  });

  it('draws each reference line at its value with its own dash, label and legend entry', () => {
    const svg = dotChartSvg([{ label: 'full', points: [{ series: 'p', value: 0.9 }] }], {
      series,
      yDomain: [0, 1],
      margin,
      baseline: { value: 0.5, label: 'chance' },
      references: [
        { value: 0.8, label: 'zero-shot', dash: '2 3', color: '#0072B2' },
        { value: 0.62, label: 'word pairs', dash: '8 3' },
      ],
    });
    const refs = [...svg.matchAll(/<g class="reference"><line ([^>]*)>/g)].map((m) => m[1]!);
    expect(refs).toHaveLength(2);
    expect(refs[0]).toContain('y1="80"'); // 320 − 0.8 · 300
    expect(refs[0]).toContain('stroke-dasharray="2 3"');
    expect(refs[0]).toContain('stroke="#0072B2"');
    expect(refs[1]).toContain('y1="134"'); // 320 − 0.62 · 300
    expect(svg).toContain('zero-shot 0.800');
    expect(svg).toMatch(/<g class="legend">.*chance.*zero-shot.*word pairs/);
    assertWellFormed(svg);
  });

  it('keeps the labels of close reference lines 12 px apart', () => {
    const svg = dotChartSvg([{ label: 'full', points: [{ series: 'p', value: 0.9 }] }], {
      series,
      yDomain: [0, 1],
      margin,
      references: [
        { value: 0.5, label: 'a' },
        { value: 0.51, label: 'b' },
      ],
    });
    // Lines at 170 and 167; labels 5 px above: b at 162, a pushed from 165 to 162 + 12 = 174.
    const ys = [...svg.matchAll(/<g class="reference"><line [^>]*><text [^>]*y="([\d.]+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(ys).toEqual([174, 162]);
  });

  it('shifts a point by its dx, so seeds of one series sit side by side', () => {
    const svg = dotChartSvg(
      [
        {
          label: 'full',
          points: [
            { series: 'p', value: 0.5, dx: -6 },
            { series: 'p', value: 0.5, dx: 6 },
          ],
        },
      ],
      { series: [series[0]!], yDomain: [0, 1], margin },
    );
    // One series in one 560 px slot: x = 60 + 0.5 · 560 = 340, then ∓ 6.
    const plot = svg.split('<g class="legend">')[0]!;
    expect(attributesOf(plot, 'circle').map((c) => Number(c.cx))).toEqual([334, 346]);
  });

  it('rejects a non-finite reference line with INVALID_CHART_DATA', () => {
    expect(() =>
      dotChartSvg([{ label: 'a', points: [{ series: 'p', value: 1 }] }], {
        series,
        references: [{ value: Number.NaN, label: 'zero-shot' }],
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CHART_DATA' }));
  });

  it('fits the y axis to values, whiskers and baseline when no domain is given', () => {
    const svg = dotChartSvg(
      [{ label: 'a', points: [{ series: 'p', value: 0.9, range: [0.83, 0.96] }] }],
      { series, baseline: { value: 0.86, label: 'chance' } },
    );
    // Extent [0.83, 0.96]: 0.13 / 5 = 0.026 → step 0.02 (2.6 ≥ √2, < √10), axis 0.82…0.96.
    const labels = [...svg.matchAll(/<text x="50"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(labels[0]).toBe('0.82');
    expect(labels.at(-1)).toBe('0.96');
  });

  it('escapes group and series labels', () => {
    const svg = dotChartSvg([{ label: 'a<b & "c"', points: [{ series: 'p', value: 1 }] }], {
      series: [{ key: 'p', label: "it's <p>" }],
      title: '&',
    });
    expect(svg).toContain('a&lt;b &amp; &quot;c&quot;');
    expect(svg).toContain('it&#39;s &lt;p&gt;');
    assertWellFormed(svg);
  });

  it('rejects empty groups, unknown series and non-finite values with INVALID_CHART_DATA', () => {
    const code = expect.objectContaining({ code: 'INVALID_CHART_DATA' });
    expect(() => dotChartSvg([], { series })).toThrow(code);
    expect(() =>
      dotChartSvg([{ label: 'a', points: [{ series: 'x', value: 1 }] }], { series }),
    ).toThrow(/series 'x'; options.series has p, r/);
    expect(() =>
      dotChartSvg([{ label: 'a', points: [{ series: 'p', value: 1, interval: [0, Infinity] }] }], {
        series,
      }),
    ).toThrow(code);
  });
});
