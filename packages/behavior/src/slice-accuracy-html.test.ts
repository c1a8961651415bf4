import { describe, expect, it } from 'vitest';
import { sliceAccuracyHtml } from './slice-accuracy-html';

describe('sliceAccuracyHtml', () => {
  const html = sliceAccuracyHtml(
    [
      { name: 'with "<script>"', n: 4, correct: 1, accuracy: 0.25, errorRate: 0.75 },
      { name: 'Q&A', n: 0, correct: 0, accuracy: null, errorRate: null },
    ],
    { title: 'Slices & <b>length</b>' },
  );

  it('escapes every text', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('with &quot;&lt;script&gt;&quot;');
    expect(html).toContain('<h2>Slices &amp; &lt;b&gt;length&lt;/b&gt;</h2>');
    expect(html.match(/&(?!amp;|lt;|gt;|quot;|#39;)/g)).toBeNull();
  });

  it('draws one accuracy bar per slice, none for an empty slice', () => {
    expect(html.match(/fill="#2e7d32"/g)).toHaveLength(2);
    expect(html).toContain('width="75" height="18" fill="#2e7d32"'); // 0.25 of 300
    expect(html).toContain('width="0" height="18" fill="#2e7d32"');
    expect(html).toContain('<td>Q&amp;A</td><td>0</td><td>0</td><td>n/a</td><td>n/a</td>');
    expect(html.startsWith('<section class="nlpft-behavior">')).toBe(true);
  });
});
