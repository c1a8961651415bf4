import { describe, expect, it } from 'vitest';
import { hostileResult } from './suite-result.test-helper';
import { suiteResultHtml } from './suite-result-html';

describe('suiteResultHtml', () => {
  const html = suiteResultHtml(hostileResult);

  it('escapes every text from the suite', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('typos &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Tom &amp; Jerry | &lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('Q&amp;A &lt;b&gt;suite&lt;/b&gt;');
    // no bare ampersand survives: each & starts an entity
    expect(html.match(/&(?!amp;|lt;|gt;|quot;|#39;)/g)).toBeNull();
  });

  it('draws one bar per test, width proportional to the failure rate', () => {
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html.match(/fill="#c0392b"/g)).toHaveLength(3);
    expect(html).toContain('width="150" height="18" fill="#c0392b"'); // 0.5 of 300
    expect(html).toContain('width="0" height="18" fill="#c0392b"'); // null: nothing tested
    expect(html).toContain('>n/a</text>');
  });

  it('lists failing examples with their predictions', () => {
    expect(html).toContain('→ 1 (0.75)');
    expect(html).toContain('<q>not bad</q> → 0, expected 1');
    expect(html.startsWith('<section class="nlpft-behavior">')).toBe(true);
    expect(html.endsWith('</section>')).toBe(true);
  });
});
