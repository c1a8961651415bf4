import { describe, expect, it } from 'vitest';
import { hostileResult } from './suite-result.test-helper';
import { suiteResultTable } from './suite-result-table';

describe('suiteResultTable', () => {
  it('renders a Markdown table with pipes and markup escaped', () => {
    expect(suiteResultTable(hostileResult)).toMatchInlineSnapshot(`
      "| test | kind | n | failures | failure rate | example failure |
      | --- | --- | --- | --- | --- | --- |
      | typos &amp; &lt;script&gt;alert(1)&lt;/script&gt; | INV | 4 | 2 | 50.0% | "Tom &amp; Jerry \\| &lt;script&gt;x&lt;/script&gt;" → 1 (0.75); "Tom &amp; Jery \\| &lt;script&gt;x&lt;/script&gt;" → 0 (0.50) |
      | vocabulary | MFT | 2 | 1 | 50.0% | "not bad" → 0, expected 1 |
      | names | DIR | 0 | 0 | n/a |  |
      "
    `);
  });

  it('renders aligned plain columns', () => {
    expect(suiteResultTable(hostileResult, { style: 'plain' })).toMatchInlineSnapshot(`
      "test                               kind  n  failures  failure rate  example failure
      typos & <script>alert(1)</script>  INV   4  2         50.0%         "Tom & Jerry | <script>x</script>" → 1 (0.75); "Tom & Jery | <script>x</script>" → 0 (0.50)
      vocabulary                         MFT   2  1         50.0%         "not bad" → 0, expected 1
      names                              DIR   0  0         n/a
      "
    `);
  });
});
